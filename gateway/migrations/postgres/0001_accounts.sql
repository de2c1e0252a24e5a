-- The gateway's own data (never on chain). This is the SQLite migration with BIGINT for
-- INTEGER. Secrets are never stored in clear: passwords as argon2id hashes, session tokens as
-- their sha2-256, custodial keys sealed (see gateway/src/keys.rs).

CREATE TABLE users (
	id TEXT PRIMARY KEY,
	email TEXT NOT NULL UNIQUE,
	password_hash TEXT NOT NULL,
	role TEXT NOT NULL,
	created_ms BIGINT NOT NULL,
	-- The account on chain (0x-hex of the sr25519 public key).
	address TEXT NOT NULL UNIQUE,
	-- 'custodial' (the gateway holds the sealed key) or 'self' (the user signs).
	custody TEXT NOT NULL,
	-- The user's data key sealed by the master key, and the key seed sealed by the data key
	-- (hex of nonce || ciphertext); empty for self-custody.
	sealed_data_key TEXT NOT NULL,
	sealed_seed TEXT NOT NULL
);

CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	user_id TEXT NOT NULL,
	csrf_token TEXT NOT NULL,
	created_ms BIGINT NOT NULL,
	expires_ms BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Failed log-ins, for throttling (per e-mail address).
CREATE TABLE login_failures (
	email TEXT NOT NULL,
	at_ms BIGINT NOT NULL
);
CREATE INDEX login_failures_by_email ON login_failures (email, at_ms);

-- Content each user uploaded, for quotas.
CREATE TABLE uploads (
	user_id TEXT NOT NULL,
	cid TEXT NOT NULL,
	size BIGINT NOT NULL,
	media_type TEXT NOT NULL,
	created_ms BIGINT NOT NULL,
	PRIMARY KEY (user_id, cid)
);
