package dev.warden.core.audit;

import java.util.List;

/** One page of the audit log, newest first; {@code next} is null on the last page. */
public record AuditPage(List<StoredAuditEvent> events, AuditCursor next) {}
