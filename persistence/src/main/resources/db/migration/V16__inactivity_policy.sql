-- The inactivity policy (issue 18). Runs unchanged on MySQL 8, MariaDB 11 and H2 (MySQL mode).

-- Revoke tokens unused for more than this many days (7-730); NULL: the policy is off.
ALTER TABLE workspace_setting ADD COLUMN revoke_unused_after_days INT NULL;
-- When the policy took its current value: it revokes nothing before the notices' longest lead time has passed since,
-- so that every token it revokes was warned first. NULL while the policy is off.
ALTER TABLE workspace_setting ADD COLUMN revoke_unused_since DATETIME(6) NULL;

-- When a token was last restored: the policy counts from it as from a use, so that a token an admin restored is not
-- revoked again by the next run.
ALTER TABLE access_token ADD COLUMN restored_at DATETIME(6) NULL;

-- The claim of one inactivity notice, apart from the expiry notices' claims in token_notice: the node that inserts
-- the row sends it. The due date is part of the key: a token used after its notice is due later, and the new idle
-- spell gets its own notices. Gone with its token.
CREATE TABLE token_inactivity_notice (
    token_id    VARCHAR(64) NOT NULL,
    due_at      DATETIME(6) NOT NULL,
    lead_days   INT         NOT NULL,
    claimed_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (token_id, due_at, lead_days),
    CONSTRAINT fk_token_inactivity_notice_token FOREIGN KEY (token_id) REFERENCES access_token (token_id)
        ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
