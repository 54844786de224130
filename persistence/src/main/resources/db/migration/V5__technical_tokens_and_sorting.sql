-- Group tokens name their group; the inventory sorts by expiry and by last use (keyset, so each needs an index);
-- an audit event can concern many tokens (a bulk revoke), each findable from that token's history.

ALTER TABLE access_token ADD COLUMN group_id BIGINT NULL;
ALTER TABLE access_token ADD CONSTRAINT fk_access_token_group FOREIGN KEY (group_id) REFERENCES principal_group (id);

CREATE INDEX ix_access_token_group ON access_token (workspace_id, group_id, created_at, token_id);
CREATE INDEX ix_access_token_expiry ON access_token (workspace_id, expires_at, token_id);
CREATE INDEX ix_access_token_last_use ON access_token (workspace_id, last_used_at, token_id);

CREATE TABLE audit_event_subject (
    audit_event_id  BIGINT       NOT NULL,
    workspace_id    BIGINT       NOT NULL,
    subject_type    VARCHAR(64)  NOT NULL,
    subject_id      VARCHAR(255) NOT NULL,
    PRIMARY KEY (audit_event_id, subject_type, subject_id),
    CONSTRAINT fk_audit_event_subject_event FOREIGN KEY (audit_event_id) REFERENCES audit_event (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_audit_event_subject ON audit_event_subject (workspace_id, subject_type, subject_id, audit_event_id);
