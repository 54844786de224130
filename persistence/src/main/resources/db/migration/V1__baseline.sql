-- Runs unchanged on MySQL 8, MariaDB 11 and H2 (MySQL mode).
-- Every table carries the workspace; times are DATETIME(6) in UTC, written with microsecond precision.

CREATE TABLE workspace (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    name        VARCHAR(100) NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_workspace_name UNIQUE (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Users, service principals and technical users share one table; kind tells them apart.
CREATE TABLE principal (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    workspace_id    BIGINT       NOT NULL,
    kind            VARCHAR(32)  NOT NULL,
    user_name       VARCHAR(255) NULL,
    application_id  VARCHAR(36)  NULL,
    display_name    VARCHAR(255) NOT NULL,
    active          BOOLEAN      NOT NULL,
    password_hash   VARCHAR(255) NULL,
    created_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_principal_user_name UNIQUE (workspace_id, user_name),
    CONSTRAINT uq_principal_application_id UNIQUE (workspace_id, application_id),
    CONSTRAINT fk_principal_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Role assignments at workspace scope (group scope and custom roles come with the directory).
CREATE TABLE role_assignment (
    id            BIGINT      NOT NULL AUTO_INCREMENT,
    workspace_id  BIGINT      NOT NULL,
    principal_id  BIGINT      NOT NULL,
    role_name     VARCHAR(64) NOT NULL,
    created_at    DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_role_assignment UNIQUE (workspace_id, principal_id, role_name),
    CONSTRAINT fk_role_assignment_principal FOREIGN KEY (principal_id) REFERENCES principal (id) ON DELETE CASCADE,
    CONSTRAINT fk_role_assignment_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Only the SHA-256 of a token's value is stored (secret_hash, unique: O(1) lookup), never the value.
CREATE TABLE access_token (
    token_id           VARCHAR(64)  NOT NULL,
    workspace_id       BIGINT       NOT NULL,
    secret_hash        CHAR(64)     NOT NULL,
    display_hint       VARCHAR(32)  NOT NULL,
    owner_id           BIGINT       NOT NULL,
    created_by_id      BIGINT       NOT NULL,
    comment            VARCHAR(255) NOT NULL,
    created_at         DATETIME(6)  NOT NULL,
    expires_at         DATETIME(6)  NULL,
    revoked_at         DATETIME(6)  NULL,
    revoked_by_id      BIGINT       NULL,
    last_used_at       DATETIME(6)  NULL,
    last_used_address  VARCHAR(64)  NULL,
    last_used_agent    VARCHAR(255) NULL,
    PRIMARY KEY (token_id),
    CONSTRAINT uq_access_token_secret_hash UNIQUE (secret_hash),
    CONSTRAINT fk_access_token_owner FOREIGN KEY (owner_id) REFERENCES principal (id) ON DELETE CASCADE,
    CONSTRAINT fk_access_token_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_access_token_owner ON access_token (workspace_id, owner_id, created_at, token_id);

CREATE TABLE access_token_scope (
    token_id      VARCHAR(64)  NOT NULL,
    workspace_id  BIGINT       NOT NULL,
    scope         VARCHAR(100) NOT NULL,
    PRIMARY KEY (token_id, scope),
    CONSTRAINT fk_access_token_scope_token FOREIGN KEY (token_id) REFERENCES access_token (token_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Append-only; deliberately no foreign keys to what it describes, so deleting a token keeps its history.
CREATE TABLE audit_event (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    workspace_id    BIGINT       NOT NULL,
    occurred_at     DATETIME(6)  NOT NULL,
    actor_id        BIGINT       NULL,
    actor_name      VARCHAR(255) NULL,
    action          VARCHAR(64)  NOT NULL,
    target_type     VARCHAR(64)  NULL,
    target_id       VARCHAR(255) NULL,
    client_address  VARCHAR(64)  NULL,
    details         TEXT         NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_audit_event_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_audit_event_recent ON audit_event (workspace_id, occurred_at, id);
CREATE INDEX ix_audit_event_target ON audit_event (workspace_id, target_type, target_id);
