package dev.warden.core.audit;

import dev.warden.core.principal.Actor;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One audited fact: who did what to which target, when, from where. {@code details} never holds a secret.
 * {@code actorId} is null when nobody authenticated (a failed login). {@code subjects} are further targets of the
 * same type the event concerns (the tokens of one bulk revoke), kept sorted and distinct; each target's history
 * finds the event.
 */
public record AuditEvent(
        WorkspaceId workspace,
        Instant occurredAt,
        PrincipalId actorId,
        String actorName,
        AuditAction action,
        String targetType,
        String targetId,
        String clientAddress,
        Map<String, String> details,
        List<String> subjects) {

    public AuditEvent {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(action, "action");
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details == null ? Map.of() : details));
        subjects = subjects == null
                ? List.of()
                : subjects.stream().distinct().sorted().toList();
        if (!subjects.isEmpty() && targetType == null) {
            throw new IllegalArgumentException("subjects share the event's target type, so it needs one");
        }
    }

    /** An event about at most one target. */
    public AuditEvent(
            WorkspaceId workspace,
            Instant occurredAt,
            PrincipalId actorId,
            String actorName,
            AuditAction action,
            String targetType,
            String targetId,
            String clientAddress,
            Map<String, String> details) {
        this(
                workspace,
                occurredAt,
                actorId,
                actorName,
                action,
                targetType,
                targetId,
                clientAddress,
                details,
                List.of());
    }

    /** Whether the event is about this target, as its main target or one of its subjects. */
    public boolean concerns(String type, String id) {
        return type.equals(targetType) && (id.equals(targetId) || subjects.contains(id));
    }

    public static Builder by(Actor actor, AuditAction action, Instant at) {
        return new Builder(actor.workspace(), action, at)
                .actor(actor.principal(), actor.name())
                .clientAddress(actor.clientAddress());
    }

    public static Builder anonymous(WorkspaceId workspace, AuditAction action, Instant at) {
        return new Builder(workspace, action, at);
    }

    public static final class Builder {
        private final WorkspaceId workspace;
        private final AuditAction action;
        private final Instant at;
        private PrincipalId actorId;
        private String actorName;
        private String targetType;
        private String targetId;
        private String clientAddress;
        private final Map<String, String> details = new LinkedHashMap<>();
        private List<String> subjects = List.of();

        private Builder(WorkspaceId workspace, AuditAction action, Instant at) {
            this.workspace = workspace;
            this.action = action;
            this.at = at;
        }

        public Builder actor(PrincipalId id, String name) {
            this.actorId = id;
            this.actorName = name;
            return this;
        }

        public Builder target(String type, String id) {
            this.targetType = type;
            this.targetId = id;
            return this;
        }

        public Builder clientAddress(String address) {
            this.clientAddress = address;
            return this;
        }

        public Builder detail(String key, Object value) {
            if (value != null) {
                details.put(key, String.valueOf(value));
            }
            return this;
        }

        /** Further targets of the same type (see {@link AuditEvent}). */
        public Builder subjects(Collection<String> ids) {
            this.subjects = List.copyOf(ids);
            return this;
        }

        public AuditEvent build() {
            return new AuditEvent(
                    workspace, at, actorId, actorName, action, targetType, targetId, clientAddress, details, subjects);
        }
    }
}
