-- Token management: the kind of a token, the previous secret kept through a rotation's grace period, and indexes
-- for the workspace inventory (newest first, keyset paging) and its filters.

ALTER TABLE access_token ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'PERSONAL';
ALTER TABLE access_token ADD COLUMN previous_secret_hash CHAR(64) NULL;
ALTER TABLE access_token ADD COLUMN previous_valid_until DATETIME(6) NULL;
ALTER TABLE access_token ADD COLUMN rotated_at DATETIME(6) NULL;

CREATE UNIQUE INDEX uq_access_token_previous_hash ON access_token (previous_secret_hash);
CREATE INDEX ix_access_token_inventory ON access_token (workspace_id, created_at, token_id);
CREATE INDEX ix_access_token_creator ON access_token (workspace_id, created_by_id, created_at, token_id);
