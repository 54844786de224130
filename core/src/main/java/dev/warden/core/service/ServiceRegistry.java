package dev.warden.core.service;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.permission.Permission;
import dev.warden.core.permission.PermissionCatalogue;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.AccessPolicy;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.ResourceAlreadyExistsException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.shared.Validation;
import dev.warden.core.workspace.AuthorizationVersions;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Registered services (DESIGN, "OAuth 2.0 and the services that rely on Warden"): register, rename, add and remove
 * scopes, remove. A service's scopes are permissions of its workspace's catalogue, so every change moves the
 * workspace's authorisation version on. A removed scope leaves every custom role that granted it, in the same
 * transaction, and allows nothing on the tokens that carry it (their scope report says why).
 */
public final class ServiceRegistry {
    /** The audit target type; its id is the service's name (a token's scope names the service by it). */
    public static final String TARGET = "service";
    /** The audit detail of {@code SERVICE_UPDATED} that lists, space-separated, the scopes removed. */
    public static final String SCOPES_REMOVED = "scopes_removed";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{1,31}");
    private static final Pattern ACTION = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final int SCOPE_MAX = 64;
    private static final int SCOPES_MAX = 100;
    /** Names a service cannot take: Warden's own resources, and names Warden uses for itself. */
    private static final Set<String> RESERVED = Stream.concat(
                    Permission.warden().stream().map(p -> Permission.resourceOf(p.key())),
                    Stream.of("all-apis", "warden", "metrics", "oauth", "oidc", "openid", "api", "console"))
            .collect(Collectors.toUnmodifiableSet());

    private final ServiceRepository services;
    private final PrincipalRepository principals;
    private final RoleRepository roles;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final TransactionRunner tx;
    private final AuthorizationVersions versions;
    private final Clock clock;

    public ServiceRegistry(
            ServiceRepository services,
            PrincipalRepository principals,
            RoleRepository roles,
            AccessPolicy access,
            AuditLog audit,
            TransactionRunner tx,
            AuthorizationVersions versions,
            Clock clock) {
        this.services = services;
        this.principals = principals;
        this.roles = roles;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.versions = versions;
        this.clock = clock;
    }

    public List<RegisteredService> list(Actor actor) {
        access.requireToRead(actor, Permission.SERVICES_READ, Permission.SERVICES_WRITE, null);
        return services.list(actor.workspace());
    }

    public RegisteredService get(Actor actor, ServiceId id) {
        access.requireToRead(actor, Permission.SERVICES_READ, Permission.SERVICES_WRITE, null);
        return find(actor.workspace(), id);
    }

    /**
     * The workspace's permission catalogue: Warden's own and every registered service's scopes. Anyone signed in may
     * read it (it is what a token can be scoped to, and what a role can grant).
     */
    public PermissionCatalogue catalogue(WorkspaceId workspace) {
        return services.catalogue(workspace);
    }

    /**
     * Each registered service's display name by its name, for pages that group the catalogue by service (the role
     * dialog, the scope picker, the Scopes page); like the catalogue, anyone signed in may read it.
     */
    public Map<String, String> displayNames(WorkspaceId workspace) {
        Map<String, String> names = new LinkedHashMap<>();
        services.list(workspace).forEach(service -> names.put(service.name(), service.displayName()));
        return names;
    }

    /** The service this service principal authenticates for; empty when it is not a registered service's. */
    public Optional<RegisteredService> ofServicePrincipal(WorkspaceId workspace, PrincipalId servicePrincipal) {
        return services.findByServicePrincipal(workspace, servicePrincipal);
    }

    public RegisteredService register(
            Actor actor,
            String name,
            String displayName,
            String servicePrincipalApplicationId,
            List<ServiceScopeInput> scopes) {
        access.require(actor, Permission.SERVICES_WRITE);
        String serviceName = validName(name);
        String shownName = Validation.optional(displayName, "display_name", 255);
        String applicationId =
                Validation.required(servicePrincipalApplicationId, "service_principal_application_id", 255);
        if (scopes == null || scopes.isEmpty()) {
            throw new InvalidParameterException(
                    "scopes",
                    "scopes is required: a service declares at least one scope, such as " + serviceName + ":read.");
        }
        List<Permission> declared = validScopes(serviceName, scopes, "scopes");
        return tx.inTransaction(() -> {
            versions.bump(actor.workspace());
            Principal principal = principals
                    .findByApplicationId(actor.workspace(), applicationId)
                    .filter(found -> found.kind() == PrincipalKind.SERVICE_PRINCIPAL)
                    .orElseThrow(() -> new InvalidParameterException(
                            "service_principal_application_id",
                            "No service principal has the application id " + Validation.echo(applicationId)
                                    + ". Create the service principal first (Admin Console → Identity and access)."));
            if (services.findByName(actor.workspace(), serviceName).isPresent()) {
                throw new ResourceAlreadyExistsException(
                        "A service named '" + serviceName + "' is already registered in this workspace.");
            }
            services.findByServicePrincipal(actor.workspace(), principal.id()).ifPresent(other -> {
                throw new InvalidParameterException(
                        "service_principal_application_id",
                        "Service principal " + principal.displayName() + " already authenticates for the service '"
                                + other.name() + "'; each service has a service principal of its own.");
            });
            RegisteredService saved = services.insert(new RegisteredService(
                    null,
                    actor.workspace(),
                    serviceName,
                    shownName == null || shownName.isEmpty() ? serviceName : shownName,
                    principal.id(),
                    declared));
            audit.record(event(actor, AuditAction.SERVICE_REGISTERED, saved)
                    .detail("service_principal", principal.name())
                    .detail("scopes", keys(saved.scopes()))
                    .build());
            return saved;
        });
    }

    /**
     * Changes the display name (null keeps it), adds scopes (or changes the description of scopes it has) and removes
     * scopes, in one transaction with one audit record. A removed scope leaves the roles that granted it.
     */
    public RegisteredService update(
            Actor actor, ServiceId id, String displayName, List<ServiceScopeInput> add, List<String> remove) {
        access.require(actor, Permission.SERVICES_WRITE);
        String shownName = displayName == null ? null : Validation.required(displayName, "display_name", 255);
        return tx.inTransaction(() -> {
            versions.bump(actor.workspace());
            RegisteredService before = find(actor.workspace(), id);
            List<Permission> added =
                    add == null || add.isEmpty() ? List.of() : validScopes(before.name(), add, "add_scopes");
            Set<String> removed = removals(before, remove, added);
            if (shownName != null) {
                services.rename(actor.workspace(), id, shownName);
            }
            if (!added.isEmpty()) {
                services.putScopes(actor.workspace(), id, added);
            }
            int rolesChanged = 0;
            if (!removed.isEmpty()) {
                services.removeScopes(actor.workspace(), id, removed);
                rolesChanged = roles.removePermissions(actor.workspace(), removed);
            }
            RegisteredService after = find(actor.workspace(), id);
            audit.record(event(actor, AuditAction.SERVICE_UPDATED, after)
                    .detail("display_name_before", before.displayName())
                    .detail("display_name_after", after.displayName())
                    .detail(
                            "scopes_added",
                            String.join(" ", added.stream().map(Permission::key).toList()))
                    .detail(SCOPES_REMOVED, String.join(" ", removed))
                    .detail("roles_changed", rolesChanged)
                    .build());
            return after;
        });
    }

    /** Removes the service and its scopes; returns how many custom roles lost one of them. */
    public int delete(Actor actor, ServiceId id) {
        access.require(actor, Permission.SERVICES_WRITE);
        return tx.inTransaction(() -> {
            versions.bump(actor.workspace());
            RegisteredService service = find(actor.workspace(), id);
            List<String> scopeKeys =
                    service.scopes().stream().map(Permission::key).toList();
            int rolesChanged = scopeKeys.isEmpty() ? 0 : roles.removePermissions(actor.workspace(), scopeKeys);
            services.delete(actor.workspace(), id);
            audit.record(event(actor, AuditAction.SERVICE_DELETED, service)
                    .detail(SCOPES_REMOVED, String.join(" ", scopeKeys))
                    .detail("roles_changed", rolesChanged)
                    .build());
            return rolesChanged;
        });
    }

    private RegisteredService find(WorkspaceId workspace, ServiceId id) {
        return services.findById(workspace, id)
                .orElseThrow(() -> new ResourceNotFoundException("Service " + id + " does not exist."));
    }

    private static String validName(String name) {
        String checked = Validation.required(name, "name", 32);
        if (!NAME.matcher(checked).matches()) {
            throw new InvalidParameterException(
                    "name",
                    "name must be 2 to 32 characters: a lower-case letter, then lower-case letters, digits or '-'"
                            + "; got " + Validation.echo(checked) + ".");
        }
        if (RESERVED.contains(checked)) {
            throw new InvalidParameterException(
                    "name",
                    "name '" + checked + "' is taken by Warden itself (its own permissions are " + checked
                            + ":…); choose another name.");
        }
        return checked;
    }

    private static List<Permission> validScopes(String service, List<ServiceScopeInput> inputs, String field) {
        if (inputs.size() > SCOPES_MAX) {
            throw new InvalidParameterException(field, field + " may hold at most " + SCOPES_MAX + " scopes.");
        }
        Map<String, Permission> scopes = new LinkedHashMap<>();
        for (ServiceScopeInput input : inputs) {
            if (input == null) {
                throw new InvalidParameterException(field, field + " holds an empty entry.");
            }
            String key = Validation.required(input.scope(), field + ".scope", SCOPE_MAX);
            String prefix = service + ":";
            if (!key.startsWith(prefix)
                    || !ACTION.matcher(key.substring(prefix.length())).matches()) {
                throw new InvalidParameterException(
                        field + ".scope",
                        "Every scope of the service '" + service + "' starts with '" + prefix
                                + "' followed by lower-case letters, digits, '.', '_' or '-' (such as " + prefix
                                + "read); got " + Validation.echo(key) + ".");
            }
            if (scopes.containsKey(key)) {
                throw new InvalidParameterException(field + ".scope", "Scope " + key + " is listed twice.");
            }
            String description = Validation.optional(input.description(), field + ".description", 255);
            scopes.put(key, Permission.ofService(service, key, description));
        }
        return new ArrayList<>(scopes.values());
    }

    private static Set<String> removals(RegisteredService service, List<String> remove, List<Permission> added) {
        Set<String> removed = new TreeSet<>();
        if (remove == null) {
            return removed;
        }
        for (String key : remove) {
            String checked = key == null ? "" : key.strip();
            if (!service.declares(checked)) {
                throw new InvalidParameterException(
                        "remove_scopes",
                        "The service '" + service.name() + "' declares no scope " + Validation.echo(key)
                                + ". Its scopes: " + keys(service.scopes()) + ".");
            }
            if (added.stream().anyMatch(p -> p.key().equals(checked))) {
                throw new InvalidParameterException(
                        "remove_scopes", "Scope " + checked + " is both added and removed.");
            }
            removed.add(checked);
        }
        return removed;
    }

    private static String keys(Collection<Permission> scopes) {
        return scopes.stream().map(Permission::key).collect(Collectors.joining(" "));
    }

    private AuditEvent.Builder event(Actor actor, AuditAction action, RegisteredService service) {
        return AuditEvent.by(actor, action, clock.instant().truncatedTo(ChronoUnit.MICROS))
                .target(TARGET, service.name())
                .detail("service_id", service.id());
    }
}
