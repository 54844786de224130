-- The directory: profile fields of users and service principals, groups and memberships, roles (built-in rows
-- seeded per workspace; their permissions live in code) and role assignments to principals or groups, at
-- workspace scope or at one group's scope. Runs unchanged on MySQL 8, MariaDB 11 and H2 (MySQL mode).

ALTER TABLE principal ADD COLUMN email VARCHAR(320) NULL;
ALTER TABLE principal ADD COLUMN given_name VARCHAR(255) NULL;
ALTER TABLE principal ADD COLUMN family_name VARCHAR(255) NULL;
ALTER TABLE principal ADD COLUMN external_id VARCHAR(255) NULL;
CREATE INDEX ix_principal_kind_name ON principal (workspace_id, kind, display_name, id);

CREATE TABLE principal_group (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    workspace_id  BIGINT       NOT NULL,
    display_name  VARCHAR(255) NOT NULL,
    external_id   VARCHAR(255) NULL,
    created_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_principal_group_name UNIQUE (workspace_id, display_name),
    CONSTRAINT fk_principal_group_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE group_member (
    group_id      BIGINT      NOT NULL,
    principal_id  BIGINT      NOT NULL,
    workspace_id  BIGINT      NOT NULL,
    created_at    DATETIME(6) NOT NULL,
    PRIMARY KEY (group_id, principal_id),
    CONSTRAINT fk_group_member_group FOREIGN KEY (group_id) REFERENCES principal_group (id) ON DELETE CASCADE,
    CONSTRAINT fk_group_member_principal FOREIGN KEY (principal_id) REFERENCES principal (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_group_member_principal ON group_member (workspace_id, principal_id);

CREATE TABLE role (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    workspace_id  BIGINT       NOT NULL,
    name          VARCHAR(64)  NOT NULL,
    description   VARCHAR(255) NOT NULL,
    built_in      BOOLEAN      NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_role_name UNIQUE (workspace_id, name),
    CONSTRAINT fk_role_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Permissions of custom roles only.
CREATE TABLE role_permission (
    role_id       BIGINT      NOT NULL,
    workspace_id  BIGINT      NOT NULL,
    permission    VARCHAR(64) NOT NULL,
    PRIMARY KEY (role_id, permission),
    CONSTRAINT fk_role_permission_role FOREIGN KEY (role_id) REFERENCES role (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO role (workspace_id, name, description, built_in, created_at)
    SELECT id, 'workspace-admin', 'Everything in the workspace', TRUE, created_at FROM workspace;
INSERT INTO role (workspace_id, name, description, built_in, created_at)
    SELECT id, 'user', 'Own access tokens; read the directory', TRUE, created_at FROM workspace;
INSERT INTO role (workspace_id, name, description, built_in, created_at)
    SELECT id, 'auditor', 'Read everything, change nothing', TRUE, created_at FROM workspace;
INSERT INTO role (workspace_id, name, description, built_in, created_at)
    SELECT id, 'group-admin', 'Manage one group''s members and its tokens', TRUE, created_at FROM workspace;
INSERT INTO role (workspace_id, name, description, built_in, created_at)
    SELECT id, 'group-member', 'Read one group and its members', TRUE, created_at FROM workspace;

-- Assignments point at a role row and at exactly one principal or group; scope_group_id NULL = workspace.
CREATE TABLE role_grant (
    id              BIGINT      NOT NULL AUTO_INCREMENT,
    workspace_id    BIGINT      NOT NULL,
    role_id         BIGINT      NOT NULL,
    principal_id    BIGINT      NULL,
    group_id        BIGINT      NULL,
    scope_group_id  BIGINT      NULL,
    created_at      DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_role_grant_role FOREIGN KEY (role_id) REFERENCES role (id) ON DELETE CASCADE,
    CONSTRAINT fk_role_grant_principal FOREIGN KEY (principal_id) REFERENCES principal (id) ON DELETE CASCADE,
    CONSTRAINT fk_role_grant_group FOREIGN KEY (group_id) REFERENCES principal_group (id) ON DELETE CASCADE,
    CONSTRAINT fk_role_grant_scope FOREIGN KEY (scope_group_id) REFERENCES principal_group (id) ON DELETE CASCADE,
    CONSTRAINT fk_role_grant_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_role_grant_principal ON role_grant (workspace_id, principal_id);
CREATE INDEX ix_role_grant_group ON role_grant (workspace_id, group_id);
CREATE INDEX ix_role_grant_role ON role_grant (workspace_id, role_id);

-- The foundation's workspace-role rows move over to the role rows they name.
INSERT INTO role_grant (workspace_id, role_id, principal_id, group_id, scope_group_id, created_at)
    SELECT ra.workspace_id, r.id, ra.principal_id, NULL, NULL, ra.created_at
      FROM role_assignment ra
      JOIN role r ON r.workspace_id = ra.workspace_id AND r.name = ra.role_name;

DROP TABLE role_assignment;
