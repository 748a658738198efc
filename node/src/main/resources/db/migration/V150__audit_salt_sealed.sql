-- The audit salt is kept sealed under the node's key store (NodeSecrets), never in the clear.
-- A plain salt of an earlier version is sealed and erased by the node on its next start
-- (AuditSalt): sealing needs the node's private key, which a migration does not have.
ALTER TABLE audit_secret ADD COLUMN sealed_salt BYTEA;
ALTER TABLE audit_secret ALTER COLUMN salt DROP NOT NULL;
