-- Expiry notices (issue 18). Runs unchanged on MySQL 8, MariaDB 11 and H2 (MySQL mode).

-- A workspace's notification settings; no row: the defaults (lead times 30, 7 and 1 days, no extra addresses).
-- lead_days: comma-separated days, largest first ('' turns notices off); extra_addresses: comma-separated.
CREATE TABLE notice_setting (
    workspace_id     BIGINT        NOT NULL,
    lead_days        VARCHAR(64)   NOT NULL,
    extra_addresses  VARCHAR(5200) NOT NULL,
    updated_at       DATETIME(6)   NOT NULL,
    PRIMARY KEY (workspace_id),
    CONSTRAINT fk_notice_setting_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The claim of one notice: the node that inserts the row sends it; a duplicate key means another run (on this or
-- any node, before or after a restart) did. Gone with its token.
CREATE TABLE token_notice (
    token_id    VARCHAR(64) NOT NULL,
    lead_days   INT         NOT NULL,
    claimed_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (token_id, lead_days),
    CONSTRAINT fk_token_notice_token FOREIGN KEY (token_id) REFERENCES access_token (token_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
