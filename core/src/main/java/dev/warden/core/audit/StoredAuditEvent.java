package dev.warden.core.audit;

import java.util.Objects;

/** An audit event as the log keeps it: with the id the log gave it, which orders events recorded at one instant. */
public record StoredAuditEvent(long id, AuditEvent event) {
    public StoredAuditEvent {
        Objects.requireNonNull(event, "event");
    }
}
