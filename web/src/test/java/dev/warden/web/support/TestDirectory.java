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
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import dev.warden.core.tokenusage.TokenUsageRepository;
import dev.warden.core.workspace.Workspace;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import java.util.ArrayList;
import java.util.List;
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
    private final TokenUsageRepository tokenUsage;

    private TestDirectory(ApplicationContext context) {
        workspaces = context.getBean(WorkspaceRepository.class);
        principals = context.getBean(PrincipalRepository.class);
        roles = context.getBean(RoleRepository.class);
        assignments = context.getBean(RoleAssignmentRepository.class);
        tokens = context.getBean(TokenService.class);
        tokenUsage = context.getBean(TokenUsageRepository.class);
    }

    public static TestDirectory of(ApplicationContext context) {
        return new TestDirectory(context);
    }

    public Workspace main() {
        return workspaces.findByName("main").orElseThrow();
    }

    /**
     * A new user of the main workspace holding exactly these built-in roles at workspace scope, and a direct
     * {@code CAN_USE} entry in the token usage list (so its tokens pass decision-chain step 6).
     */
    public Principal user(String prefix, BuiltInRole... held) {
        return user(main().id(), prefix, held);
    }

    public Principal user(WorkspaceId workspace, String prefix, BuiltInRole... held) {
        Principal user = userWithoutTokenUsage(workspace, prefix, held);
        grantTokenUsage(user);
        return user;
    }

    /** As {@link #user(String, BuiltInRole...)}, with no entry in the token usage list. */
    public Principal userWithoutTokenUsage(String prefix, BuiltInRole... held) {
        return userWithoutTokenUsage(main().id(), prefix, held);
    }

    public Principal userWithoutTokenUsage(WorkspaceId workspace, String prefix, BuiltInRole... held) {
        Principal user = principals.save(Principal.newUser(workspace, prefix + "-" + UUID.randomUUID(),
                prefix + " user", null));
        for (BuiltInRole role : held) {
            assignments.add(RoleAssignment.toPrincipal(workspace,
                    roles.findByName(workspace, role.roleName()).orElseThrow().id(), user.id(), null));
        }
        return user;
    }

    /** Gives the principal a direct {@code CAN_USE} entry in its workspace's token usage list (kept: others). */
    public void grantTokenUsage(Principal principal) {
        List<TokenUsageEntry> entries = new ArrayList<>(tokenUsage.list(principal.workspace()));
        TokenUsageEntry granted = TokenUsageEntry.forPrincipal(principal.id(), TokenUsageLevel.CAN_USE);
        entries.removeIf(entry -> entry.sameSubject(granted));
        entries.add(granted);
        tokenUsage.replace(principal.workspace(), entries);
    }

    /** Removes the principal's direct entry from the token usage list (its group entries stay). */
    public void revokeTokenUsage(Principal principal) {
        List<TokenUsageEntry> entries = new ArrayList<>(tokenUsage.list(principal.workspace()));
        entries.removeIf(entry -> principal.id().equals(entry.principal()));
        tokenUsage.replace(principal.workspace(), entries);
    }

    /**
     * A principal made outside these helpers (through SCIM, say) gets a direct {@code CAN_USE} entry, then a fresh
     * token of its own: for tests about something other than token usage.
     */
    public String usableTokenOf(Principal owner) {
        grantTokenUsage(owner);
        return tokenOf(owner);
    }

    /** A fresh all-apis token of the principal, as it would create for itself (it must hold token usage). */
    public String tokenOf(Principal owner) {
        return tokens.create(Actor.of(owner, "127.0.0.1"), new CreateTokenCommand("test token", null, null))
                .secret().reveal();
    }

    /**
     * A second workspace with its built-in roles and one workspace admin, who has a console password (so the
     * last-admin guard counts it), though the console signs in to the main workspace only.
     */
    public OtherWorkspace otherWorkspace() {
        Workspace workspace = workspaces.create("other-" + UUID.randomUUID());
        roles.seedBuiltIns(workspace.id());
        Principal admin = principals.save(userWithoutTokenUsage(workspace.id(), "other-admin",
                BuiltInRole.WORKSPACE_ADMIN).withPasswordHash("{noop}never-used"));
        return new OtherWorkspace(workspace, admin, tokenOf(admin));
    }

    public record OtherWorkspace(Workspace workspace, Principal admin, String adminToken) {
    }
}
