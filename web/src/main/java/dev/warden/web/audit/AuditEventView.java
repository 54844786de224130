package dev.warden.web.audit;

import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.StoredAuditEvent;
import dev.warden.core.principal.Principal;
import dev.warden.web.console.InstantText;
import dev.warden.web.console.PrincipalLink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One audit event as the console shows it: the action in words, the actor and the target by name, each linked to its
 * page while it exists, and (on the event's own page) every detail, with before and after values side by side.
 * @param actor null when nobody signed in (a failed sign-in)
 * @param target null when the event has no target (a sign-in)
 */
record AuditEventView(
        long id,
        String time,
        String action,
        String actionText,
        PrincipalLink actor,
        String targetType,
        PrincipalLink target,
        String clientAddress,
        List<Detail> details,
        List<Change> changes) {

    static final String PATH = "/settings/admin/audit";

    /** A detail that is not half of a before/after pair. */
    record Detail(String key, String value) {}

    /** A value the event recorded before and after the change; either side may be missing. */
    record Change(String what, String before, String after) {}

    /**
     * @param actorPrincipal the actor now, null when gone (named as recorded, without a link)
     * @param targetPrincipal the target when it is a principal that still exists, else null
     * @param targetName the target's name now, null when gone or nameless
     */
    static AuditEventView of(
            StoredAuditEvent stored, Principal actorPrincipal, Principal targetPrincipal, String targetName) {
        AuditEvent event = stored.event();
        PrincipalLink actor = actorPrincipal != null
                ? PrincipalLink.of(actorPrincipal)
                : event.actorName() == null ? null : new PrincipalLink(event.actorName(), null);
        List<Detail> details = new ArrayList<>();
        Map<String, Change> changes = new LinkedHashMap<>();
        event.details().forEach((key, value) -> {
            String pair = pairOf(key);
            if (pair == null) {
                details.add(new Detail(key.replace('_', ' '), value));
            } else {
                Change known = changes.getOrDefault(pair, new Change(pair, null, null));
                changes.put(
                        pair,
                        isBefore(key)
                                ? new Change(pair, value, known.after())
                                : new Change(pair, known.before(), value));
            }
        });
        if (!event.subjects().isEmpty()) {
            details.add(new Detail(noun(event.targetType()) + " ids", String.join(", ", event.subjects())));
        }
        return new AuditEventView(
                stored.id(),
                InstantText.TO_THE_SECOND.of(event.occurredAt()),
                event.action().name(),
                AuditActionText.of(event.action()),
                actor,
                event.targetType() == null ? null : AuditEventsResponse.AuditTargetType.toApi(event.targetType()),
                target(event, targetPrincipal, targetName),
                event.clientAddress(),
                details,
                List.copyOf(changes.values()));
    }

    /** "before"/"after" pair as "value"; "display_name_before"/"…_after" as "display name"; else null. */
    private static String pairOf(String key) {
        if (key.equals("before") || key.equals("after")) {
            return "value";
        }
        if (key.endsWith("_before") || key.endsWith("_after")) {
            return key.substring(0, key.lastIndexOf('_')).replace('_', ' ');
        }
        return null;
    }

    private static boolean isBefore(String key) {
        return key.equals("before") || key.endsWith("_before");
    }

    /** The target by its name, linked to its page while it exists; by type and id when it is gone. */
    private static PrincipalLink target(AuditEvent event, Principal principal, String name) {
        String type = event.targetType();
        String id = event.targetId();
        if (type == null) {
            return null;
        }
        if (id == null) {
            int many = event.subjects().size();
            return new PrincipalLink(many + " " + noun(type) + (many == 1 ? "" : "s"), null);
        }
        if (principal != null) {
            return PrincipalLink.of(principal);
        }
        return switch (type) {
            case "workspace" -> new PrincipalLink("Workspace settings", "/settings/admin/workspace");
            case "object" ->
                new PrincipalLink(id.equals("authorization/tokens") ? "Token usage permissions" : id, null);
            case "service_principal_secret" ->
                new PrincipalLink(
                        "OAuth secret " + event.details().getOrDefault("hint", id),
                        link(
                                "/settings/admin/service-principals/",
                                event.details().get("service_principal_id")));
            default ->
                name == null
                        ? new PrincipalLink(noun(type) + " " + id + " (no longer exists)", null)
                        : new PrincipalLink(name, hrefOf(event, type, id));
        };
    }

    private static String hrefOf(AuditEvent event, String type, String id) {
        return switch (type) {
            case "token" -> link("/settings/admin/tokens/", id);
            case "group" -> link("/settings/admin/groups/", id);
            case "role" -> link("/settings/admin/roles/", id);
            case "service" -> link("/settings/admin/services/", event.details().get("service_id"));
            default -> null;
        };
    }

    private static String link(String prefix, String id) {
        return id == null ? null : prefix + id;
    }

    private static String noun(String type) {
        return switch (type) {
            case "service_principal" -> "service principal";
            default -> type.replace('_', ' ');
        };
    }
}
