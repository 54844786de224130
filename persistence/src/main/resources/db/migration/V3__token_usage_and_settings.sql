-- Workspace settings (one row per workspace once changed; absent = defaults) and the token usage list of the
-- object authorization/tokens. Runs unchanged on MySQL 8, MariaDB 11 and H2 (MySQL mode).

CREATE TABLE workspace_setting (
    workspace_id                 BIGINT      NOT NULL,
    tokens_enabled               BOOLEAN     NOT NULL,
    max_token_lifetime_days      INT         NULL,
    default_token_lifetime_days  INT         NULL,
    token_quota                  INT         NOT NULL,
    updated_at                   DATETIME(6) NOT NULL,
    PRIMARY KEY (workspace_id),
    CONSTRAINT fk_workspace_setting_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Exactly one of principal_id and group_id; an entry goes when its principal or group is deleted.
CREATE TABLE token_usage_entry (
    id            BIGINT      NOT NULL AUTO_INCREMENT,
    workspace_id  BIGINT      NOT NULL,
    principal_id  BIGINT      NULL,
    group_id      BIGINT      NULL,
    level         VARCHAR(16) NOT NULL,
    created_at    DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_token_usage_principal FOREIGN KEY (principal_id) REFERENCES principal (id) ON DELETE CASCADE,
    CONSTRAINT fk_token_usage_group FOREIGN KEY (group_id) REFERENCES principal_group (id) ON DELETE CASCADE,
    CONSTRAINT fk_token_usage_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_token_usage_workspace ON token_usage_entry (workspace_id, id);
