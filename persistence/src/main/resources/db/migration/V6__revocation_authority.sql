-- Every revocation keeps the authority of whoever made it (DESIGN, "Delegation"); restoring needs at least that.
-- Revocations made before this migration: the owner's own stay OWNER, anyone else's become ADMIN.

ALTER TABLE access_token ADD COLUMN revocation_authority VARCHAR(16) NULL;

UPDATE access_token
   SET revocation_authority = CASE WHEN revoked_by_id = owner_id THEN 'OWNER' ELSE 'ADMIN' END
 WHERE revoked_at IS NOT NULL;
