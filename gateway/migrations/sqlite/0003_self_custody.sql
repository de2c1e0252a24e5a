-- Challenges a user signs to link an address of their own (one open challenge per user). The
-- Postgres migration is this file with BIGINT for INTEGER.
CREATE TABLE key_challenges (
	user_id TEXT PRIMARY KEY,
	challenge TEXT NOT NULL,
	expires_ms INTEGER NOT NULL
);
