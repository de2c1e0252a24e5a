-- The shop: products on sale, carts, orders. Shipping addresses live here only, never on chain.
CREATE TABLE products (
	id TEXT PRIMARY KEY,
	seller_id TEXT NOT NULL REFERENCES users (id),
	collection BIGINT NOT NULL,
	-- 'physical' (a physical twin: paid by a held offer, claimed by tap) or 'collectible'.
	kind TEXT NOT NULL CHECK (kind IN ('physical', 'collectible')),
	title TEXT NOT NULL,
	creator_name TEXT NOT NULL,
	story TEXT NOT NULL,
	-- Space-separated tags.
	tags TEXT NOT NULL,
	-- In the smallest unit of the native currency.
	price BIGINT NOT NULL CHECK (price > 0),
	-- Units left; only ever lowered by a guarded update, so it cannot go below zero.
	stock BIGINT NOT NULL CHECK (stock >= 0),
	royalty_bp BIGINT NOT NULL,
	edition_of BIGINT NOT NULL,
	image_cid TEXT,
	featured BIGINT NOT NULL DEFAULT 0,
	created_ms BIGINT NOT NULL
);
CREATE INDEX products_by_price ON products (price);
CREATE INDEX products_by_seller ON products (seller_id);

-- Full-text search over titles, creators, tags and stories: a GIN index over 'simple'
-- tsvectors; Chinese text (which has no spaces) is matched inside words by the query's ILIKE.
ALTER TABLE products ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
CREATE INDEX products_search ON products USING GIN (to_tsvector('simple', search_text));

-- The items behind a product; a unit is taken by one order at checkout.
CREATE TABLE product_units (
	product TEXT NOT NULL REFERENCES products (id),
	item BIGINT NOT NULL,
	order_id TEXT,
	PRIMARY KEY (product, item)
);

CREATE TABLE cart_lines (
	user_id TEXT NOT NULL REFERENCES users (id),
	product TEXT NOT NULL REFERENCES products (id),
	quantity BIGINT NOT NULL CHECK (quantity > 0),
	PRIMARY KEY (user_id, product)
);

CREATE TABLE orders (
	id TEXT PRIMARY KEY,
	buyer_id TEXT NOT NULL REFERENCES users (id),
	-- 'pending' (payment submitted), 'paid', 'failed' (units returned to stock).
	status TEXT NOT NULL,
	total BIGINT NOT NULL,
	ship_name TEXT,
	ship_address TEXT,
	payment_tx TEXT,
	failure TEXT,
	created_ms BIGINT NOT NULL,
	updated_ms BIGINT NOT NULL
);
CREATE INDEX orders_by_buyer ON orders (buyer_id, created_ms);

CREATE TABLE order_lines (
	order_id TEXT NOT NULL REFERENCES orders (id),
	product TEXT NOT NULL REFERENCES products (id),
	seller_id TEXT NOT NULL,
	collection BIGINT NOT NULL,
	item BIGINT NOT NULL,
	kind TEXT NOT NULL,
	price BIGINT NOT NULL,
	-- 'pending', 'paid' (offer held), 'shipping' (reserved listing submitted), 'shipped',
	-- 'claimed' (the buyer tapped the tag), 'delivered' (a collectible, at payment), 'failed'.
	status TEXT NOT NULL,
	-- The buyer's held offer (physical products).
	offer BIGINT,
	tracking TEXT,
	PRIMARY KEY (order_id, collection, item)
);
CREATE INDEX order_lines_by_seller ON order_lines (seller_id, status);
