-- Intranet services that rely on Warden (issue 15): a registered service, the service principal it introspects
-- with (one service per service principal), and the scopes it declares, which join the workspace's permission
-- catalogue (unique per workspace, so a role or token names one by its key). Removing a service removes its scopes;
-- so does deleting its service principal. Runs unchanged on MySQL 8, MariaDB 11 and H2 (MySQL mode).

CREATE TABLE registered_service (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    workspace_id  BIGINT       NOT NULL,
    name          VARCHAR(32)  NOT NULL,
    display_name  VARCHAR(255) NOT NULL,
    principal_id  BIGINT       NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_registered_service_name UNIQUE (workspace_id, name),
    CONSTRAINT uq_registered_service_principal UNIQUE (workspace_id, principal_id),
    CONSTRAINT fk_registered_service_principal FOREIGN KEY (principal_id) REFERENCES principal (id)
        ON DELETE CASCADE,
    CONSTRAINT fk_registered_service_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE service_scope (
    service_id    BIGINT       NOT NULL,
    workspace_id  BIGINT       NOT NULL,
    scope         VARCHAR(64)  NOT NULL,
    description   VARCHAR(255) NOT NULL,
    PRIMARY KEY (service_id, scope),
    CONSTRAINT uq_service_scope_key UNIQUE (workspace_id, scope),
    CONSTRAINT fk_service_scope_service FOREIGN KEY (service_id) REFERENCES registered_service (id)
        ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Which registered service last asked about a token (introspection or forward authentication), beside its last use.
ALTER TABLE access_token ADD COLUMN last_used_service VARCHAR(32) NULL;
