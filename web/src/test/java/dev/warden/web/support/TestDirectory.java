package dev.warden.web.support;

import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.TokenService;
import dev.warden.core.workspace.Workspace;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/**
 * Principals, roles and tokens set up directly through the ports and core services, for API tests that need a
 * caller other than the bootstrap admin, or a second workspace.
 */
public final class TestDirectory {
    private final WorkspaceRepository workspaces;
    private final PrincipalRepository principals;
    private final RoleRepository roles;
    private final RoleAssignmentRepository assignments;
    private final TokenService tokens;

    private TestDirectory(ApplicationContext context) {
        workspaces = context.getBean(WorkspaceRepository.class);
        principals = context.getBean(PrincipalRepository.class);
        roles = context.getBean(RoleRepository.class);
        assignments = context.getBean(RoleAssignmentRepository.class);
        tokens = context.getBean(TokenService.class);
    }

    public static TestDirectory of(ApplicationContext context) {
        return new TestDirectory(context);
    }

    public Workspace main() {
        return workspaces.findByName("main").orElseThrow();
    }

    /** A new user of the main workspace holding exactly these built-in roles at workspace scope. */
    public Principal user(String prefix, BuiltInRole... held) {
        return user(main().id(), prefix, held);
    }

    public Principal user(WorkspaceId workspace, String prefix, BuiltInRole... held) {
        Principal user = principals.save(Principal.newUser(workspace, prefix + "-" + UUID.randomUUID(),
                prefix + " user", null));
        for (BuiltInRole role : held) {
            assignments.add(RoleAssignment.toPrincipal(workspace,
                    roles.findByName(workspace, role.roleName()).orElseThrow().id(), user.id(), null));
        }
        return user;
    }

    /** A fresh all-apis token of the principal, as it would create for itself. */
    public String tokenOf(Principal owner) {
        return tokens.create(Actor.of(owner, "127.0.0.1"), new CreateTokenCommand("test token", null, null))
                .secret().reveal();
    }

    /** A second workspace with its built-in roles and one workspace admin; never the console's. */
    public OtherWorkspace otherWorkspace() {
        Workspace workspace = workspaces.create("other-" + UUID.randomUUID());
        roles.seedBuiltIns(workspace.id());
        Principal admin = user(workspace.id(), "other-admin", BuiltInRole.WORKSPACE_ADMIN);
        return new OtherWorkspace(workspace, admin, tokenOf(admin));
    }

    public record OtherWorkspace(Workspace workspace, Principal admin, String adminToken) {
    }
}
