-- Entitlements (Databricks workspace entitlements such as workspace-access, as SCIM's entitlements name them),
-- given directly to users and service principals, and to groups, whose members hold them through the group.
-- Only workspace-access means anything in Warden: it lets a user sign in to the console. Runs unchanged on
-- MySQL 8, MariaDB 11 and H2 (MySQL mode).

CREATE TABLE principal_entitlement (
    principal_id  BIGINT      NOT NULL,
    workspace_id  BIGINT      NOT NULL,
    entitlement   VARCHAR(64) NOT NULL,
    PRIMARY KEY (principal_id, entitlement),
    CONSTRAINT fk_principal_entitlement_principal FOREIGN KEY (principal_id) REFERENCES principal (id) ON DELETE CASCADE,
    CONSTRAINT fk_principal_entitlement_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_principal_entitlement_workspace ON principal_entitlement (workspace_id, principal_id);

CREATE TABLE group_entitlement (
    group_id      BIGINT      NOT NULL,
    workspace_id  BIGINT      NOT NULL,
    entitlement   VARCHAR(64) NOT NULL,
    PRIMARY KEY (group_id, entitlement),
    CONSTRAINT fk_group_entitlement_group FOREIGN KEY (group_id) REFERENCES principal_group (id) ON DELETE CASCADE,
    CONSTRAINT fk_group_entitlement_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_group_entitlement_workspace ON group_entitlement (workspace_id, group_id);

-- Every user could sign in to the console before this version; they keep that (as on Databricks, where every user
-- gets workspace-access from the users group). Service principals and technical users never sign in.
INSERT INTO principal_entitlement (principal_id, workspace_id, entitlement)
    SELECT id, workspace_id, 'workspace-access' FROM principal WHERE kind = 'USER';

-- SCIM compares userName without regard to case (RFC 7643); the lower-cased copy, kept by the database, lets
-- `userName eq "…"` (the SDK's and Terraform's lookup of a user) and `sw` use an index instead of reading every user.
ALTER TABLE principal ADD COLUMN user_name_lower VARCHAR(255) GENERATED ALWAYS AS (LOWER(user_name));
CREATE INDEX ix_principal_user_name_lower ON principal (workspace_id, kind, user_name_lower, id);
