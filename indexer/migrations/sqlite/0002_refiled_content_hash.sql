-- A withdrawn registration frees its content hash, and the same hash may be filed again as a new
-- work: the hash identifies content, not a work, so it is indexed but not unique. SQLite cannot
-- drop a column constraint, so the table is rebuilt with the same columns and rows.
CREATE TABLE works_refiled (
	id INTEGER PRIMARY KEY,
	registrant TEXT NOT NULL,
	content_hash TEXT NOT NULL,
	metadata_cid TEXT NOT NULL,
	kind TEXT NOT NULL,
	licence TEXT NOT NULL,
	parents TEXT NOT NULL,
	status TEXT NOT NULL,
	registered_block INTEGER NOT NULL,
	registered_ms INTEGER NOT NULL,
	withdrawn_block INTEGER
);
INSERT INTO works_refiled SELECT id, registrant, content_hash, metadata_cid, kind, licence,
	parents, status, registered_block, registered_ms, withdrawn_block FROM works;
DROP TABLE works;
ALTER TABLE works_refiled RENAME TO works;
CREATE INDEX works_by_registrant ON works (registrant);
CREATE INDEX works_by_content_hash ON works (content_hash);
