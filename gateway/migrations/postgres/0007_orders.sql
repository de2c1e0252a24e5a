-- Physical orders are escrowed on chain (`Marketplace.place_order`): each physical line
-- records its on-chain order. And one product per chain item: a unit on sale names its item
-- in full, and no two units on sale name the same one.
ALTER TABLE order_lines ADD COLUMN chain_order BIGINT;
CREATE INDEX order_lines_by_chain_order ON order_lines (chain_order);

ALTER TABLE product_units ADD COLUMN collection BIGINT NOT NULL DEFAULT 0;
UPDATE product_units SET collection =
	(SELECT collection FROM products WHERE products.id = product_units.product);
-- An item two products offered stays with the older product; the newer one's unit comes off
-- sale, and its stock never counts more than its free units.
DELETE FROM product_units WHERE order_id IS NULL AND EXISTS (
	SELECT 1 FROM product_units other
	JOIN products older ON older.id = other.product
	JOIN products newer ON newer.id = product_units.product
	WHERE other.collection = product_units.collection AND other.item = product_units.item
		AND other.order_id IS NULL AND other.product <> product_units.product
		AND (older.created_ms < newer.created_ms
			OR (older.created_ms = newer.created_ms AND older.id < newer.id)));
UPDATE products SET stock = LEAST(stock, (SELECT COUNT(*) FROM product_units
	WHERE product_units.product = products.id AND product_units.order_id IS NULL));
CREATE UNIQUE INDEX product_units_on_sale ON product_units (collection, item)
	WHERE order_id IS NULL;
