-- The shop: products on sale, carts, orders. Shipping addresses live here only, never on chain.
CREATE TABLE products (
	id TEXT PRIMARY KEY,
	seller_id TEXT NOT NULL REFERENCES users (id),
	collection INTEGER NOT NULL,
	-- 'physical' (a physical twin: paid by a held offer, claimed by tap) or 'collectible'.
	kind TEXT NOT NULL CHECK (kind IN ('physical', 'collectible')),
	title TEXT NOT NULL,
	creator_name TEXT NOT NULL,
	story TEXT NOT NULL,
	-- Space-separated tags.
	tags TEXT NOT NULL,
	-- In the smallest unit of the native currency.
	price INTEGER NOT NULL CHECK (price > 0),
	-- Units left; only ever lowered by a guarded update, so it cannot go below zero.
	stock INTEGER NOT NULL CHECK (stock >= 0),
	royalty_bp INTEGER NOT NULL,
	edition_of INTEGER NOT NULL,
	image_cid TEXT,
	featured INTEGER NOT NULL DEFAULT 0,
	created_ms INTEGER NOT NULL
);
CREATE INDEX products_by_price ON products (price);
CREATE INDEX products_by_seller ON products (seller_id);

-- Full-text search over titles, creators, tags and stories; trigrams, so that Chinese text
-- (which has no spaces) matches inside words.
CREATE VIRTUAL TABLE products_fts USING fts5 (product UNINDEXED, body, tokenize = 'trigram');

-- The items behind a product; a unit is taken by one order at checkout.
CREATE TABLE product_units (
	product TEXT NOT NULL REFERENCES products (id),
	item INTEGER NOT NULL,
	order_id TEXT,
	PRIMARY KEY (product, item)
);

CREATE TABLE cart_lines (
	user_id TEXT NOT NULL REFERENCES users (id),
	product TEXT NOT NULL REFERENCES products (id),
	quantity INTEGER NOT NULL CHECK (quantity > 0),
	PRIMARY KEY (user_id, product)
);

CREATE TABLE orders (
	id TEXT PRIMARY KEY,
	buyer_id TEXT NOT NULL REFERENCES users (id),
	-- 'pending' (payment submitted), 'paid', 'failed' (units returned to stock).
	status TEXT NOT NULL,
	total INTEGER NOT NULL,
	ship_name TEXT,
	ship_address TEXT,
	payment_tx TEXT,
	failure TEXT,
	created_ms INTEGER NOT NULL,
	updated_ms INTEGER NOT NULL
);
CREATE INDEX orders_by_buyer ON orders (buyer_id, created_ms);

CREATE TABLE order_lines (
	order_id TEXT NOT NULL REFERENCES orders (id),
	product TEXT NOT NULL REFERENCES products (id),
	seller_id TEXT NOT NULL,
	collection INTEGER NOT NULL,
	item INTEGER NOT NULL,
	kind TEXT NOT NULL,
	price INTEGER NOT NULL,
	-- 'pending', 'paid' (offer held), 'shipping' (reserved listing submitted), 'shipped',
	-- 'claimed' (the buyer tapped the tag), 'delivered' (a collectible, at payment), 'failed'.
	status TEXT NOT NULL,
	-- The buyer's held offer (physical products).
	offer INTEGER,
	tracking TEXT,
	PRIMARY KEY (order_id, collection, item)
);
CREATE INDEX order_lines_by_seller ON order_lines (seller_id, status);
