package dev.warden.core.bootstrap;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.entitlement.Entitlement;
import dev.warden.core.entitlement.EntitlementRepository;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.token.TokenService;
import dev.warden.core.workspace.AuthorizationVersions;
import dev.warden.core.workspace.Workspace;
import dev.warden.core.workspace.WorkspaceRepository;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;

/**
 * First start on an empty database: workspace {@code main}, user {@code admin} holding
 * {@code workspace-admin}, and optionally an admin token with an exact, pre-chosen value.
 */
public final class WorkspaceBootstrap {
    public static final String WORKSPACE_NAME = "main";
    public static final String ADMIN_USER_NAME = "admin";
    public static final String ADMIN_ROLE = BuiltInRole.WORKSPACE_ADMIN.roleName();

    private final WorkspaceRepository workspaces;
    private final PrincipalRepository principals;
    private final EntitlementRepository entitlements;
    private final RoleRepository roles;
    private final RoleAssignmentRepository assignments;
    private final TokenService tokens;
    private final AuditLog audit;
    private final TransactionRunner tx;
    private final AuthorizationVersions versions;
    private final Clock clock;

    public WorkspaceBootstrap(
            WorkspaceRepository workspaces,
            PrincipalRepository principals,
            EntitlementRepository entitlements,
            RoleRepository roles,
            RoleAssignmentRepository assignments,
            TokenService tokens,
            AuditLog audit,
            TransactionRunner tx,
            AuthorizationVersions versions,
            Clock clock) {
        this.workspaces = workspaces;
        this.principals = principals;
        this.entitlements = entitlements;
        this.roles = roles;
        this.assignments = assignments;
        this.tokens = tokens;
        this.audit = audit;
        this.tx = tx;
        this.versions = versions;
        this.clock = clock;
    }

    /**
     * @param adminPasswordHash the admin's password, already hashed by the caller
     * @param adminTokenValue an exact token value to store for the admin, or null
     * @return the admin when this call bootstrapped, empty when the database already held a workspace or another
     *     node's bootstrap created it meanwhile (nothing is written then)
     */
    public Optional<Principal> bootstrapIfEmpty(String adminPasswordHash, String adminTokenValue) {
        return tx.inTransaction(() -> {
            if (!workspaces.isEmpty()) {
                return Optional.<Principal>empty();
            }
            // Another node starting at the same time may have created it since isEmpty(): then that node
            // bootstraps, and this one goes on as on any later start.
            Optional<Workspace> created = workspaces.createIfAbsent(WORKSPACE_NAME);
            if (created.isEmpty()) {
                return Optional.<Principal>empty();
            }
            Workspace workspace = created.get();
            versions.bump(workspace.id());
            Principal admin = principals.save(
                    Principal.newUser(workspace.id(), ADMIN_USER_NAME, "Administrator", adminPasswordHash));
            // as every new user has it (a workspace admin may sign in to the console anyway)
            entitlements.replace(workspace.id(), admin.id(), Set.of(Entitlement.WORKSPACE_ACCESS));
            roles.seedBuiltIns(workspace.id());
            Role adminRole = roles.findByName(workspace.id(), ADMIN_ROLE).orElseThrow();
            assignments.add(RoleAssignment.toPrincipal(workspace.id(), adminRole.id(), admin.id(), null));
            audit.record(AuditEvent.anonymous(
                            workspace.id(),
                            AuditAction.WORKSPACE_BOOTSTRAPPED,
                            clock.instant().truncatedTo(ChronoUnit.MICROS))
                    .target("principal", admin.id().toString())
                    .detail("workspace", WORKSPACE_NAME)
                    .detail("admin", ADMIN_USER_NAME)
                    .detail("admin_token", adminTokenValue != null)
                    .build());
            if (adminTokenValue != null) {
                tokens.importValue(admin, adminTokenValue, "bootstrap admin token");
            }
            return Optional.of(admin);
        });
    }
}
