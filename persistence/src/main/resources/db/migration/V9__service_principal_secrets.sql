-- OAuth machine-to-machine (issue 14): service principal secrets (only the SHA-256 of each value, unique across the
-- installation, as for tokens), the secret an OAuth access token was obtained with, and the workspace's cap on a
-- secret's lifetime. Runs unchanged on MySQL 8, MariaDB 11 and H2 (MySQL mode).
-- (Version 8 belongs to another change; Flyway applies versions in order and allows the gap.)

CREATE TABLE service_principal_secret (
    secret_id     VARCHAR(64)  NOT NULL,
    workspace_id  BIGINT       NOT NULL,
    principal_id  BIGINT       NOT NULL,
    secret_hash   CHAR(64)     NOT NULL,
    display_hint  VARCHAR(32)  NOT NULL,
    created_by_id BIGINT       NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    expires_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (secret_id),
    CONSTRAINT uq_service_principal_secret_hash UNIQUE (secret_hash),
    CONSTRAINT fk_service_principal_secret_principal FOREIGN KEY (principal_id) REFERENCES principal (id)
        ON DELETE CASCADE,
    CONSTRAINT fk_service_principal_secret_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_service_principal_secret_owner
    ON service_principal_secret (workspace_id, principal_id, created_at, secret_id);

-- Kept after its secret is deleted (no foreign key), so a revoked token still names the secret that obtained it.
ALTER TABLE access_token ADD COLUMN oauth_secret_id VARCHAR(64) NULL;
CREATE INDEX ix_access_token_oauth_secret ON access_token (workspace_id, oauth_secret_id);

ALTER TABLE workspace_setting ADD COLUMN max_secret_lifetime_days INT NULL;
