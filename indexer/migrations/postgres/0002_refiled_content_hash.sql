-- A withdrawn registration frees its content hash, and the same hash may be filed again as a new
-- work: the hash identifies content, not a work, so it is indexed but not unique.
ALTER TABLE works DROP CONSTRAINT works_content_hash_key;
CREATE INDEX works_by_content_hash ON works (content_hash);
