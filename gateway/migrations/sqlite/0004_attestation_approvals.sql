-- An attestation request leaves the institutions' pending list once a transaction approves it
-- (and returns to it if that transaction fails).
ALTER TABLE attestation_requests ADD COLUMN approved_tx TEXT;
