package dev.warden.core.entitlement;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.group.GroupId;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.AccessPolicy;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.shared.TransactionRunner;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads and replaces the entitlements of users, service principals and groups (SCIM {@code entitlements}). A change
 * needs {@code scim:write} for the workspace (a group's own admins, who hold it for their group only, may send back
 * what is there but not change it) and, for each entitlement it adds, that the actor holds it (directly,
 * through a group, or as a workspace admin): nobody grants what they do not hold. Each real change is audited
 * ({@code ENTITLEMENTS_CHANGED}, before and after) in the transaction that makes it; the same set again changes and
 * records nothing.
 */
public final class EntitlementService {
    private final EntitlementRepository entitlements;
    private final PrincipalRepository principals;
    private final GroupRepository groups;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final TransactionRunner tx;
    private final Clock clock;

    public EntitlementService(
            EntitlementRepository entitlements,
            PrincipalRepository principals,
            GroupRepository groups,
            AccessPolicy access,
            AuditLog audit,
            TransactionRunner tx,
            Clock clock) {
        this.entitlements = entitlements;
        this.principals = principals;
        this.groups = groups;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** The direct entitlements of these principals (for a page of SCIM resources), in one read. */
    public Map<PrincipalId, Set<Entitlement>> ofPrincipals(Actor actor, Collection<PrincipalId> ids) {
        access.requireToRead(actor, Permission.SCIM_READ, Permission.SCIM_WRITE, null);
        return entitlements.ofPrincipals(actor.workspace(), ids);
    }

    /** One principal's direct entitlements. */
    public Set<Entitlement> of(Actor actor, PrincipalId id) {
        return ofPrincipals(actor, Set.of(id)).getOrDefault(id, Set.of());
    }

    /** The entitlements of these groups; readable to whoever may read the groups. */
    public Map<GroupId, Set<Entitlement>> ofGroups(Actor actor, Collection<GroupId> ids) {
        return entitlements.ofGroups(actor.workspace(), ids);
    }

    /**
     * What a new principal starts with: the entitlements asked for (checked: the actor must hold each), or, when none
     * are named (null), a user's {@code workspace-access} (on Databricks every user gets it through the
     * {@code users} group) and nothing for a service principal. Store them with {@link #storeInitial} once the
     * principal has an id; the creation's own audit record names them.
     */
    public Set<Entitlement> initialFor(Actor actor, PrincipalKind kind, Collection<String> requested) {
        if (requested == null) {
            return kind == PrincipalKind.USER
                    ? EnumSet.of(Entitlement.WORKSPACE_ACCESS)
                    : EnumSet.noneOf(Entitlement.class);
        }
        Set<Entitlement> wanted = parse(requested);
        requireHolds(actor, wanted);
        return wanted;
    }

    /** Stores a new principal's entitlements, inside the transaction that creates it. */
    public void storeInitial(Actor actor, PrincipalId id, Set<Entitlement> initial) {
        if (!initial.isEmpty()) {
            entitlements.replace(actor.workspace(), id, initial);
        }
    }

    /**
     * Makes a user's or service principal's direct entitlements exactly these ({@code entitlements} values, e.g.
     * {@code workspace-access}).
     */
    public Set<Entitlement> replace(Actor actor, PrincipalKind kind, PrincipalId id, Collection<String> values) {
        Set<Entitlement> wanted = parse(values);
        return tx.inTransaction(() -> {
            var unused = principals
                    .findById(actor.workspace(), id)
                    .filter(principal -> principal.kind() == kind)
                    .orElseThrow(() -> new ResourceNotFoundException(label(kind) + " " + id + " does not exist."));
            Set<Entitlement> before = entitlements.of(actor.workspace(), id);
            if (before.equals(wanted)) {
                return before; // e.g. a PUT that sends back what it read: no change, so no permission needed
            }
            access.require(actor, Permission.SCIM_WRITE);
            requireHolds(actor, added(before, wanted));
            entitlements.replace(actor.workspace(), id, wanted);
            record(actor, kind == PrincipalKind.USER ? "user" : "service_principal", id.toString(), before, wanted);
            return wanted;
        });
    }

    /** Makes a group's entitlements exactly these; its members hold them through it. */
    public Set<Entitlement> replace(Actor actor, GroupId id, Collection<String> values) {
        Set<Entitlement> wanted = parse(values);
        return tx.inTransaction(() -> {
            var unused = groups.findById(actor.workspace(), id)
                    .orElseThrow(() -> new ResourceNotFoundException("Group " + id + " does not exist."));
            Set<Entitlement> before = entitlements.of(actor.workspace(), id);
            if (before.equals(wanted)) {
                return before; // e.g. a PUT that sends back what it read: no change, so no permission needed
            }
            access.require(actor, Permission.SCIM_WRITE);
            requireHolds(actor, added(before, wanted));
            entitlements.replace(actor.workspace(), id, wanted);
            record(actor, "group", id.toString(), before, wanted);
            return wanted;
        });
    }

    private void requireHolds(Actor actor, Set<Entitlement> added) {
        if (added.isEmpty() || access.permissionsOf(actor).isWorkspaceAdmin()) {
            return;
        }
        for (Entitlement entitlement : added) {
            if (!entitlements.holds(actor.workspace(), actor.principal(), entitlement)) {
                throw new PermissionDeniedException(
                        Permission.SCIM_WRITE.key(),
                        PermissionDeniedException.GRANT_BEYOND_ACTOR,
                        actor.label() + " does not hold the entitlement " + entitlement.value()
                                + ", so it may not grant it: nobody grants what they do not hold. A workspace admin"
                                + " can.");
            }
        }
    }

    private void record(Actor actor, String type, String id, Set<Entitlement> before, Set<Entitlement> after) {
        audit.record(AuditEvent.by(
                        actor, AuditAction.ENTITLEMENTS_CHANGED, clock.instant().truncatedTo(ChronoUnit.MICROS))
                .target(type, id)
                .detail("before", Entitlement.describe(before))
                .detail("after", Entitlement.describe(after))
                .build());
    }

    private static Set<Entitlement> parse(Collection<String> values) {
        return values == null ? EnumSet.noneOf(Entitlement.class) : Entitlement.parseAll(values, Entitlement.FIELD);
    }

    private static Set<Entitlement> added(Set<Entitlement> before, Set<Entitlement> after) {
        Set<Entitlement> added = EnumSet.noneOf(Entitlement.class);
        added.addAll(after);
        added.removeAll(before);
        return added;
    }

    private static String label(PrincipalKind kind) {
        return kind == PrincipalKind.SERVICE_PRINCIPAL ? "Service principal" : "User";
    }
}
