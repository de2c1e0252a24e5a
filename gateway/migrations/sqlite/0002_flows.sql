-- Extrinsics the gateway submitted for its users, and creators' attestation requests (whose
-- personal details never leave the gateway). The Postgres migration is this file with BIGINT
-- for INTEGER.

CREATE TABLE transactions (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL,
	flow TEXT NOT NULL,
	-- 'submitted', then 'finalized' or 'failed'.
	status TEXT NOT NULL,
	-- Finalized: the events as JSON; failed: the reason.
	detail TEXT NOT NULL,
	created_ms INTEGER NOT NULL,
	updated_ms INTEGER NOT NULL
);
CREATE INDEX transactions_by_user ON transactions (user_id);

CREATE TABLE attestation_requests (
	id TEXT PRIMARY KEY,
	user_id TEXT NOT NULL,
	real_name TEXT NOT NULL,
	id_number TEXT NOT NULL,
	created_ms INTEGER NOT NULL
);
