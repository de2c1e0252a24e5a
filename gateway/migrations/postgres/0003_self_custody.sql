-- Challenges a user signs to link an address of their own (one open challenge per user).
-- This is the SQLite migration with BIGINT for INTEGER.
CREATE TABLE key_challenges (
	user_id TEXT PRIMARY KEY,
	challenge TEXT NOT NULL,
	expires_ms BIGINT NOT NULL
);
