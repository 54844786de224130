package dev.warden.web.directory;

import dev.warden.core.access.AccessCheckService;
import dev.warden.core.access.ScopeState;
import dev.warden.core.access.TokenSuspensions;
import dev.warden.core.access.TokenSuspensions.OwnerSuspensions;
import dev.warden.core.directory.DirectoryService;
import dev.warden.core.entitlement.ConsoleAccessPolicy;
import dev.warden.core.entitlement.Entitlement;
import dev.warden.core.entitlement.EntitlementService;
import dev.warden.core.group.GroupService;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalNames;
import dev.warden.core.principal.PrincipalQuery;
import dev.warden.core.role.EffectivePermissions;
import dev.warden.core.role.Grant;
import dev.warden.core.role.PermissionResolver;
import dev.warden.core.role.RoleAssignmentId;
import dev.warden.core.shared.Page;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenId;
import dev.warden.web.console.Abilities;
import dev.warden.web.console.ConsoleAccess;
import dev.warden.web.console.PageView;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Reads what the Users and Service principals pages show, through the core services that check the viewer. */
@Component
class PrincipalPages {
    private final DirectoryService directory;
    private final GroupService groups;
    private final PermissionResolver resolver;
    private final ConsoleAccess access;
    private final TokenSuspensions suspensions;
    private final AccessCheckService checks;
    private final PrincipalNames principals;
    private final EntitlementService entitlements;
    private final ConsoleAccessPolicy consoleAccess;
    private final Clock clock;

    PrincipalPages(
            DirectoryService directory,
            GroupService groups,
            PermissionResolver resolver,
            ConsoleAccess access,
            TokenSuspensions suspensions,
            AccessCheckService checks,
            PrincipalNames principals,
            EntitlementService entitlements,
            ConsoleAccessPolicy consoleAccess,
            Clock clock) {
        this.directory = directory;
        this.entitlements = entitlements;
        this.consoleAccess = consoleAccess;
        this.groups = groups;
        this.resolver = resolver;
        this.access = access;
        this.suspensions = suspensions;
        this.checks = checks;
        this.principals = principals;
        this.clock = clock;
    }

    PageView<PrincipalRowView> search(Actor actor, DirectoryKind kind, String q, int page) {
        PrincipalQuery query = PrincipalQuery.containing(q);
        Page<Principal> found = directory.search(actor, kind.kind(), query, PageView.request(page, PageView.SIZE));
        int last = PageView.clamp(page, found.total(), PageView.SIZE);
        if (last != Math.max(page, 1)) {
            found = directory.search(actor, kind.kind(), query, PageView.request(last, PageView.SIZE));
        }
        return PageView.of(found, PrincipalRowView::of, q);
    }

    PrincipalDetailView detail(Actor actor, DirectoryKind kind, long id) {
        Principal principal = directory.get(actor, kind.kind(), new PrincipalId(id));
        Abilities can = access.of(actor);
        List<PrincipalDetailView.GroupLink> memberOf = groups.groupsOf(actor, principal.id()).stream()
                .map(g -> new PrincipalDetailView.GroupLink(g.id().value(), g.displayName()))
                .toList();
        List<RoleGrantView> roles = can.readRoles() ? rolesOf(principal) : null;
        List<OwnedTokenView> tokens = can.readTokens() ? credentials(actor, principal) : null;
        int tokenCount = tokens != null ? tokens.size() : directory.tokenCount(actor, principal.id());
        return new PrincipalDetailView(
                kind,
                id,
                principal.userName(),
                principal.displayName(),
                principal.email(),
                principal.applicationId(),
                principal.active(),
                memberOf,
                roles,
                tokens,
                tokenCount,
                principal.passwordHash() != null,
                kind == DirectoryKind.USER
                        && can.held().isWorkspaceAdmin()
                        && !principal.id().equals(actor.principal()),
                Entitlement.describe(entitlements.of(actor, principal.id())),
                kind == DirectoryKind.USER && principal.passwordHash() != null
                        ? consoleAccess.maySignIn(principal)
                        : null);
    }

    /**
     * The principal's tokens with everything but their secrets: who created each (looked up once per creator),
     * whether its owner's state suspends it (looked up once for the page) and which of its scopes no longer work.
     */
    private List<OwnedTokenView> credentials(Actor actor, Principal principal) {
        List<AccessToken> owned = directory.tokensOf(actor, principal.id());
        Map<PrincipalId, Principal> creators = principals.byId(
                actor.workspace(), owned.stream().map(AccessToken::createdBy).toList());
        OwnerSuspensions suspended = suspensions.of(actor.workspace(), owned);
        Map<TokenId, List<ScopeState>> dead = checks.deadScopes(actor, owned);
        Instant now = clock.instant();
        return owned.stream()
                .map(t -> OwnedTokenView.of(
                        t, creators.get(t.createdBy()), suspended.of(t, now).orElse(null), dead.get(t.id()), now))
                .toList();
    }

    /**
     * The roles the principal holds as if it were active (an inactive principal holds nothing, but its page
     * still says what it would get back), one line per assignment, direct ones first.
     */
    private List<RoleGrantView> rolesOf(Principal principal) {
        EffectivePermissions held = resolver.of(principal.withActive(true));
        return held.assignments().stream()
                .map(first -> RoleGrantView.of(
                        first, permissionsOf(held, first.assignment().id())))
                .sorted(Comparator.comparing(RoleGrantView::inherited)
                        .thenComparing(RoleGrantView::role)
                        .thenComparing(v -> v.viaGroup() == null ? "" : v.viaGroup()))
                .toList();
    }

    private static List<Permission> permissionsOf(EffectivePermissions held, RoleAssignmentId assignment) {
        return held.grants().stream()
                .filter(g -> g.assignment().id().equals(assignment))
                .map(Grant::permission)
                .distinct()
                .toList();
    }
}
