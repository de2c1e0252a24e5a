-- The index of a yinji chain: finalized blocks and what their events did.
-- Amounts and points are exact unsigned 128-bit integers stored as 39-digit zero-padded
-- decimal text, so that comparing and sorting the text compares the numbers in every engine.
-- Accounts and hashes are 0x-prefixed lower-case hex. The Postgres migration is this file with
-- BIGINT for INTEGER.

-- Where indexing stands: the last block whose events are all written (one row).
CREATE TABLE cursor (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	genesis_hash TEXT NOT NULL,
	block_number INTEGER NOT NULL,
	block_hash TEXT NOT NULL
);

CREATE TABLE blocks (
	number INTEGER PRIMARY KEY,
	hash TEXT NOT NULL UNIQUE,
	parent_hash TEXT NOT NULL,
	timestamp_ms INTEGER NOT NULL,
	spec_version INTEGER NOT NULL,
	event_count INTEGER NOT NULL
);

-- Every event of the yinji pallets, as decoded (the log the other tables are derived from).
CREATE TABLE events (
	block_number INTEGER NOT NULL,
	event_index INTEGER NOT NULL,
	block_hash TEXT NOT NULL,
	extrinsic_index INTEGER,
	pallet TEXT NOT NULL,
	name TEXT NOT NULL,
	fields TEXT NOT NULL,
	PRIMARY KEY (block_number, event_index),
	UNIQUE (block_hash, event_index)
);
CREATE INDEX events_by_name ON events (pallet, name);

CREATE TABLE attestations (
	creator TEXT PRIMARY KEY,
	institution TEXT NOT NULL,
	kyc_level INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	attested_block INTEGER NOT NULL,
	revoked_block INTEGER
);

CREATE TABLE works (
	id INTEGER PRIMARY KEY,
	registrant TEXT NOT NULL,
	content_hash TEXT NOT NULL UNIQUE,
	metadata_cid TEXT NOT NULL,
	kind TEXT NOT NULL,
	licence TEXT NOT NULL,
	parents TEXT NOT NULL,
	status TEXT NOT NULL,
	registered_block INTEGER NOT NULL,
	registered_ms INTEGER NOT NULL,
	withdrawn_block INTEGER
);
CREATE INDEX works_by_registrant ON works (registrant);

CREATE TABLE rights_holders (
	work INTEGER NOT NULL,
	account TEXT NOT NULL,
	share_bp INTEGER NOT NULL,
	PRIMARY KEY (work, account)
);
CREATE INDEX rights_holders_by_account ON rights_holders (account);

CREATE TABLE rights_changes (
	block_number INTEGER NOT NULL,
	event_index INTEGER NOT NULL,
	work INTEGER NOT NULL,
	change TEXT NOT NULL,
	account TEXT,
	detail TEXT NOT NULL,
	PRIMARY KEY (block_number, event_index)
);
CREATE INDEX rights_changes_by_work ON rights_changes (work);

CREATE TABLE disputes (
	work INTEGER NOT NULL,
	opened_block INTEGER NOT NULL,
	claimant TEXT NOT NULL,
	evidence_cid TEXT NOT NULL,
	ruled_block INTEGER,
	ruling TEXT,
	PRIMARY KEY (work, opened_block)
);

CREATE TABLE collections (
	id INTEGER PRIMARY KEY,
	work INTEGER NOT NULL,
	issuer TEXT NOT NULL,
	kind TEXT NOT NULL,
	max_supply INTEGER NOT NULL,
	royalty_bp INTEGER NOT NULL,
	policy TEXT NOT NULL,
	min_holder_kyc INTEGER NOT NULL,
	metadata_cid TEXT NOT NULL,
	created_block INTEGER NOT NULL,
	frozen INTEGER NOT NULL
);
CREATE INDEX collections_by_issuer ON collections (issuer);
CREATE INDEX collections_by_work ON collections (work);

CREATE TABLE items (
	collection INTEGER NOT NULL,
	item INTEGER NOT NULL,
	owner TEXT NOT NULL,
	minted_block INTEGER NOT NULL,
	burned_block INTEGER,
	frozen INTEGER NOT NULL,
	PRIMARY KEY (collection, item)
);
CREATE INDEX items_by_owner ON items (owner);

-- Every change of an item's owner: mint, gift, sale, burn.
CREATE TABLE transfers (
	block_number INTEGER NOT NULL,
	event_index INTEGER NOT NULL,
	collection INTEGER NOT NULL,
	item INTEGER NOT NULL,
	kind TEXT NOT NULL,
	from_account TEXT,
	to_account TEXT,
	PRIMARY KEY (block_number, event_index)
);
CREATE INDEX transfers_by_item ON transfers (collection, item);

CREATE TABLE tags (
	tag TEXT PRIMARY KEY,
	collection INTEGER NOT NULL,
	item INTEGER NOT NULL,
	kind TEXT NOT NULL,
	key_epoch INTEGER NOT NULL,
	watermark INTEGER NOT NULL,
	bound_block INTEGER NOT NULL,
	unbound_block INTEGER,
	unbind_reason TEXT
);
CREATE INDEX tags_by_item ON tags (collection, item);

-- Tag counters accepted on chain (the watermark raised at a sale or a claim).
CREATE TABLE tag_reads (
	block_number INTEGER NOT NULL,
	event_index INTEGER NOT NULL,
	tag TEXT NOT NULL,
	counter INTEGER NOT NULL,
	PRIMARY KEY (block_number, event_index)
);

-- Fixed-price and Dutch listings and auctions; open while closed_block is NULL.
CREATE TABLE listings (
	block_number INTEGER NOT NULL,
	event_index INTEGER NOT NULL,
	collection INTEGER NOT NULL,
	item INTEGER NOT NULL,
	kind TEXT NOT NULL,
	seller TEXT NOT NULL,
	asset TEXT NOT NULL,
	price TEXT NOT NULL,
	schedule TEXT NOT NULL,
	expires_at INTEGER NOT NULL,
	closed_block INTEGER,
	close_reason TEXT,
	PRIMARY KEY (block_number, event_index)
);
CREATE INDEX listings_by_item ON listings (collection, item);
CREATE INDEX listings_by_price ON listings (price);

CREATE TABLE bids (
	block_number INTEGER NOT NULL,
	event_index INTEGER NOT NULL,
	collection INTEGER NOT NULL,
	item INTEGER NOT NULL,
	bidder TEXT NOT NULL,
	amount TEXT NOT NULL,
	ends_at INTEGER NOT NULL,
	PRIMARY KEY (block_number, event_index)
);

CREATE TABLE offers (
	offer INTEGER PRIMARY KEY,
	block_number INTEGER NOT NULL,
	collection INTEGER NOT NULL,
	item INTEGER NOT NULL,
	offerer TEXT NOT NULL,
	asset TEXT NOT NULL,
	amount TEXT NOT NULL,
	closed_block INTEGER,
	close_reason TEXT
);

CREATE TABLE drops (
	collection INTEGER NOT NULL,
	block_number INTEGER NOT NULL,
	asset TEXT NOT NULL,
	price TEXT NOT NULL,
	closed_block INTEGER,
	PRIMARY KEY (collection, block_number)
);

-- Every settlement with its full breakdown: gross = fee + royalties + seller_proceeds.
CREATE TABLE sales (
	block_number INTEGER NOT NULL,
	event_index INTEGER NOT NULL,
	timestamp_ms INTEGER NOT NULL,
	collection INTEGER NOT NULL,
	item INTEGER NOT NULL,
	seller TEXT NOT NULL,
	buyer TEXT NOT NULL,
	asset TEXT NOT NULL,
	gross TEXT NOT NULL,
	fee TEXT NOT NULL,
	royalties TEXT NOT NULL,
	seller_proceeds TEXT NOT NULL,
	discount TEXT NOT NULL,
	loyalty_minted TEXT NOT NULL,
	PRIMARY KEY (block_number, event_index)
);
CREATE INDEX sales_by_buyer ON sales (buyer);
CREATE INDEX sales_by_seller ON sales (seller);
CREATE INDEX sales_by_item ON sales (collection, item);

CREATE TABLE royalty_payouts (
	block_number INTEGER NOT NULL,
	event_index INTEGER NOT NULL,
	position INTEGER NOT NULL,
	timestamp_ms INTEGER NOT NULL,
	account TEXT NOT NULL,
	asset TEXT NOT NULL,
	amount TEXT NOT NULL,
	collection INTEGER NOT NULL,
	item INTEGER NOT NULL,
	PRIMARY KEY (block_number, event_index, position)
);
CREATE INDEX royalty_payouts_by_account ON royalty_payouts (account, timestamp_ms);

-- Points earned, redeemed and expired, per member.
CREATE TABLE loyalty_ledger (
	block_number INTEGER NOT NULL,
	event_index INTEGER NOT NULL,
	timestamp_ms INTEGER NOT NULL,
	account TEXT NOT NULL,
	kind TEXT NOT NULL,
	points TEXT NOT NULL,
	source TEXT,
	expires_at INTEGER,
	asset TEXT,
	discount TEXT,
	PRIMARY KEY (block_number, event_index)
);
CREATE INDEX loyalty_ledger_by_account ON loyalty_ledger (account);

CREATE TABLE member_tiers (
	account TEXT PRIMARY KEY,
	tier INTEGER NOT NULL,
	changed_block INTEGER NOT NULL
);
