-- Physical orders' escrow (`Marketplace.place_order` and each step after it), one row per order:
-- open while `closed_block` is NULL, with the state and deadline the chain last reported; closed
-- with how it ended. A settlement's breakdown is in `sales`, as for every sale.
CREATE TABLE orders (
	id INTEGER PRIMARY KEY,
	block_number INTEGER NOT NULL,
	collection INTEGER NOT NULL,
	item INTEGER NOT NULL,
	buyer TEXT NOT NULL,
	seller TEXT NOT NULL,
	asset TEXT NOT NULL,
	price TEXT NOT NULL,
	state TEXT NOT NULL,
	deadline INTEGER,
	disputed_by TEXT,
	refunded TEXT NOT NULL,
	outcome TEXT,
	closed_block INTEGER
);
CREATE INDEX orders_by_buyer ON orders (buyer);
CREATE INDEX orders_by_seller ON orders (seller);
CREATE INDEX orders_by_state ON orders (state);
