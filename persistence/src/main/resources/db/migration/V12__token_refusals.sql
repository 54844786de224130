-- Recent refusals of tokens (issue 16): the last few refusals of each identified token, written in batches off the
-- request path and trimmed to the newest 20 per token on each write. Never the Authorization header and never the
-- query string: only method, path, the decision chain's reason and where the request came from. Deleting a token
-- deletes its refusals. Runs unchanged on MySQL 8, MariaDB 11 and H2 (MySQL mode).

CREATE TABLE token_refusal (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    workspace_id    BIGINT       NOT NULL,
    token_id        VARCHAR(64)  NOT NULL,
    refused_at      DATETIME(6)  NOT NULL,
    method          VARCHAR(16)  NOT NULL,
    path            VARCHAR(512) NOT NULL,
    reason          VARCHAR(64)  NOT NULL,
    client_address  VARCHAR(64)  NULL,
    user_agent      VARCHAR(255) NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_token_refusal_token FOREIGN KEY (token_id) REFERENCES access_token (token_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_token_refusal_token ON token_refusal (token_id, refused_at, id);
