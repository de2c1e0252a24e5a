-- Tags this gateway issued or has seen read, and every read it judged with its signed receipt.
CREATE TABLE tags (
	-- 0x-hex sha2-256 of the NFC tag's UID, or of a printed code's signed message.
	tag_hash TEXT PRIMARY KEY,
	-- 'nfc' or 'qr'.
	kind TEXT NOT NULL,
	collection BIGINT NOT NULL,
	item BIGINT NOT NULL,
	key_epoch BIGINT NOT NULL,
	-- The issuing user's id, or 'chain' for a tag first seen through a read.
	issued_by TEXT NOT NULL,
	issued_ms BIGINT NOT NULL,
	-- The highest tap counter accepted (-1 before the first); raised only by a compare-and-set.
	last_counter BIGINT NOT NULL,
	-- A printed code's URL.
	link TEXT
);
CREATE INDEX tags_by_item ON tags (collection, item);

CREATE TABLE tag_reads (
	id TEXT PRIMARY KEY,
	tag_hash TEXT,
	counter BIGINT,
	-- 'genuine', 'warning' or 'rejected'.
	verdict TEXT NOT NULL,
	-- The signed receipt (JSON).
	receipt TEXT NOT NULL,
	at_ms BIGINT NOT NULL
);
CREATE INDEX tag_reads_by_tag ON tag_reads (tag_hash, at_ms);
