package dev.warden.web.support;

import dev.warden.core.tokenusage.TokenUsageService;
import dev.warden.core.directory.DirectoryService;
import dev.warden.core.group.GroupService;
import dev.warden.core.role.RoleService;
import dev.warden.core.directory.ServicePrincipalDetails;
import dev.warden.core.directory.UserDetails;
import dev.warden.core.group.Group;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.TokenService;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import dev.warden.core.workspace.WorkspaceRepository;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Directory data for console tests, made through the core services as the bootstrap admin: users who can log
 * in, service principals, groups, roles, assignments and tokens. Every name is unique, so tests sharing one
 * application never see each other's data by accident.
 */
public final class DirectoryFixture {
    private final DirectoryService directory;
    private final GroupService groups;
    private final RoleService roles;
    private final TokenService tokens;
    private final TokenUsageService tokenUsage;
    private final WorkspaceRepository workspaces;
    private final PrincipalRepository principals;
    private final PasswordEncoder passwords;

    public DirectoryFixture(ApplicationContext context) {
        this.directory = context.getBean(DirectoryService.class);
        this.groups = context.getBean(GroupService.class);
        this.roles = context.getBean(RoleService.class);
        this.tokens = context.getBean(TokenService.class);
        this.tokenUsage = context.getBean(TokenUsageService.class);
        this.workspaces = context.getBean(WorkspaceRepository.class);
        this.principals = context.getBean(PrincipalRepository.class);
        this.passwords = context.getBean(PasswordEncoder.class);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public Actor admin() {
        var workspace = workspaces.findByName("main").orElseThrow();
        return Actor.of(principals.findByUserName(workspace.id(), "admin").orElseThrow(), "127.0.0.1");
    }

    /** A user with the built-in {@code user} role who logs in to the console with {@code password}. */
    public Principal user(String userName, String password) {
        return directory.createUser(admin(), new UserDetails(userName, userName, null, null, null, null, true),
                passwords.encode(password));
    }

    public Principal servicePrincipal(String displayName) {
        return directory.createServicePrincipal(admin(), new ServicePrincipalDetails(null, displayName, null, true));
    }

    public Group group(String name, Principal... members) {
        return groups.create(admin(), name, null, Arrays.stream(members).map(Principal::id).toList());
    }

    public Role customRole(String name, Permission... permissions) {
        return roles.create(admin(), name, "made by a test", EnumSet.copyOf(List.of(permissions)));
    }

    public Role builtIn(BuiltInRole role) {
        return roles.list(admin()).stream().filter(r -> r.builtIn() && r.name().equals(role.roleName()))
                .findFirst().orElseThrow();
    }

    public RoleAssignment assign(Role role, Principal principal, Group scope) {
        return roles.assign(admin(), role.id(), principal.id(), null, scope == null ? null : scope.id());
    }

    public RoleAssignment assign(Role role, Group group, Group scope) {
        return roles.assign(admin(), role.id(), null, group.id(), scope == null ? null : scope.id());
    }

    /** Takes a built-in role the principal holds directly away from it (say, {@code user} from a group admin). */
    public void unassign(BuiltInRole role, Principal principal) {
        Role held = builtIn(role);
        roles.holders(admin(), held.id()).stream()
                .filter(a -> principal.id().equals(a.principal()))
                .forEach(a -> roles.unassign(admin(), a.id()));
    }

    /** Gives the principal CAN_USE on tokens (a direct entry in the token usage list), keeping the other entries. */
    public void allowTokens(Principal principal) {
        tokenUsage.patch(admin(), List.of(TokenUsageEntry.forPrincipal(principal.id(), TokenUsageLevel.CAN_USE)));
    }

    /** Gives the group's members CAN_USE on tokens, keeping the other entries. */
    public void allowTokens(Group group) {
        tokenUsage.patch(admin(), List.of(TokenUsageEntry.forGroup(group.id(), TokenUsageLevel.CAN_USE)));
    }

    /**
     * A token owned by the principal, as the principal itself would create it; returns the secret. The principal
     * gets CAN_USE on tokens first (step 6 needs it to create and to use the token).
     */
    public String token(Principal owner, String name) {
        allowTokens(owner);
        return tokens.create(Actor.of(owner, "127.0.0.1"), new CreateTokenCommand(name, null, null)).secret().reveal();
    }
}
