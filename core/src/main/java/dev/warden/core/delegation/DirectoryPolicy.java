package dev.warden.core.delegation;

import dev.warden.core.entitlement.EntitlementRepository;
import dev.warden.core.group.Group;
import dev.warden.core.group.GroupId;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.EffectivePermissions;
import dev.warden.core.role.Grant;
import dev.warden.core.role.PermissionResolver;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleGrantRules;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageGrantRules;
import dev.warden.core.tokenusage.TokenUsageLevel;
import dev.warden.core.tokenusage.TokenUsagePolicy;
import dev.warden.core.tokenusage.TokenUsageRepository;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The directory side of delegation (DESIGN, "Delegation"): nobody grants what they do not hold. Assigning a role,
 * adding a permission to a role that somebody holds, adding members to a group that carries roles or token usage,
 * and adding or raising an entry of the token usage list each need the actor to hold everything granted, at the
 * scope it is granted at. The services ask this before they change anything; the check needs no permission to be
 * named twice in a controller.
 */
public final class DirectoryPolicy implements RoleGrantRules, TokenUsageGrantRules {
    private final PermissionResolver permissions;
    private final TokenUsagePolicy usage;
    private final TokenUsageRepository usageList;
    private final PrincipalRepository principals;
    private final GroupRepository groups;

    private final EntitlementRepository entitlements;

    public DirectoryPolicy(
            PermissionResolver permissions,
            TokenUsagePolicy usage,
            TokenUsageRepository usageList,
            PrincipalRepository principals,
            GroupRepository groups,
            EntitlementRepository entitlements) {
        this.entitlements = entitlements;
        this.permissions = permissions;
        this.usage = usage;
        this.principals = principals;
        this.usageList = usageList;
        this.groups = groups;
    }

    /**
     * Giving a role (to a principal, a group, or a technical user) at workspace scope ({@code scope} null) or on one
     * group: the actor holds every permission of the role there.
     */
    @Override
    public void requireMayGrant(Actor actor, String roleName, Set<Permission> granted, GroupId scope) {
        EffectivePermissions held = heldBy(actor);
        List<String> missing = new ArrayList<>(granted.stream()
                .filter(p -> !holds(held, p, scope))
                .map(Permission::key)
                .sorted()
                .toList());
        if (scope == null
                && roleName.equals(BuiltInRole.WORKSPACE_ADMIN.roleName())
                && !holdsLevel(actor, held, TokenUsageLevel.CAN_MANAGE)) {
            missing.add("token usage CAN_MANAGE"); // workspace admins hold it, whatever the list says
        }
        if (!missing.isEmpty()) {
            throw refused(
                    missing,
                    actor.label() + " does not hold " + String.join(", ", missing)
                            + (scope == null ? "" : " for group " + scope) + ", which role '" + roleName + "' grants"
                            + (scope == null ? "" : " there") + ". Nobody grants what they do not hold: a holder of "
                            + (missing.size() == 1 ? "that permission" : "those permissions") + " can.");
        }
    }

    /**
     * Adding permissions to a role reaches everyone who holds it, at every scope it is held at: the actor holds each
     * added permission at each of those scopes. A role nobody holds grants nothing yet.
     */
    @Override
    public void requireMayWiden(
            Actor actor, String roleName, Set<Permission> added, Collection<RoleAssignment> holders) {
        if (added.isEmpty() || holders.isEmpty()) {
            return;
        }
        EffectivePermissions held = heldBy(actor);
        List<String> missing = holders.stream()
                .map(RoleAssignment::scopeGroup)
                .distinct()
                .flatMap(scope -> added.stream()
                        .filter(p -> !holds(held, p, scope))
                        .map(p -> p.key() + (scope == null ? "" : " (group " + scope + ")")))
                .distinct()
                .sorted()
                .toList();
        if (!missing.isEmpty()) {
            throw refused(
                    missing,
                    "Role '" + roleName + "' is held by " + holders.size() + " assignment"
                            + (holders.size() == 1 ? "" : "s") + "; adding " + String.join(", ", missing)
                            + " would grant"
                            + " what " + actor.label() + " does not hold. Nobody grants what they do not hold.");
        }
    }

    /**
     * Adding members to a group hands them what the group's roles grant and the group's token usage entry; the actor
     * holds all of it, or a group admin could add itself to a group that holds workspace-admin.
     */
    public void requireMayAddMembers(Actor actor, Group group, Collection<PrincipalId> members) {
        EffectivePermissions held = heldBy(actor);
        List<Grant> conferred = permissions.grantsThrough(group);
        List<String> missing = conferred.stream()
                .filter(grant -> !TokenAccessPolicy.holds(held, grant))
                .map(TokenAccessPolicy::describe)
                .distinct()
                .sorted()
                .toList();
        boolean makesAdmins = new EffectivePermissions(conferred).isWorkspaceAdmin();
        Optional<TokenUsageLevel> carried = makesAdmins
                ? Optional.of(TokenUsageLevel.CAN_MANAGE)
                : usageList.list(group.workspace()).stream()
                        .filter(entry -> group.id().equals(entry.group()))
                        .map(TokenUsageEntry::level)
                        .findFirst();
        Optional<String> usageMissing =
                carried.filter(level -> !holdsLevel(actor, held, level)).map(level -> "token usage " + level);
        // the group's entitlements (workspace-access: console sign-in) come with the membership too
        List<String> entitlementsMissing = held.isWorkspaceAdmin()
                ? List.of()
                : entitlements.of(group.workspace(), group.id()).stream()
                        .sorted()
                        .filter(entitlement -> !entitlements.holds(actor.workspace(), actor.principal(), entitlement))
                        .map(entitlement -> "the entitlement " + entitlement.value())
                        .toList();
        List<String> all = Stream.of(missing.stream(), usageMissing.stream(), entitlementsMissing.stream())
                .flatMap(part -> part)
                .toList();
        if (!all.isEmpty()) {
            throw refused(
                    all,
                    "Adding members to group '" + group.displayName() + "' would give them "
                            + String.join(", ", all) + ", which " + actor.label()
                            + " does not hold. Nobody grants what they"
                            + " do not hold: a workspace admin can add them.");
        }
        if (carried.isPresent()) {
            requireHoldsWhatTokensWouldRegain(actor, held, members);
        }
    }

    /**
     * Giving principals token usage lets their tokens work again, with everything their owners hold now, for whoever
     * holds those secrets (an admin who created or rotated one, say): the actor holds what those principals hold, as
     * for a reactivation. Principals that may use tokens already regain nothing.
     */
    private void requireHoldsWhatTokensWouldRegain(
            Actor actor, EffectivePermissions held, Collection<PrincipalId> principalIds) {
        List<String> missing = principals.findAllById(actor.workspace(), principalIds).stream()
                .filter(principal -> principal.active() && !usage.mayUseTokens(principal))
                .flatMap(principal -> permissions.of(principal).grants().stream()
                        .filter(grant -> !TokenAccessPolicy.holds(held, grant))
                        .map(grant -> TokenAccessPolicy.describe(grant) + " of " + principal.label()))
                .distinct()
                .sorted()
                .toList();
        if (!missing.isEmpty()) {
            throw refused(
                    missing,
                    "Granting token usage lets the tokens of its principals work again with what"
                            + " their owners hold now: " + String.join(", ", missing) + ", which " + actor.label()
                            + " does not hold. Nobody grants what they do not hold: a workspace admin can.");
        }
    }

    /**
     * Reactivating a principal gives it back everything its roles, groups and token usage grant: the actor holds all
     * of it, so that nobody brings back an admin someone deactivated without being one.
     */
    public void requireMayActivate(Actor actor, Principal target) {
        Principal active = target.withActive(true);
        EffectivePermissions regained = permissions.of(active);
        EffectivePermissions held = heldBy(actor);
        List<String> missing = regained.grants().stream()
                .filter(grant -> !TokenAccessPolicy.holds(held, grant))
                .map(TokenAccessPolicy::describe)
                .distinct()
                .sorted()
                .toList();
        Optional<String> usageMissing = usage.levelOf(active, regained)
                .filter(level -> !holdsLevel(actor, held, level))
                .map(level -> "token usage " + level);
        List<String> all =
                Stream.concat(missing.stream(), usageMissing.stream()).toList();
        if (!all.isEmpty()) {
            throw refused(
                    all,
                    "Reactivating " + target.label() + " would give it back " + String.join(", ", all)
                            + ", which " + actor.label()
                            + " does not hold. Nobody grants what they do not hold: someone who"
                            + " holds " + (all.size() == 1 ? "it" : "them") + " can reactivate " + target.label()
                            + ".");
        }
    }

    /**
     * Each entry that the change adds or raises needs the actor to hold at least that level itself. Entries grant
     * {@code CAN_USE} only ({@code TokenUsageService} refuses {@code CAN_MANAGE}, the workspace admins' level), so
     * this asks whether the actor may use tokens; lowering an entry stored before that rule, or removing one, grants
     * nothing.
     */
    @Override
    public void requireMayGrantTokenUsage(Actor actor, List<TokenUsageEntry> before, List<TokenUsageEntry> after) {
        List<TokenUsageEntry> raised = after.stream()
                .filter(entry -> before.stream()
                        .noneMatch(old -> old.sameSubject(entry)
                                && (old.level() == entry.level() || old.level() == TokenUsageLevel.CAN_MANAGE)))
                .toList();
        if (raised.isEmpty()) {
            return;
        }
        EffectivePermissions held = heldBy(actor);
        requireHoldsWhatTokensWouldRegain(
                actor,
                held,
                raised.stream()
                        .flatMap(entry -> entry.principal() != null
                                ? Stream.of(entry.principal())
                                : groups.members(actor.workspace(), entry.group()).stream())
                        .collect(Collectors.toSet()));
        List<String> beyond = raised.stream()
                .map(TokenUsageEntry::level)
                .distinct()
                .filter(level -> !holdsLevel(actor, held, level))
                .map(Enum::name)
                .sorted()
                .toList();
        if (!beyond.isEmpty()) {
            throw new PermissionDeniedException(
                    Permission.PERMISSIONS_WRITE.key(),
                    PermissionDeniedException.GRANT_BEYOND_ACTOR,
                    actor.label() + " does not hold token usage "
                            + String.join(", ", beyond)
                            + " itself, so it cannot grant it. Nobody grants what they do not"
                            + " hold: a workspace admin (who holds CAN_MANAGE) can.");
        }
    }

    private boolean holdsLevel(Actor actor, EffectivePermissions held, TokenUsageLevel level) {
        Optional<TokenUsageLevel> own = principals
                .findById(actor.workspace(), actor.principal())
                .flatMap(principal -> usage.levelOf(principal, held));
        return own.isPresent() && (own.get() == TokenUsageLevel.CAN_MANAGE || level == TokenUsageLevel.CAN_USE);
    }

    private EffectivePermissions heldBy(Actor actor) {
        return permissions.of(actor.workspace(), actor.principal());
    }

    private static boolean holds(EffectivePermissions held, Permission permission, GroupId scope) {
        return scope == null ? held.holds(permission) : held.holds(permission, scope);
    }

    private static PermissionDeniedException refused(List<String> missing, String message) {
        return new PermissionDeniedException(
                missing.get(0).split(" ")[0], PermissionDeniedException.GRANT_BEYOND_ACTOR, message);
    }
}
