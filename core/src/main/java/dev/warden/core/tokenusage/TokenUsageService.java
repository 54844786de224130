package dev.warden.core.tokenusage;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.AccessPolicy;
import dev.warden.core.role.LastAdminGuard;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.workspace.AuthorizationVersions;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The token usage list of {@code authorization/tokens}: read it, add or change entries (PATCH), replace them all
 * (PUT), and preview the impact of a change before saving. An entry grants CAN_USE. Workspace admins hold
 * CAN_MANAGE implicitly, through their role; that is not an entry, cannot be removed, and cannot be granted. A
 * change that removes usage suspends tokens; it never deletes them.
 */
public final class TokenUsageService {
    /**
     * The detail of a {@code TOKEN_ACL_CHANGED} record naming, comma-separated, the principals whose working tokens the
     * change suspended (they lost token usage); absent when it suspended none.
     */
    public static final String SUSPENDED_OWNERS = "suspended_owners";

    private final TokenUsageRepository acl;
    private final TokenUsagePolicy usage;
    private final PrincipalRepository principals;
    private final GroupRepository groups;
    private final WorkingTokens tokens;
    private final LastAdminGuard admins;
    private final AccessPolicy access;
    private final TokenUsageGrantRules delegation;
    private final AuditLog audit;
    private final TransactionRunner tx;
    private final AuthorizationVersions versions;
    private final Clock clock;

    public TokenUsageService(
            TokenUsageRepository acl,
            TokenUsagePolicy usage,
            PrincipalRepository principals,
            GroupRepository groups,
            WorkingTokens tokens,
            LastAdminGuard admins,
            AccessPolicy access,
            TokenUsageGrantRules delegation,
            AuditLog audit,
            TransactionRunner tx,
            AuthorizationVersions versions,
            Clock clock) {
        this.acl = acl;
        this.usage = usage;
        this.principals = principals;
        this.groups = groups;
        this.tokens = tokens;
        this.admins = admins;
        this.access = access;
        this.delegation = delegation;
        this.audit = audit;
        this.tx = tx;
        this.versions = versions;
        this.clock = clock;
    }

    /** The direct entries. */
    public List<TokenUsageEntry> entries(Actor actor) {
        access.requireToRead(actor, Permission.PERMISSIONS_READ, Permission.PERMISSIONS_WRITE, null);
        return acl.list(actor.workspace());
    }

    /** The active workspace admins, who hold CAN_MANAGE whatever the list says. */
    public List<Principal> implicitManagers(Actor actor) {
        access.requireToRead(actor, Permission.PERMISSIONS_READ, Permission.PERMISSIONS_WRITE, null);
        return principals.findAllById(actor.workspace(), admins.activeWorkspaceAdmins(actor.workspace())).stream()
                .sorted(Comparator.comparing(Principal::name))
                .toList();
    }

    /** Adds the given entries or changes their level; keeps every other entry. Returns the resulting list. */
    public List<TokenUsageEntry> patch(Actor actor, List<TokenUsageEntry> changes) {
        access.require(actor, Permission.PERMISSIONS_WRITE);
        requireGrantable(changes);
        return tx.inTransaction(() -> {
            versions.bump(actor.workspace());
            return save(actor, merged(acl.list(actor.workspace()), changes));
        });
    }

    /** Replaces all direct entries (an empty list clears them). Returns the resulting list. */
    public List<TokenUsageEntry> replace(Actor actor, List<TokenUsageEntry> entries) {
        access.require(actor, Permission.PERMISSIONS_WRITE);
        requireGrantable(entries);
        return tx.inTransaction(() -> {
            versions.bump(actor.workspace());
            return save(actor, merged(List.of(), entries));
        });
    }

    /**
     * An entry grants CAN_USE; CAN_MANAGE belongs to workspace admins through their role (as on Databricks), so a
     * request for it is bad input, named like the API's field ({@code access_control_list[i].permission_level}).
     */
    private static void requireGrantable(List<TokenUsageEntry> entries) {
        for (int i = 0; i < entries.size(); i++) {
            TokenUsageLevel level = entries.get(i).level();
            if (!level.grantable()) {
                throw new InvalidParameterException(
                        "access_control_list[" + i + "].permission_level",
                        level + " cannot be granted in the token usage list: it is reserved for workspace admins,"
                                + " who hold it through the workspace-admin role. Grant CAN_USE; to let someone"
                                + " manage everyone's tokens or this list, give them the workspace-admin role or a"
                                + " role with token-management:write or permissions:write. Nothing was changed.");
            }
        }
    }

    /** Who would lose token usage if the list became {@code proposed}, and how many working tokens would stop. */
    public TokenUsageImpact preview(Actor actor, List<TokenUsageEntry> proposed) {
        access.require(actor, Permission.PERMISSIONS_READ);
        return new TokenUsageImpact(losses(actor.workspace(), acl.list(actor.workspace()), proposed));
    }

    /** The active principals who hold token usage under {@code current} and not under {@code proposed}, by name. */
    private List<TokenUsageImpact.Loss> losses(
            WorkspaceId workspace, List<TokenUsageEntry> current, List<TokenUsageEntry> proposed) {
        Set<PrincipalId> candidates = new LinkedHashSet<>();
        for (TokenUsageEntry entry : current) {
            if (entry.principal() != null) {
                candidates.add(entry.principal());
            } else {
                candidates.addAll(groups.members(workspace, entry.group()));
            }
        }
        Instant now = clock.instant();
        List<TokenUsageImpact.Loss> losses = new ArrayList<>();
        for (Principal principal : principals.findAllById(workspace, candidates)) {
            if (principal.active()
                    && usage.levelIn(current, principal).isPresent()
                    && usage.levelIn(proposed, principal).isEmpty()) {
                int working = tokens.workingTokensOf(workspace, principal.id(), now);
                losses.add(new TokenUsageImpact.Loss(principal, working));
            }
        }
        losses.sort(Comparator.comparing(loss -> loss.principal().name()));
        return losses;
    }

    private List<TokenUsageEntry> save(Actor actor, List<TokenUsageEntry> after) {
        validate(actor, after);
        List<TokenUsageEntry> before = acl.list(actor.workspace());
        delegation.requireMayGrantTokenUsage(actor, before, after);
        // who loses usage, read before the change: their working tokens are suspended by it (a token.suspended each)
        List<String> suspendedOwners = losses(actor.workspace(), before, after).stream()
                .filter(loss -> loss.activeTokens() > 0)
                .map(loss -> loss.principal().id().toString())
                .toList();
        acl.replace(actor.workspace(), after);
        AuditEvent.Builder event = AuditEvent.by(
                        actor, AuditAction.TOKEN_ACL_CHANGED, clock.instant().truncatedTo(ChronoUnit.MICROS))
                .target("object", "authorization/tokens")
                .detail("before", describe(before))
                .detail("after", describe(after));
        if (!suspendedOwners.isEmpty()) {
            event.detail(SUSPENDED_OWNERS, String.join(",", suspendedOwners));
        }
        audit.record(event.build());
        return acl.list(actor.workspace());
    }

    /** One entry per principal or group; a later entry for the same subject wins. */
    private static List<TokenUsageEntry> merged(List<TokenUsageEntry> base, List<TokenUsageEntry> changes) {
        List<TokenUsageEntry> result = new ArrayList<>(base);
        for (TokenUsageEntry change : changes) {
            result.removeIf(existing -> existing.sameSubject(change));
            result.add(change);
        }
        return result;
    }

    private void validate(Actor actor, List<TokenUsageEntry> entries) {
        Set<PrincipalId> named = entries.stream()
                .map(TokenUsageEntry::principal)
                .filter(id -> id != null)
                .collect(Collectors.toSet());
        Set<PrincipalId> found = principals.findAllById(actor.workspace(), named).stream()
                .filter(p -> p.kind() != PrincipalKind.TECHNICAL_USER)
                .map(Principal::id)
                .collect(Collectors.toSet());
        for (PrincipalId id : named) {
            if (!found.contains(id)) {
                throw new InvalidParameterException("access_control_list", "Principal " + id + " does not exist.");
            }
        }
        for (TokenUsageEntry entry : entries) {
            if (entry.group() != null
                    && groups.findById(actor.workspace(), entry.group()).isEmpty()) {
                throw new InvalidParameterException(
                        "access_control_list", "Group " + entry.group() + " does not exist.");
            }
        }
    }

    private static String describe(List<TokenUsageEntry> entries) {
        return entries.stream()
                .map(e ->
                        (e.principal() != null ? "principal " + e.principal() : "group " + e.group()) + "=" + e.level())
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
