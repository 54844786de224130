-- Webhooks and the token event outbox (issue 18). Runs unchanged on MySQL 8, MariaDB 11 and H2 (MySQL mode).

-- A workspace's webhook. secret: the Standard Webhooks signing secret (whsec_...), kept as it is because Warden
-- signs with it (a hash could not sign); never shown after creation. event_types: comma-separated type strings,
-- '' for every type.
CREATE TABLE webhook (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    workspace_id BIGINT        NOT NULL,
    url          VARCHAR(2000) NOT NULL,
    event_types  VARCHAR(1000) NOT NULL,
    secret       VARCHAR(100)  NOT NULL,
    enabled      BOOLEAN       NOT NULL,
    created_at   DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_webhook_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_webhook_workspace ON webhook (workspace_id);

-- The outbox: one row per event, written in the transaction of the change it describes. message_id is the
-- webhook-id every delivery of it carries (unique: a deterministic id, as token.expiring uses, goes in once).
-- payload: the JSON body, fixed here so that every try sends the same bytes. alert_state: NONE for types without an
-- e-mail alert, else PENDING until SENT, FAILED (tries used up), OFF (e-mail off or nobody to tell) or GONE.
-- No foreign key to the token: the event outlives a deleted token (token.deleted is about exactly that).
CREATE TABLE token_event (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    message_id     VARCHAR(64)  NOT NULL,
    workspace_id   BIGINT       NOT NULL,
    type           VARCHAR(64)  NOT NULL,
    token_id       VARCHAR(64)  NULL,
    occurred_at    DATETIME(6)  NOT NULL,
    payload        TEXT         NOT NULL,
    alert_state    VARCHAR(16)  NOT NULL,
    alert_attempts INT          NOT NULL,
    alert_next_at  DATETIME(6)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_token_event_message UNIQUE (message_id),
    CONSTRAINT fk_token_event_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_token_event_alert ON token_event (alert_state, alert_next_at);
-- the dispatcher's clean-up: events older than the retention with nothing left to do
CREATE INDEX ix_token_event_occurred ON token_event (occurred_at);

-- One event to one webhook: made with the event for every enabled webhook that takes its type. status: PENDING
-- until SUCCEEDED or FAILED; next_attempt_at: when the dispatcher tries again.
CREATE TABLE webhook_delivery (
    id              BIGINT      NOT NULL AUTO_INCREMENT,
    webhook_id      BIGINT      NOT NULL,
    event_id        BIGINT      NOT NULL,
    status          VARCHAR(16) NOT NULL,
    attempts        INT         NOT NULL,
    next_attempt_at DATETIME(6) NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_webhook_delivery UNIQUE (webhook_id, event_id),
    CONSTRAINT fk_webhook_delivery_webhook FOREIGN KEY (webhook_id) REFERENCES webhook (id) ON DELETE CASCADE,
    CONSTRAINT fk_webhook_delivery_event FOREIGN KEY (event_id) REFERENCES token_event (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_webhook_delivery_due ON webhook_delivery (status, next_attempt_at);

-- The delivery log: one row per try. Never the response body (an admin must not read intranet pages through it):
-- the status code, or the class of the failure when nothing answered.
CREATE TABLE webhook_attempt (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    delivery_id     BIGINT       NOT NULL,
    webhook_id      BIGINT       NOT NULL,
    attempt         INT          NOT NULL,
    attempted_at    DATETIME(6)  NOT NULL,
    status_code     INT          NULL,
    error           VARCHAR(100) NULL,
    next_attempt_at DATETIME(6)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_webhook_attempt_delivery FOREIGN KEY (delivery_id) REFERENCES webhook_delivery (id)
        ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_webhook_attempt_log ON webhook_attempt (webhook_id, attempted_at, id);
