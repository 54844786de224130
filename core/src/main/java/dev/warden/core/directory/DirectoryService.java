package dev.warden.core.directory;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.delegation.DirectoryPolicy;
import dev.warden.core.entitlement.Entitlement;
import dev.warden.core.entitlement.EntitlementService;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalQuery;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.AccessPolicy;
import dev.warden.core.role.AuthorisedActor;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.LastAdminGuard;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.service.ServiceRepository;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.InvalidStateException;
import dev.warden.core.shared.Page;
import dev.warden.core.shared.PageRequest;
import dev.warden.core.shared.ResourceAlreadyExistsException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.shared.Validation;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.workspace.AuthorizationVersions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Users and service principals: create, read, replace, activate or deactivate, delete. Every change checks the
 * actor's current permissions, is audited with before and after, and commits with its audit record; the last
 * active workspace admin can never be removed.
 */
public final class DirectoryService {
    private static final Pattern UUID_FORMAT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int NAME_MAX = 255;

    private final PrincipalRepository principals;
    private final RoleRepository roles;
    private final RoleAssignmentRepository assignments;
    private final TokenRepository tokens;
    private final EntitlementService entitlements;
    private final AccessPolicy access;
    private final DirectoryPolicy delegation;
    private final LastAdminGuard lastAdmin;
    private final AuditLog audit;
    private final TransactionRunner tx;
    private final AuthorizationVersions versions;
    private final Clock clock;

    private final ServiceRepository services;

    public DirectoryService(
            PrincipalRepository principals,
            RoleRepository roles,
            RoleAssignmentRepository assignments,
            TokenRepository tokens,
            EntitlementService entitlements,
            AccessPolicy access,
            DirectoryPolicy delegation,
            LastAdminGuard lastAdmin,
            AuditLog audit,
            TransactionRunner tx,
            AuthorizationVersions versions,
            ServiceRepository services,
            Clock clock) {
        this.services = services;
        this.principals = principals;
        this.roles = roles;
        this.assignments = assignments;
        this.tokens = tokens;
        this.entitlements = entitlements;
        this.access = access;
        this.delegation = delegation;
        this.lastAdmin = lastAdmin;
        this.audit = audit;
        this.tx = tx;
        this.versions = versions;
        this.clock = clock;
    }

    public Principal get(Actor actor, PrincipalKind kind, PrincipalId id) {
        access.requireToRead(actor, Permission.SCIM_READ, Permission.SCIM_WRITE, null);
        return find(actor, kind, id);
    }

    public Page<Principal> search(Actor actor, PrincipalKind kind, PrincipalQuery query, PageRequest page) {
        access.require(actor, Permission.SCIM_READ);
        return principals.search(actor.workspace(), kind, query, page);
    }

    /**
     * The principal behind a token or a session, whatever its kind (SCIM {@code Me}): as the request's authorisation
     * read it, when the actor carries that (it is current: any change to a principal moves the version it was read
     * at), else read now.
     */
    public Principal me(Actor actor) {
        return AuthorisedActor.of(actor)
                .map(AuthorisedActor::principal)
                .or(() -> principals.findById(actor.workspace(), actor.principal()))
                .orElseThrow(
                        () -> new ResourceNotFoundException("Principal " + actor.principal() + " does not exist."));
    }

    public Principal createUser(Actor actor, UserDetails details, String passwordHash) {
        access.require(actor, Permission.SCIM_WRITE);
        String userName = Validation.required(details.userName(), "userName", NAME_MAX);
        String displayName = Validation.optional(details.displayName(), "displayName", NAME_MAX);
        Principal user = new Principal(
                null,
                actor.workspace(),
                PrincipalKind.USER,
                userName,
                displayName == null || displayName.isEmpty() ? userName : displayName,
                details.active() == null || details.active(),
                passwordHash,
                null,
                Validation.email(details.email()),
                Validation.optional(details.givenName(), "name.givenName", NAME_MAX),
                Validation.optional(details.familyName(), "name.familyName", NAME_MAX),
                Validation.optional(details.externalId(), "externalId", NAME_MAX));
        Set<Entitlement> initial = entitlements.initialFor(actor, PrincipalKind.USER, details.entitlements());
        return tx.inTransaction(() -> {
            versions.bump(actor.workspace());
            if (principals.findByUserName(actor.workspace(), userName).isPresent()) {
                throw new ResourceAlreadyExistsException(
                        "A user with userName " + Validation.echo(userName) + " already exists.");
            }
            return created(actor, user, initial);
        });
    }

    public Principal createServicePrincipal(Actor actor, ServicePrincipalDetails details) {
        access.require(actor, Permission.SCIM_WRITE);
        String displayName = Validation.required(details.displayName(), "displayName", NAME_MAX);
        String applicationId =
                details.applicationId() == null || details.applicationId().isBlank()
                        ? UUID.randomUUID().toString()
                        : details.applicationId().strip();
        if (!UUID_FORMAT.matcher(applicationId).matches()) {
            throw new InvalidParameterException(
                    "applicationId", "applicationId must be a UUID; leave it out and" + " Warden generates one.");
        }
        Principal servicePrincipal = new Principal(
                null,
                actor.workspace(),
                PrincipalKind.SERVICE_PRINCIPAL,
                null,
                displayName,
                details.active() == null || details.active(),
                null,
                applicationId.toLowerCase(Locale.ROOT),
                null,
                null,
                null,
                Validation.optional(details.externalId(), "externalId", NAME_MAX));
        Set<Entitlement> initial =
                entitlements.initialFor(actor, PrincipalKind.SERVICE_PRINCIPAL, details.entitlements());
        return tx.inTransaction(() -> {
            versions.bump(actor.workspace());
            if (principals
                    .findByApplicationId(actor.workspace(), servicePrincipal.applicationId())
                    .isPresent()) {
                throw new ResourceAlreadyExistsException("A service principal with applicationId '"
                        + servicePrincipal.applicationId() + "' already exists.");
            }
            return created(actor, servicePrincipal, initial);
        });
    }

    /** Full replace of a user's profile (SCIM PUT, and PATCH once applied); the password stays. */
    public Principal replaceUser(Actor actor, PrincipalId id, UserDetails details) {
        access.require(actor, Permission.SCIM_WRITE);
        String userName = Validation.required(details.userName(), "userName", NAME_MAX);
        String displayName = Validation.optional(details.displayName(), "displayName", NAME_MAX);
        return tx.inTransaction(() -> {
            versions.bump(actor.workspace());
            Principal before = find(actor, PrincipalKind.USER, id);
            principals
                    .findByUserName(actor.workspace(), userName)
                    .filter(other -> !other.id().equals(id))
                    .ifPresent(other -> {
                        throw new ResourceAlreadyExistsException(
                                "A user with userName " + Validation.echo(userName) + " already exists.");
                    });
            Principal after = before.withProfile(
                    userName,
                    displayName == null || displayName.isEmpty() ? userName : displayName,
                    Validation.email(details.email()),
                    Validation.optional(details.givenName(), "name.givenName", NAME_MAX),
                    Validation.optional(details.familyName(), "name.familyName", NAME_MAX),
                    Validation.optional(details.externalId(), "externalId", NAME_MAX));
            return updated(actor, before, activeAs(after, details.active()));
        });
    }

    public Principal replaceServicePrincipal(Actor actor, PrincipalId id, ServicePrincipalDetails details) {
        access.require(actor, Permission.SCIM_WRITE);
        String displayName = Validation.required(details.displayName(), "displayName", NAME_MAX);
        return tx.inTransaction(() -> {
            versions.bump(actor.workspace());
            Principal before = find(actor, PrincipalKind.SERVICE_PRINCIPAL, id);
            if (details.applicationId() != null && !details.applicationId().equalsIgnoreCase(before.applicationId())) {
                throw new InvalidParameterException("applicationId", "applicationId cannot be changed.");
            }
            Principal after = before.withProfile(
                    null,
                    displayName,
                    null,
                    null,
                    null,
                    Validation.optional(details.externalId(), "externalId", NAME_MAX));
            return updated(actor, before, activeAs(after, details.active()));
        });
    }

    /** Deactivating stops all the principal's tokens at once; reactivating brings back those still valid. */
    public Principal setActive(Actor actor, PrincipalKind kind, PrincipalId id, boolean active) {
        access.require(actor, Permission.SCIM_WRITE);
        return tx.inTransaction(() -> {
            versions.bump(actor.workspace());
            Principal before = find(actor, kind, id);
            return updated(actor, before, before.withActive(active));
        });
    }

    /** Deletes the principal and its tokens; returns how many tokens went with it. */
    public int delete(Actor actor, PrincipalKind kind, PrincipalId id) {
        access.require(actor, Permission.SCIM_WRITE);
        return tx.inTransaction(() -> {
            versions.bump(actor.workspace());
            Principal principal = find(actor, kind, id);
            requireNotSelf(actor, principal, "delete");
            // A registered service's scopes are permissions custom roles grant: they leave the catalogue only through
            // the service registry, which takes them from those roles and audits it; never as a side effect.
            services.findByServicePrincipal(actor.workspace(), id).ifPresent(service -> {
                throw new InvalidStateException("Service principal " + principal.displayName()
                        + " authenticates for the registered service '" + service.name()
                        + "'. Remove the service first (Admin Console → Services, or DELETE /api/2.0/services/"
                        + service.id() + "), then delete the service principal.");
            });
            int tokenCount = tokens.listByOwner(actor.workspace(), id).size();
            lastAdmin.keepingAnAdmin(
                    actor.workspace(), "deleting " + principal.name(), () -> principals.delete(actor.workspace(), id));
            audit.record(event(actor, AuditAction.PRINCIPAL_DELETED, principal)
                    .detail("before", describe(principal))
                    .detail("tokens_deleted", tokenCount)
                    .build());
            return tokenCount;
        });
    }

    /** How many tokens a principal owns, for "deleting this service principal deletes its 3 tokens". */
    public int tokenCount(Actor actor, PrincipalId id) {
        access.require(actor, Permission.SCIM_READ);
        return tokens.listByOwner(actor.workspace(), id).size();
    }

    /**
     * The tokens a principal owns, newest first, for its page in the console. Reading somebody else's tokens is
     * token management, so it needs {@code token-management:read}.
     */
    public List<AccessToken> tokensOf(Actor actor, PrincipalId id) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_READ);
        if (principals.findById(actor.workspace(), id).isEmpty()) {
            throw new ResourceNotFoundException("Principal " + id + " does not exist.");
        }
        return tokens.listByOwner(actor.workspace(), id);
    }

    private Principal created(Actor actor, Principal principal, Set<Entitlement> initial) {
        Principal saved = principals.save(principal);
        entitlements.storeInitial(actor, saved.id(), initial);
        roles.findByName(actor.workspace(), BuiltInRole.USER.roleName())
                .ifPresent(user ->
                        assignments.add(RoleAssignment.toPrincipal(actor.workspace(), user.id(), saved.id(), null)));
        audit.record(event(actor, AuditAction.PRINCIPAL_CREATED, saved)
                .detail("after", describe(saved))
                .detail("role", BuiltInRole.USER.roleName())
                .detail("entitlements", Entitlement.describe(initial))
                .build());
        return saved;
    }

    private Principal updated(Actor actor, Principal before, Principal after) {
        if (before.equals(after)) {
            return before;
        }
        if (before.active() && !after.active()) {
            requireNotSelf(actor, before, "deactivate");
        }
        if (!before.active() && after.active()) {
            delegation.requireMayActivate(actor, after);
        }
        Principal saved = before.active() && !after.active()
                ? lastAdmin.keepingAnAdmin(
                        actor.workspace(), "deactivating " + before.name(), () -> principals.save(after))
                : principals.save(after);
        AuditAction action = before.active() == after.active()
                ? AuditAction.PRINCIPAL_UPDATED
                : after.active() ? AuditAction.PRINCIPAL_ACTIVATED : AuditAction.PRINCIPAL_DEACTIVATED;
        audit.record(event(actor, action, saved)
                .detail("before", describe(before))
                .detail("after", describe(saved))
                .build());
        return saved;
    }

    /**
     * Nobody deactivates or deletes the principal it acts as: the request would cut off its own answer, and an admin
     * locking itself out is never what was meant. Another admin can.
     */
    private static void requireNotSelf(Actor actor, Principal target, String verb) {
        if (target.id().equals(actor.principal())) {
            throw new InvalidStateException("Refused: " + actor.name() + " cannot " + verb + " itself. Another"
                    + " admin with scim:write can.");
        }
    }

    private Principal find(Actor actor, PrincipalKind kind, PrincipalId id) {
        return principals
                .findById(actor.workspace(), id)
                .filter(principal -> principal.kind() == kind)
                .orElseThrow(() -> new ResourceNotFoundException(label(kind) + " " + id + " does not exist."));
    }

    private static Principal activeAs(Principal principal, Boolean active) {
        return active == null ? principal : principal.withActive(active);
    }

    private AuditEvent.Builder event(Actor actor, AuditAction action, Principal target) {
        return AuditEvent.by(actor, action, now())
                .target(
                        target.kind() == PrincipalKind.USER ? "user" : "service_principal",
                        String.valueOf(target.id()));
    }

    static String describe(Principal principal) {
        StringBuilder text = new StringBuilder();
        text.append(principal.kind()).append(' ').append(principal.name());
        if (!Objects.equals(principal.displayName(), principal.name())) {
            text.append(" (").append(principal.displayName()).append(')');
        }
        text.append(principal.active() ? ", active" : ", inactive");
        if (principal.email() != null) {
            text.append(", ").append(principal.email());
        }
        return text.toString();
    }

    static String label(PrincipalKind kind) {
        return switch (kind) {
            case USER -> "User";
            case SERVICE_PRINCIPAL -> "Service principal";
            case TECHNICAL_USER -> "Technical user";
        };
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
