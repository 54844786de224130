package dev.warden.core.bootstrap;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.principal.ConsolePassword;
import dev.warden.core.principal.PasswordHasher;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.shared.Validation;
import dev.warden.core.workspace.AuthorizationVersions;
import dev.warden.core.workspace.Workspace;
import dev.warden.core.workspace.WorkspaceRepository;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * The way back in when nobody knows a workspace admin's password: whoever runs Warden sets a start-up setting, and on
 * start this sets that user's console password, makes it active and gives it {@code workspace-admin} at workspace
 * scope (creating the user when no user has that name). Only someone who controls the process's environment can do
 * this, which is who owns the installation anyway. It is audited as {@link AuditAction#ADMIN_RECOVERED} by
 * {@value #ACTOR}. Running it again with the same value sets the password again (a new hash) and records again;
 * nothing else changes a second time.
 */
public final class AdminRecovery {
    /** The actor name of the audit record: nobody signed in did it. */
    public static final String ACTOR = "system";

    /** The settings, as a refusal names them. */
    public static final String PASSWORD_FIELD = "WARDEN_RECOVER_ADMIN_PASSWORD";

    public static final String USER_FIELD = "WARDEN_RECOVER_ADMIN_USER";

    private final WorkspaceRepository workspaces;
    private final PrincipalRepository principals;
    private final RoleRepository roles;
    private final RoleAssignmentRepository assignments;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final TransactionRunner tx;
    private final AuthorizationVersions versions;
    private final Clock clock;

    public AdminRecovery(
            WorkspaceRepository workspaces,
            PrincipalRepository principals,
            RoleRepository roles,
            RoleAssignmentRepository assignments,
            PasswordHasher hasher,
            AuditLog audit,
            TransactionRunner tx,
            AuthorizationVersions versions,
            Clock clock) {
        this.workspaces = workspaces;
        this.principals = principals;
        this.roles = roles;
        this.assignments = assignments;
        this.hasher = hasher;
        this.audit = audit;
        this.tx = tx;
        this.versions = versions;
        this.clock = clock;
    }

    /** What a recovery did, beyond setting the password; the start-up log says it. */
    public record Recovered(Principal user, boolean created, boolean activated, boolean madeAdmin) {}

    /**
     * @param workspaceName the console's workspace
     * @param userName the user to recover (usually {@code admin})
     * @param password the new password, as {@link ConsolePassword} requires; a refused one changes nothing
     * @throws IllegalStateException when the workspace does not exist (the bootstrap makes it on first start)
     */
    public Recovered recover(String workspaceName, String userName, String password) {
        String name = Validation.required(userName, USER_FIELD, 255);
        ConsolePassword.require(password, PASSWORD_FIELD);
        String hash = hasher.hash(password);
        return tx.inTransaction(() -> {
            Workspace workspace = workspaces
                    .findByName(workspaceName)
                    .orElseThrow(() -> new IllegalStateException("No workspace '" + workspaceName + "' to recover."));
            versions.bump(workspace.id());
            Principal existing = principals.findByUserName(workspace.id(), name).orElse(null);
            Principal user = principals.save(
                    existing == null
                            ? Principal.newUser(workspace.id(), name, name, hash)
                            : existing.withPasswordHash(hash).withActive(true));
            Role admin = roles.findByName(workspace.id(), BuiltInRole.WORKSPACE_ADMIN.roleName())
                    .orElseThrow();
            // Held directly, whatever its groups say: a group can lose the role or the user its membership later.
            boolean madeAdmin = assignments.forRole(workspace.id(), admin.id()).stream()
                    .noneMatch(a -> a.atWorkspaceScope() && user.id().equals(a.principal()));
            if (madeAdmin) {
                assignments.add(RoleAssignment.toPrincipal(workspace.id(), admin.id(), user.id(), null));
            }
            boolean activated = existing != null && !existing.active();
            audit.record(AuditEvent.anonymous(
                            workspace.id(),
                            AuditAction.ADMIN_RECOVERED,
                            clock.instant().truncatedTo(ChronoUnit.MICROS))
                    .actor(null, ACTOR)
                    .target("user", String.valueOf(user.id()))
                    .detail("user", name)
                    .detail("created", existing == null)
                    .detail("activated", activated)
                    .detail("role_assigned", madeAdmin)
                    .build());
            return new Recovered(user, existing == null, activated, madeAdmin);
        });
    }
}
