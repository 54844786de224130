package dev.warden.core.testkit;

import dev.warden.core.delegation.GroupPolicy;
import dev.warden.core.group.GroupService;
import dev.warden.core.directory.DirectoryService;
import dev.warden.core.role.LastAdminGuard;
import dev.warden.core.role.RoleService;

import dev.warden.core.role.AccessPolicy;
import dev.warden.core.audit.InMemoryAuditLog;
import dev.warden.core.delegation.DirectoryPolicy;
import dev.warden.core.tokenusage.InMemoryTokenUsageRepository;
import dev.warden.core.tokenusage.TokenUsagePolicy;
import dev.warden.core.group.Group;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.Principals;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.PermissionResolver;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.shared.MutableClock;
import dev.warden.core.shared.RollingBackTransactionRunner;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.InMemoryTokenRepository;
import dev.warden.core.token.Tokens;
import dev.warden.core.workspace.WorkspaceId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The directory services over linked in-memory fakes, with a transaction runner that rolls the fakes (and the
 * audit log and tokens) back when a use case throws, as the database would. Workspaces 1 and 2 are seeded with the
 * built-in roles; {@link #admin} is the one workspace admin of workspace 1.
 */
public final class DirectoryFixture {
    public static final WorkspaceId WORKSPACE = Principals.WORKSPACE;
    public static final WorkspaceId OTHER_WORKSPACE = new WorkspaceId(2);

    public final MutableClock clock = MutableClock.at("2025-03-01T10:00:00Z");
    public final InMemoryTokenRepository tokens = new InMemoryTokenRepository();
    public final InMemoryDirectory directory = new InMemoryDirectory(tokens);
    public final InMemoryAuditLog audit = new InMemoryAuditLog();
    public final RollingBackTransactionRunner tx =
            new RollingBackTransactionRunner(directory::snapshot, audit::snapshot, tokens::snapshot, this::aclSnapshot);

    private Runnable aclSnapshot() {
        return acl.snapshot();
    }
    public final PermissionResolver resolver = new PermissionResolver(directory.principals, directory.groups,
            directory.roles, directory.assignments);
    public final AccessPolicy access = new AccessPolicy(resolver);
    public final LastAdminGuard lastAdmin = new LastAdminGuard(directory.roles, directory.assignments, directory.groups,
            directory.principals);
    public final InMemoryTokenUsageRepository acl = new InMemoryTokenUsageRepository(directory.principals, directory.groups);
    public final DirectoryPolicy delegation = new DirectoryPolicy(resolver,
            new TokenUsagePolicy(acl, directory.groups, resolver), acl, directory.principals, directory.groups);
    public final DirectoryService directoryService = new DirectoryService(directory.principals, directory.roles,
            directory.assignments, tokens, access, delegation, lastAdmin, audit, tx, clock);
    public final GroupService groupService = new GroupService(directory.groups, directory.principals, tokens,
                new GroupPolicy(access, delegation, lastAdmin), audit, tx, clock);
    public final RoleService roleService = new RoleService(directory.roles, directory.assignments, directory.principals,
            directory.groups, access, delegation, lastAdmin, audit, tx, clock);

    public final Principal admin;

    public DirectoryFixture() {
        directory.roles.seedBuiltIns(WORKSPACE);
        directory.roles.seedBuiltIns(OTHER_WORKSPACE);
        admin = user("admin", BuiltInRole.WORKSPACE_ADMIN);
    }

    public Actor asAdmin() {
        return Principals.actor(admin);
    }

    public static Actor as(Principal principal) {
        return Principals.actor(principal);
    }

    /** An active user of workspace 1 holding these built-in roles at workspace scope. */
    public Principal user(String userName, BuiltInRole... roles) {
        return principalIn(WORKSPACE, Principals.aUser(userName).build(), roles);
    }

    public Principal principalIn(WorkspaceId workspace, Principal principal, BuiltInRole... roles) {
        Principal saved = directory.principals.save(new Principal(null, workspace, principal.kind(),
                principal.userName(), principal.displayName(), principal.active(), principal.passwordHash(),
                principal.applicationId(), principal.email(), principal.givenName(), principal.familyName(),
                principal.externalId()));
        Arrays.stream(roles).forEach(role -> assign(role, saved, null));
        return saved;
    }

    public Group group(String displayName, Principal... members) {
        Group group = directory.groups.save(new Group(null, WORKSPACE, displayName, null));
        Arrays.stream(members).forEach(member -> directory.groups.addMember(WORKSPACE, group.id(), member.id()));
        return group;
    }

    public Role role(BuiltInRole role) {
        return role(WORKSPACE, role);
    }

    public Role role(WorkspaceId workspace, BuiltInRole role) {
        return directory.roles.builtIn(workspace, role);
    }

    public RoleAssignment assign(BuiltInRole role, Principal principal, Group scope) {
        return directory.assignments.add(RoleAssignment.toPrincipal(principal.workspace(),
                role(principal.workspace(), role).id(), principal.id(), scope == null ? null : scope.id()));
    }

    public RoleAssignment assignToGroup(BuiltInRole role, Group group, Group scope) {
        return directory.assignments.add(RoleAssignment.toGroup(group.workspace(), role(group.workspace(), role).id(),
                group.id(), scope == null ? null : scope.id()));
    }

    public AccessToken tokenOf(Principal owner) {
        AccessToken token = Tokens.aToken().inWorkspace(owner.workspace()).ownedBy(owner.id()).build();
        tokens.add(token);
        return token;
    }

    public List<PrincipalId> members(Group group) {
        return directory.groups.members(group.workspace(), group.id());
    }

    /** Everything the fakes hold, to show that a refused change left no trace. */
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("principals", directory.principals.all());
        state.put("groups", directory.groups.all());
        Map<Object, List<PrincipalId>> memberships = new LinkedHashMap<>();
        directory.groups.all().forEach(g -> memberships.put(g.id(), directory.groups.members(g.workspace(), g.id())));
        state.put("members", memberships);
        state.put("roles", directory.roles.list(WORKSPACE));
        state.put("assignments", directory.assignments.all());
        state.put("tokens", tokens.all().stream().map(AccessToken::id).toList());
        state.put("audit", audit.events());
        return state;
    }
}
