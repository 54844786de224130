package dev.warden.web.support;

import dev.warden.core.directory.DirectoryService;
import dev.warden.core.directory.ServicePrincipalDetails;
import dev.warden.core.directory.UserDetails;
import dev.warden.core.group.Group;
import dev.warden.core.group.GroupService;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.role.RoleService;
import dev.warden.core.service.RegisteredService;
import dev.warden.core.service.ServiceRegistry;
import dev.warden.core.service.ServiceScopeInput;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.TokenService;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import dev.warden.core.tokenusage.TokenUsageRepository;
import dev.warden.core.tokenusage.TokenUsageService;
import dev.warden.core.workspace.AuthorizationVersions;
import dev.warden.core.workspace.Workspace;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Test data for the web tests: principals, groups, roles, assignments, token usage, tokens and a second workspace.
 * Every name is unique, so tests sharing one application never see each other's data by accident.
 *
 * <p>Most of it is made through the core services as the bootstrap admin of the main workspace, as the console
 * would make it. Two kinds of data go straight through the repositories instead, on purpose:
 * <ul>
 * <li>the API callers of {@link #user(String, BuiltInRole...)} and its siblings, which hold exactly the built-in
 * roles asked for (the directory service gives every user it makes the {@code user} role) and may live in a second
 * workspace, where the main workspace's admin cannot act;</li>
 * <li>the second workspace of {@link #otherWorkspace()}, which no service creates.</li>
 * </ul>
 * Each such write moves the workspace's authorisation version on, as the services' writes do, so that no node keeps
 * using what it resolved before (DESIGN, "Request cost").
 */
public final class TestData {
    private final WorkspaceRepository workspaces;
    private final PrincipalRepository principals;
    private final RoleRepository roleRepository;
    private final RoleAssignmentRepository assignments;
    private final TokenUsageRepository tokenUsageRepository;
    private final DirectoryService directory;
    private final GroupService groups;
    private final RoleService roles;
    private final TokenService tokens;
    private final TokenUsageService tokenUsage;
    private final PasswordEncoder passwords;
    private final AuthorizationVersions versions;

    private final ServiceRegistry services;

    private TestData(ApplicationContext context) {
        services = context.getBean(ServiceRegistry.class);
        workspaces = context.getBean(WorkspaceRepository.class);
        principals = context.getBean(PrincipalRepository.class);
        roleRepository = context.getBean(RoleRepository.class);
        assignments = context.getBean(RoleAssignmentRepository.class);
        tokenUsageRepository = context.getBean(TokenUsageRepository.class);
        directory = context.getBean(DirectoryService.class);
        groups = context.getBean(GroupService.class);
        roles = context.getBean(RoleService.class);
        tokens = context.getBean(TokenService.class);
        tokenUsage = context.getBean(TokenUsageService.class);
        passwords = context.getBean(PasswordEncoder.class);
        versions = context.getBean(AuthorizationVersions.class);
    }

    public static TestData of(ApplicationContext context) {
        return new TestData(context);
    }

    /** {@code prefix} and a short random suffix: a name no other test uses. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public Workspace main() {
        return workspaces.findByName("main").orElseThrow();
    }

    /** The bootstrap admin of the main workspace, as whom the services here make their data. */
    public Actor admin() {
        return Actor.of(principals.findByUserName(main().id(), "admin").orElseThrow(), "127.0.0.1");
    }

    // ---- principals ----

    /**
     * A new user of the main workspace holding exactly these built-in roles at workspace scope, and a direct
     * {@code CAN_USE} entry in the token usage list (so its tokens pass decision-chain step 6). Made through the
     * repositories: see the class comment.
     */
    public Principal user(String prefix, BuiltInRole... held) {
        return user(main().id(), prefix, held);
    }

    /** As {@link #user(String, BuiltInRole...)}, in the given workspace. */
    public Principal user(WorkspaceId workspace, String prefix, BuiltInRole... held) {
        Principal user = userWithoutTokenUsage(workspace, prefix, held);
        addTokenUsageEntry(user);
        return user;
    }

    /** As {@link #user(String, BuiltInRole...)}, with no entry in the token usage list. */
    public Principal userWithoutTokenUsage(String prefix, BuiltInRole... held) {
        return userWithoutTokenUsage(main().id(), prefix, held);
    }

    /** As {@link #user(WorkspaceId, String, BuiltInRole...)}, with no entry in the token usage list. */
    public Principal userWithoutTokenUsage(WorkspaceId workspace, String prefix, BuiltInRole... held) {
        // Through the repositories, not DirectoryService: the service would add the user role, and it acts in the
        // actor's (the main) workspace only.
        Principal user =
                principals.save(Principal.newUser(workspace, prefix + "-" + UUID.randomUUID(), prefix + " user", null));
        for (BuiltInRole role : held) {
            assignments.add(RoleAssignment.toPrincipal(
                    workspace,
                    roleRepository
                            .findByName(workspace, role.roleName())
                            .orElseThrow()
                            .id(),
                    user.id(),
                    null));
        }
        versions.bump(workspace); // as a service would: no node may keep what it resolved before
        return user;
    }

    /**
     * A user of the main workspace who logs in to the console with {@code password}, made by the admin through the
     * directory service: it holds the built-in {@code user} role and no entry in the token usage list.
     */
    public Principal consoleUser(String userName, String password) {
        return directory.createUser(
                admin(), new UserDetails(userName, userName, null, null, null, null, true), passwords.encode(password));
    }

    public Principal servicePrincipal(String displayName) {
        return directory.createServicePrincipal(admin(), new ServicePrincipalDetails(null, displayName, null, true));
    }

    /**
     * A registered service of the main workspace with a service principal of its own and these scopes (keys under
     * {@code name:}), registered by the workspace admin.
     */
    public RegisteredService service(String name, String... scopeKeys) {
        Principal robot = servicePrincipal(name + " service");
        return services.register(
                admin(),
                name,
                null,
                robot.applicationId(),
                Arrays.stream(scopeKeys)
                        .map(key -> new ServiceScopeInput(key, "test scope " + key))
                        .toList());
    }

    /**
     * Removes every registered service of the main workspace: tests share one application, and others expect the
     * catalogue to hold Warden's own permissions only.
     */
    public void removeServices() {
        services.list(admin()).forEach(service -> services.delete(admin(), service.id()));
    }

    // ---- groups, roles and assignments ----

    public Group group(String name, Principal... members) {
        return groups.create(
                admin(), name, null, Arrays.stream(members).map(Principal::id).toList());
    }

    public Role customRole(String name, Permission... permissions) {
        return roles.create(admin(), name, "made by a test", Set.of(permissions));
    }

    public Role roleNamed(String name) {
        return roles.list(admin()).stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    public Role builtIn(BuiltInRole role) {
        return roles.list(admin()).stream()
                .filter(r -> r.builtIn() && r.name().equals(role.roleName()))
                .findFirst()
                .orElseThrow();
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

    // ---- token usage ----

    /**
     * Gives a principal of the main workspace {@code CAN_USE} on tokens (a direct entry in the token usage list),
     * keeping the other entries; the admin patches the list through the token usage service.
     */
    public void grantTokenUsage(Principal principal) {
        tokenUsage.patch(admin(), List.of(TokenUsageEntry.forPrincipal(principal.id(), TokenUsageLevel.CAN_USE)));
    }

    /** Gives the group's members {@code CAN_USE} on tokens, keeping the other entries. */
    public void grantTokenUsage(Group group) {
        tokenUsage.patch(admin(), List.of(TokenUsageEntry.forGroup(group.id(), TokenUsageLevel.CAN_USE)));
    }

    /**
     * Removes the principal's direct entry from the token usage list (its group entries stay). Through the
     * repository, as {@link #user(WorkspaceId, String, BuiltInRole...)} writes the entry: the principal may live in
     * a second workspace, where the main workspace's admin cannot change the list.
     */
    public void revokeTokenUsage(Principal principal) {
        List<TokenUsageEntry> entries = new ArrayList<>(tokenUsageRepository.list(principal.workspace()));
        entries.removeIf(entry -> principal.id().equals(entry.principal()));
        tokenUsageRepository.replace(principal.workspace(), entries);
        versions.bump(principal.workspace());
    }

    /**
     * The direct {@code CAN_USE} entry of {@link #user(WorkspaceId, String, BuiltInRole...)}, written through the
     * repository: the user may live in a workspace where the main workspace's admin cannot patch the list.
     */
    private void addTokenUsageEntry(Principal principal) {
        List<TokenUsageEntry> entries = new ArrayList<>(tokenUsageRepository.list(principal.workspace()));
        TokenUsageEntry granted = TokenUsageEntry.forPrincipal(principal.id(), TokenUsageLevel.CAN_USE);
        entries.removeIf(entry -> entry.sameSubject(granted));
        entries.add(granted);
        tokenUsageRepository.replace(principal.workspace(), entries);
        versions.bump(principal.workspace());
    }

    // ---- tokens ----

    /**
     * A fresh all-apis token of the principal, named {@code test token}, as it would create it for itself; returns
     * the secret. Nothing is granted first: the owner must already be able to use tokens (a {@link #user} is, and
     * a workspace admin is implicitly), and tests about the token usage list keep the list as they set it.
     */
    public String token(Principal owner) {
        return createToken(owner, "test token");
    }

    /**
     * As {@link #usableToken(Principal, String)}, named {@code test token}: for a principal made outside these
     * helpers (through SCIM, say), in tests about something other than token usage.
     */
    public String usableToken(Principal owner) {
        return usableToken(owner, "test token");
    }

    /**
     * A token owned by a principal of the main workspace, as the principal itself would create it; returns the
     * secret. The principal gets {@code CAN_USE} on tokens first (step 6 needs it to create and to use the token).
     */
    public String usableToken(Principal owner, String name) {
        grantTokenUsage(owner);
        return createToken(owner, name);
    }

    /** A token of the principal with exactly these scopes (keys of the main workspace's catalogue); the secret. */
    public String scopedToken(Principal owner, String... scopes) {
        return tokens.create(
                        Actor.of(owner, "127.0.0.1"),
                        new CreateTokenCommand("scoped test token", null, List.of(scopes)))
                .secret()
                .reveal();
    }

    /** A permission of the main workspace's catalogue: Warden's own or a registered service's scope. */
    public Permission permission(String key) {
        return services.catalogue(main().id()).find(key).orElseThrow();
    }

    private String createToken(Principal owner, String name) {
        return tokens.create(Actor.of(owner, "127.0.0.1"), new CreateTokenCommand(name, null, null))
                .secret()
                .reveal();
    }

    // ---- a second workspace ----

    /**
     * A second workspace with its built-in roles and one workspace admin, who has a console password (so the
     * last-admin guard counts it), though the console signs in to the main workspace only. Made through the
     * repositories: no service creates a workspace, and the main workspace's admin cannot act in this one.
     */
    public OtherWorkspace otherWorkspace() {
        Workspace workspace = workspaces.create("other-" + UUID.randomUUID());
        roleRepository.seedBuiltIns(workspace.id());
        Principal admin =
                principals.save(userWithoutTokenUsage(workspace.id(), "other-admin", BuiltInRole.WORKSPACE_ADMIN)
                        .withPasswordHash("{noop}never-used"));
        versions.bump(workspace.id());
        return new OtherWorkspace(workspace, admin, token(admin));
    }

    public record OtherWorkspace(Workspace workspace, Principal admin, String adminToken) {}
}
