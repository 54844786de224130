package dev.warden.core.access;

import dev.warden.core.group.GroupRepository;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.AccessPolicy;
import dev.warden.core.role.EffectivePermissions;
import dev.warden.core.role.PermissionResolver;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentId;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleService;
import dev.warden.core.settings.SettingsRepository;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenCursor;
import dev.warden.core.token.TokenFilter;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenStatus;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import dev.warden.core.tokenusage.TokenUsagePolicy;
import dev.warden.core.tokenusage.TokenUsageRepository;
import dev.warden.core.tokenusage.TokenUsageService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a change would stop before it is made: the tokens that work now and would be suspended, counted by kind.
 * Two changes stop tokens without touching them: removing a role assignment that made someone a workspace admin
 * (admins hold token usage only through their role, so without an entry in the token usage list their tokens stop),
 * and switching tokens off for the workspace (every token stops). The console shows these counts in its
 * confirmations, and offers the way out of the first: keep the person's token usage by adding them to the list in the
 * same change.
 */
public final class TokenStopImpact {
    private static final int PAGE = 1000;

    private final RoleAssignmentRepository assignments;
    private final PrincipalRepository principals;
    private final GroupRepository groups;
    private final PermissionResolver permissions;
    private final TokenUsagePolicy usage;
    private final TokenUsageRepository acl;
    private final TokenRepository tokens;
    private final TokenSuspensions suspensions;
    private final SettingsRepository settings;
    private final AccessPolicy access;
    private final RoleService roles;
    private final TokenUsageService usageService;
    private final TransactionRunner tx;
    private final Clock clock;

    public TokenStopImpact(
            RoleAssignmentRepository assignments,
            PrincipalRepository principals,
            GroupRepository groups,
            PermissionResolver permissions,
            TokenUsagePolicy usage,
            TokenUsageRepository acl,
            TokenRepository tokens,
            TokenSuspensions suspensions,
            SettingsRepository settings,
            AccessPolicy access,
            RoleService roles,
            TokenUsageService usageService,
            TransactionRunner tx,
            Clock clock) {
        this.assignments = assignments;
        this.principals = principals;
        this.groups = groups;
        this.permissions = permissions;
        this.usage = usage;
        this.acl = acl;
        this.tokens = tokens;
        this.suspensions = suspensions;
        this.settings = settings;
        this.access = access;
        this.roles = roles;
        this.usageService = usageService;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Who would lose token usage if this role assignment were removed, and their working tokens by kind. Only a
     * workspace-admin assignment can have an impact (no other role carries token usage); a holder that keeps usage
     * through the list, a group, another admin assignment or as a technical user loses nothing.
     */
    public Impact ofUnassigning(Actor actor, RoleAssignmentId id) {
        access.requireToRead(actor, Permission.ROLES_READ, Permission.ROLES_WRITE, null);
        RoleAssignment assignment = assignments
                .findById(actor.workspace(), id)
                .orElseThrow(() -> new ResourceNotFoundException("Role assignment " + id + " does not exist."));
        if (!settings.get(actor.workspace()).tokensEnabled()) {
            return Impact.NONE; // every token is stopped already
        }
        Set<PrincipalId> candidates = new LinkedHashSet<>();
        if (assignment.principal() != null) {
            candidates.add(assignment.principal());
        } else {
            candidates.addAll(groups.members(actor.workspace(), assignment.group()));
        }
        List<TokenUsageEntry> entries = acl.list(actor.workspace());
        Instant now = clock.instant();
        List<Loss> losses = new ArrayList<>();
        for (Principal principal : principals.findAllById(actor.workspace(), candidates)) {
            if (!principal.active()) {
                continue;
            }
            EffectivePermissions held = permissions.of(principal);
            EffectivePermissions without = new EffectivePermissions(held.grants().stream()
                    .filter(grant -> !grant.assignment().id().equals(id))
                    .toList());
            if (usage.levelIn(entries, principal, held).isPresent()
                    && usage.levelIn(entries, principal, without).isEmpty()) {
                Map<TokenKind, Integer> byKind = byKind(active(actor, principal.id(), now));
                if (!byKind.isEmpty()) {
                    losses.add(new Loss(principal, byKind));
                }
            }
        }
        losses.sort(Comparator.comparing(loss -> loss.principal().name()));
        return new Impact(losses, sum(losses));
    }

    /** Every token that works now, by kind: what switching tokens off for the workspace would stop. */
    public Impact ofDisablingTokens(Actor actor) {
        access.requireToRead(actor, Permission.SETTINGS_READ, Permission.SETTINGS_WRITE, null);
        if (!settings.get(actor.workspace()).tokensEnabled()) {
            return Impact.NONE;
        }
        Instant now = clock.instant();
        List<AccessToken> working = active(actor, null, now);
        TokenSuspensions.OwnerSuspensions suspended = suspensions.of(actor.workspace(), working);
        return new Impact(
                List.of(),
                byKind(working.stream()
                        .filter(token -> suspended.of(token, now).isEmpty())
                        .toList()));
    }

    /**
     * Removes the role assignment and adds its holder (the principal, or the group) to the token usage list with
     * {@code CAN_USE}, in one transaction, so their tokens never stop. Both changes are audited as they are on their
     * own; a refusal of either (the actor may remove roles but not change the list, say) changes nothing.
     */
    public void unassignKeepingTokenUsage(Actor actor, RoleAssignmentId id) {
        tx.inTransaction(() -> {
            RoleAssignment assignment = assignments
                    .findById(actor.workspace(), id)
                    .orElseThrow(() -> new ResourceNotFoundException("Role assignment " + id + " does not exist."));
            TokenUsageEntry entry = assignment.principal() != null
                    ? TokenUsageEntry.forPrincipal(assignment.principal(), TokenUsageLevel.CAN_USE)
                    : TokenUsageEntry.forGroup(assignment.group(), TokenUsageLevel.CAN_USE);
            usageService.patch(actor, List.of(entry));
            roles.unassign(actor, id);
            return null;
        });
    }

    /** The owner's active tokens (every owner's when null), page by page. */
    private List<AccessToken> active(Actor actor, PrincipalId owner, Instant now) {
        TokenFilter filter = new TokenFilter(owner, null, TokenStatus.ACTIVE, null, null, null, null, false, now);
        List<AccessToken> all = new ArrayList<>();
        TokenCursor cursor = null;
        while (true) {
            List<AccessToken> page = tokens.search(actor.workspace(), filter, cursor, PAGE);
            // a canary never works, so nothing of it stops
            page.stream().filter(token -> token.kind() != TokenKind.CANARY).forEach(all::add);
            if (page.size() < PAGE) {
                return all;
            }
            cursor = TokenCursor.after(page.get(page.size() - 1));
        }
    }

    private static Map<TokenKind, Integer> byKind(List<AccessToken> tokens) {
        Map<TokenKind, Integer> counts = new EnumMap<>(TokenKind.class);
        tokens.forEach(token -> counts.merge(token.kind(), 1, Integer::sum));
        return counts;
    }

    private static Map<TokenKind, Integer> sum(List<Loss> losses) {
        Map<TokenKind, Integer> counts = new EnumMap<>(TokenKind.class);
        losses.forEach(loss -> loss.byKind().forEach((kind, n) -> counts.merge(kind, n, Integer::sum)));
        return counts;
    }

    /** One principal that would lose token usage, with its working tokens by kind. */
    public record Loss(Principal principal, Map<TokenKind, Integer> byKind) {
        public Loss {
            byKind = Map.copyOf(byKind);
        }

        public int tokens() {
            return byKind.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * What stops: who loses token usage (none when the change stops every token alike) and the working tokens by
     * kind, in the kinds' order.
     */
    public record Impact(List<Loss> losses, Map<TokenKind, Integer> byKind) {
        public static final Impact NONE = new Impact(List.of(), Map.of());

        public Impact {
            losses = List.copyOf(losses);
            byKind = byKind.isEmpty() ? Map.of() : new EnumMap<>(byKind);
        }

        public int tokens() {
            return byKind.values().stream().mapToInt(Integer::intValue).sum();
        }

        public boolean none() {
            return tokens() == 0;
        }

        /** "3 tokens (2 personal, 1 on behalf of)", or "no token". */
        public String tokensText() {
            if (none()) {
                return "no token";
            }
            int total = tokens();
            return total + (total == 1 ? " token" : " tokens") + " ("
                    + byKind.entrySet().stream()
                            .map(e -> e.getValue() + " " + kindText(e.getKey()))
                            .collect(Collectors.joining(", "))
                    + ")";
        }

        private static String kindText(TokenKind kind) {
            return switch (kind) {
                case PERSONAL -> "personal";
                case ON_BEHALF_OF -> "on behalf of";
                case ORGANISATION -> "organisation";
                case GROUP -> "group";
                case OAUTH -> "OAuth";
                case CANARY -> "canary";
            };
        }
    }
}
