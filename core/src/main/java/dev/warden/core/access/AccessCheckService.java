package dev.warden.core.access;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.group.GroupId;
import dev.warden.core.permission.Permission;
import dev.warden.core.permission.PermissionCatalogue;
import dev.warden.core.permission.Scope;
import dev.warden.core.permission.ServiceScopes;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.AccessPolicy;
import dev.warden.core.role.EffectivePermissions;
import dev.warden.core.role.Grant;
import dev.warden.core.role.PermissionResolver;
import dev.warden.core.role.RoleService;
import dev.warden.core.service.ServiceRegistry;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenNotFoundException;
import dev.warden.core.token.TokenRefusal;
import dev.warden.core.token.TokenRefusalRecorder;
import dev.warden.core.token.TokenRefusalRepository;
import dev.warden.core.token.TokenRepository;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * "Why was my token refused?": the verdict of the decision chain for a stored token and a permission, with every
 * step, from the same {@link DecisionChain} real requests walk; and the token's scopes beside its effective
 * permissions, each dead scope with the reason. The token's owner may ask about it, and anyone holding
 * {@code token-management:read}; for everyone else the token does not exist.
 */
public final class AccessCheckService {
    private static final int HISTORY = 200;
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final TokenRepository tokens;
    private final PrincipalRepository principals;
    private final DecisionChain chain;
    private final PermissionResolver permissions;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final ServiceScopes serviceScopes;
    private final TokenRefusalRepository refusals;

    public AccessCheckService(
            TokenRepository tokens,
            PrincipalRepository principals,
            DecisionChain chain,
            PermissionResolver permissions,
            AccessPolicy access,
            AuditLog audit,
            ServiceScopes serviceScopes,
            TokenRefusalRepository refusals) {
        this.tokens = tokens;
        this.principals = principals;
        this.chain = chain;
        this.permissions = permissions;
        this.access = access;
        this.audit = audit;
        this.serviceScopes = serviceScopes;
        this.refusals = refusals;
    }

    /**
     * The chain for this token calling an endpoint that needs {@code required} (acting on {@code group}, or null);
     * with {@code required} null, the steps up to authentication only.
     */
    public Decision check(Actor actor, TokenId id, Permission required, GroupId group) {
        Decision authenticated = chain.evaluateStored(readable(actor, id));
        return required == null ? authenticated : chain.authorize(authenticated, required, group);
    }

    /**
     * The token's recent refusals, newest first (at most {@link TokenRefusalRecorder#KEEP}); who may ask is who may
     * ask about its scopes. Refusals still waiting in a node's memory for the next write are not among them yet.
     */
    public List<TokenRefusal> refusals(Actor actor, TokenId id) {
        AccessToken token = readable(actor, id);
        return refusals.recent(token.workspace(), token.id(), TokenRefusalRecorder.KEEP);
    }

    public ScopeReport scopes(Actor actor, TokenId id) {
        AccessToken token = readable(actor, id);
        return report(actor, token, owners(actor, List.of(token)), serviceScopes.catalogue(actor.workspace()));
    }

    /**
     * The dead scopes of each of these tokens (none for a token whose scopes all work), for token lists: the caller
     * has already been allowed to list the tokens. Each owner's permissions are resolved once.
     */
    public Map<TokenId, List<ScopeState>> deadScopes(Actor actor, Collection<AccessToken> listed) {
        Map<PrincipalId, Optional<Principal>> owners = owners(actor, listed);
        PermissionCatalogue catalogue = serviceScopes.catalogue(actor.workspace());
        Map<TokenId, List<ScopeState>> dead = new HashMap<>();
        for (AccessToken token : listed) {
            List<ScopeState> gone = report(actor, token, owners, catalogue).dead();
            if (!gone.isEmpty()) {
                dead.put(token.id(), gone);
            }
        }
        return dead;
    }

    private Map<PrincipalId, Optional<Principal>> owners(Actor actor, Collection<AccessToken> listed) {
        Set<PrincipalId> ids = new HashSet<>();
        listed.forEach(token -> ids.add(token.owner()));
        Map<PrincipalId, Principal> found = principals.byId(actor.workspace(), ids);
        Map<PrincipalId, Optional<Principal>> owners = new HashMap<>();
        ids.forEach(owner -> owners.put(owner, Optional.ofNullable(found.get(owner))));
        return owners;
    }

    private ScopeReport report(
            Actor actor,
            AccessToken token,
            Map<PrincipalId, Optional<Principal>> owners,
            PermissionCatalogue catalogue) {
        Optional<Principal> owner = owners.get(token.owner());
        EffectivePermissions held = owner.map(permissions::of).orElse(EffectivePermissions.NONE);
        Set<Permission> ownerHolds = new TreeSet<>();
        held.grants().forEach(grant -> ownerHolds.add(grant.permission()));
        String ownerName = owner.map(Principal::label).orElse("principal " + token.owner());

        List<ScopeState> states = new ArrayList<>();
        Set<Permission> effective = new TreeSet<>();
        for (Scope scope : token.scopes()) {
            String description = catalogue.describe(scope);
            if (scope.equals(Scope.ALL_APIS)) {
                effective.addAll(ownerHolds);
                states.add(
                        ownerHolds.isEmpty()
                                ? new ScopeState(
                                        scope, description, false, ownerName + " holds no permission at all now")
                                : new ScopeState(scope, description, true, null));
                continue;
            }
            Optional<Permission> permission = catalogue.find(scope.key());
            if (permission.isEmpty()) {
                states.add(goneBecause(actor, scope, description));
            } else if (ownerHolds.contains(permission.get())) {
                effective.add(permission.get());
                states.add(new ScopeState(scope, description, true, null));
            } else {
                states.add(deadBecause(actor, scope, description, ownerName, permission.get(), held));
            }
        }
        return new ScopeReport(states, effective);
    }

    /** "wiki:write was removed from the service wiki on … by …": a scope no registered service declares any more. */
    private ScopeState goneBecause(Actor actor, Scope scope, String description) {
        String service = Permission.resourceOf(scope.key());
        Optional<AuditEvent> removal =
                audit.history(actor.workspace(), ServiceRegistry.TARGET, service, HISTORY).stream()
                        .filter(event -> event.action() == AuditAction.SERVICE_UPDATED
                                        && Arrays.asList(event.details()
                                                        .getOrDefault(ServiceRegistry.SCOPES_REMOVED, "")
                                                        .split(" "))
                                                .contains(scope.key())
                                || event.action() == AuditAction.SERVICE_DELETED)
                        .max((a, b) -> a.occurredAt().compareTo(b.occurredAt()));
        if (removal.isEmpty()) {
            return new ScopeState(
                    scope,
                    description,
                    false,
                    scope.key() + " is no longer in the catalogue: no registered service declares it");
        }
        AuditEvent event = removal.get();
        return new ScopeState(
                scope,
                description,
                false,
                scope.key()
                        + (event.action() == AuditAction.SERVICE_DELETED
                                ? " is gone since the service " + service + " was removed on "
                                : " was removed from the service " + service + " on ")
                        + DAY.format(event.occurredAt()) + " by " + event.actorName(),
                event.occurredAt());
    }

    /** "owner no longer holds tokens:write since role change on …", when a role the owner holds lost it. */
    private ScopeState deadBecause(
            Actor actor,
            Scope scope,
            String description,
            String ownerName,
            Permission permission,
            EffectivePermissions held) {
        String lacks = ownerName + " does not hold " + permission.key();
        Optional<AuditEvent> removal = held.grants().stream()
                .map(Grant::role)
                .distinct()
                .flatMap(role -> audit.history(actor.workspace(), "role", String.valueOf(role.id()), HISTORY).stream()
                        .filter(event -> event.action() == AuditAction.ROLE_UPDATED)
                        .filter(event -> Arrays.asList(event.details()
                                        .getOrDefault(RoleService.PERMISSIONS_REMOVED, "")
                                        .split(" "))
                                .contains(permission.key())))
                .max((a, b) -> a.occurredAt().compareTo(b.occurredAt()));
        if (removal.isPresent()) {
            AuditEvent event = removal.get();
            return new ScopeState(
                    scope,
                    description,
                    false,
                    ownerName + " no longer holds " + permission.key() + " since the role change on "
                            + DAY.format(event.occurredAt()) + " ("
                            + event.details().getOrDefault("after", "role")
                            + ", by " + event.actorName() + ")",
                    event.occurredAt());
        }
        List<String> roles = held.roleNames();
        return new ScopeState(
                scope,
                description,
                false,
                lacks + " (roles held: "
                        + (roles.isEmpty() ? "none" : roles.stream().collect(Collectors.joining(", "))) + ")");
    }

    private AccessToken readable(Actor actor, TokenId id) {
        AccessToken token = tokens.findById(actor.workspace(), id).orElseThrow(() -> new TokenNotFoundException(id));
        if (!token.owner().equals(actor.principal())
                && !access.permissionsOf(actor).holds(Permission.TOKEN_MANAGEMENT_READ)) {
            throw new TokenNotFoundException(id);
        }
        return token;
    }
}
