-- Each workspace's authorisation version (DESIGN, "Request cost"): every change that can alter a decision of the
-- decision chain moves it on in the change's own transaction, and the token a request presents is read with it in
-- one statement, so that a node may reuse what it resolved for that workspace at that version. A row of its own
-- rather than a column of workspace: inserting a row that refers to the workspace (a token, a principal, a grant)
-- takes a shared lock on the workspace row for its foreign key, which two changes would each hold while waiting to
-- update the version there. Nothing refers to this row, so moving it on waits only for another such change.
-- Runs unchanged on MySQL 8, MariaDB 11 and H2 (MySQL mode).

CREATE TABLE authorization_version (
    workspace_id  BIGINT NOT NULL,
    version       BIGINT NOT NULL,
    PRIMARY KEY (workspace_id),
    CONSTRAINT fk_authorization_version_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO authorization_version (workspace_id, version) SELECT id, 0 FROM workspace;
