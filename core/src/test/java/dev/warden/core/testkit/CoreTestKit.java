package dev.warden.core.testkit;

import dev.warden.core.access.AccessCheckService;
import dev.warden.core.access.DecisionChain;
import dev.warden.core.access.TokenSuspensions;
import dev.warden.core.audit.InMemoryAuditLog;
import dev.warden.core.bootstrap.WorkspaceBootstrap;
import dev.warden.core.delegation.DirectoryPolicy;
import dev.warden.core.delegation.GroupPolicy;
import dev.warden.core.delegation.TokenAccessPolicy;
import dev.warden.core.directory.DirectoryService;
import dev.warden.core.entitlement.ConsoleAccessPolicy;
import dev.warden.core.entitlement.EntitlementService;
import dev.warden.core.group.Group;
import dev.warden.core.group.GroupNames;
import dev.warden.core.group.GroupService;
import dev.warden.core.oauth.ClientCredentialsService;
import dev.warden.core.oauth.InMemoryServicePrincipalSecretRepository;
import dev.warden.core.oauth.ServicePrincipalSecretService;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalNames;
import dev.warden.core.principal.Principals;
import dev.warden.core.principal.SignInLookup;
import dev.warden.core.role.AccessPolicy;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.LastAdminGuard;
import dev.warden.core.role.PermissionResolver;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleService;
import dev.warden.core.service.InMemoryServiceRepository;
import dev.warden.core.service.ServiceRegistry;
import dev.warden.core.settings.InMemorySettingsRepository;
import dev.warden.core.settings.SettingsService;
import dev.warden.core.shared.MutableClock;
import dev.warden.core.shared.RollingBackTransactionRunner;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.InMemoryTokenRefusalRepository;
import dev.warden.core.token.InMemoryTokenRepository;
import dev.warden.core.token.TechnicalTokenService;
import dev.warden.core.token.TokenFormat;
import dev.warden.core.token.TokenIssuePolicy;
import dev.warden.core.token.TokenLifetimePolicy;
import dev.warden.core.token.TokenManagementService;
import dev.warden.core.token.TokenService;
import dev.warden.core.token.Tokens;
import dev.warden.core.tokenusage.InMemoryTokenUsageRepository;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import dev.warden.core.tokenusage.TokenUsagePolicy;
import dev.warden.core.tokenusage.TokenUsageService;
import dev.warden.core.workspace.InMemoryAuthorizationVersions;
import dev.warden.core.workspace.InMemoryWorkspaceRepository;
import dev.warden.core.workspace.WorkspaceId;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Core wired for tests: every service and policy of core, built as web's {@code CoreConfiguration} builds them, over
 * linked in-memory fakes, with a {@link RollingBackTransactionRunner} that puts every fake back when a use case
 * throws, as the database would. Core's tests use it, and so can persistence's and web's through core's test-jar.
 * <p>
 * {@code new CoreTestKit()} is a populated workspace: workspaces 1 ({@link #WORKSPACE}, "main") and 2
 * ({@link #OTHER_WORKSPACE}, "other") exist with their built-in roles, {@link #admin} is the one workspace admin of
 * workspace 1, the clock stands at {@link #START}, and the installation gives tokens {@link #INSTALLATION_DEFAULT}
 * unless asked for less and allows at most {@link #INSTALLATION_MAX}. {@link #builder()} changes any of that, or
 * starts from an empty database ({@link Builder#empty()}), as before the workspace bootstrap.
 * <p>
 * The fakes, policies and services are public fields, named as the collaborators are named in core; the helper
 * methods ({@link #user}, {@link #group}, {@link #activeToken}, ...) write straight into the fakes, without audit,
 * to arrange what a test starts from. {@link #state()} shows everything the fakes hold, so that a test can show a
 * refused change left no trace.
 */
public final class CoreTestKit {
    public static final WorkspaceId WORKSPACE = Principals.WORKSPACE;
    public static final WorkspaceId OTHER_WORKSPACE = new WorkspaceId(2);
    public static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
    public static final Duration INSTALLATION_DEFAULT = Duration.ofDays(90);
    public static final Duration INSTALLATION_MAX = Duration.ofDays(365);

    // ---- the fakes ------------------------------------------------------------------------------------------------

    public final MutableClock clock;
    public final InMemoryWorkspaceRepository workspaces = new InMemoryWorkspaceRepository();
    public final InMemoryTokenRepository tokens;
    /** The recent refusals of tokens. */
    public final InMemoryTokenRefusalRepository refusals;
    /** Principals, groups, roles and role assignments, linked as the tables are (deleting cascades). */
    public final InMemoryDirectory directory;
    /** The token usage list. */
    public final InMemoryTokenUsageRepository acl;

    public final InMemorySettingsRepository settings = new InMemorySettingsRepository();
    /** The workspaces' authorisation versions; {@link #tx} fails a test whose change forgets to move them. */
    public final InMemoryAuthorizationVersions versions = new InMemoryAuthorizationVersions();
    /** Service principals' OAuth secrets. */
    public final InMemoryServicePrincipalSecretRepository secrets = new InMemoryServicePrincipalSecretRepository();
    /** Registered services and their scopes. */
    public final InMemoryServiceRepository services = new InMemoryServiceRepository();

    public final InMemoryAuditLog audit;
    /** Rolls back every fake above when the work throws. */
    public final RollingBackTransactionRunner tx;

    // ---- the policies ---------------------------------------------------------------------------------------------

    public final TokenFormat format;
    /** The installation's token lifetimes. */
    public final TokenLifetimePolicy installation;

    public final PermissionResolver resolver;
    public final AccessPolicy access;
    public final LastAdminGuard lastAdmin;
    public final TokenUsagePolicy usage;
    public final DirectoryPolicy directoryPolicy;
    public final GroupPolicy groupPolicy;
    public final TokenAccessPolicy tokenAccess;
    public final TokenIssuePolicy issuePolicy;
    public final TokenSuspensions suspensions;
    public final DecisionChain decisions;

    // ---- the services ---------------------------------------------------------------------------------------------

    /** Under the workspace's rules ({@link #issuePolicy}) and the token access policy ({@link #tokenAccess}). */
    public final TokenService tokenService;
    /**
     * The same token service without workspace rules: the installation's lifetimes, no quota, no token usage check,
     * and owners act on their own tokens only ({@code TokenIssueRules.unrestricted}, {@code TokenAccessRules.ownerOnly}).
     */
    public final TokenService tokenServiceWithoutRules;

    public final TokenManagementService tokenManagement;
    public final TechnicalTokenService technicalTokens;
    public final TokenUsageService tokenUsageService;
    public final SettingsService settingsService;
    public final DirectoryService directoryService;
    public final EntitlementService entitlementService;
    public final ConsoleAccessPolicy consoleAccess;
    public final GroupService groupService;
    public final RoleService roleService;
    public final AccessCheckService accessChecks;
    public final ServiceRegistry serviceRegistry;
    public final WorkspaceBootstrap bootstrap;
    public final SignInLookup signIn;
    public final PrincipalNames principalNames;
    public final GroupNames groupNames;
    public final ServicePrincipalSecretService secretService;
    /** The token endpoint's core, issuing OAuth tokens of {@link #OAUTH_LIFETIME}. */
    public final ClientCredentialsService clientCredentials;

    public static final Duration OAUTH_LIFETIME = Duration.ofHours(1);

    /** The one workspace admin of workspace 1; {@code null} in an {@linkplain Builder#empty() empty} kit. */
    public final Principal admin;

    /** A populated workspace, as the class comment describes. */
    public CoreTestKit() {
        this(builder());
    }

    public static Builder builder() {
        return new Builder();
    }

    private CoreTestKit(Builder builder) {
        clock = new MutableClock(builder.start);
        tokens = builder.tokens == null ? new InMemoryTokenRepository() : builder.tokens;
        refusals = new InMemoryTokenRefusalRepository(tokens);
        directory = new InMemoryDirectory(tokens);
        acl = new InMemoryTokenUsageRepository(directory.principals, directory.groups);
        audit = builder.audit == null ? new InMemoryAuditLog() : builder.audit;
        tokens.readVersionsFrom(versions::current);
        tx = new RollingBackTransactionRunner(
                        directory::snapshot,
                        audit::snapshot,
                        tokens::snapshot,
                        acl::snapshot,
                        settings::snapshot,
                        workspaces::snapshot,
                        versions::snapshot,
                        secrets::snapshot,
                        services::snapshot)
                .checkingEachCommit(this::versionsMoveWithDecisions);

        format = new TokenFormat(builder.tokenPrefix);
        installation = new TokenLifetimePolicy(builder.defaultLifetime, builder.maxLifetime);
        resolver = new PermissionResolver(
                directory.principals, directory.groups, directory.roles, directory.assignments, services);
        access = new AccessPolicy(resolver);
        lastAdmin = new LastAdminGuard(directory.roles, directory.assignments, directory.groups, directory.principals);
        usage = new TokenUsagePolicy(acl, directory.groups, resolver);
        directoryPolicy = new DirectoryPolicy(
                resolver, usage, acl, directory.principals, directory.groups, directory.entitlements);
        groupPolicy = new GroupPolicy(access, directoryPolicy, lastAdmin);
        tokenAccess = new TokenAccessPolicy(resolver, usage, directory.principals);
        issuePolicy = new TokenIssuePolicy(settings, usage, directory.principals, resolver, installation);
        suspensions = new TokenSuspensions(settings, directory.principals, usage);
        decisions = new DecisionChain(format, tokens, directory.principals, resolver, settings, usage, clock);

        tokenService = new TokenService(
                tokens,
                directory.principals,
                audit,
                tx,
                versions,
                services,
                format,
                issuePolicy,
                tokenAccess,
                installation,
                builder.random,
                clock);
        tokenServiceWithoutRules = new TokenService(
                tokens,
                directory.principals,
                audit,
                tx,
                versions,
                services,
                format,
                installation,
                builder.random,
                clock);
        tokenManagement =
                new TokenManagementService(tokens, tokenService, directory.principals, usage, access, audit, tx);
        technicalTokens = new TechnicalTokenService(
                tokenService,
                directoryPolicy,
                tokens,
                directory.principals,
                directory.groups,
                directory.roles,
                directory.assignments,
                access,
                audit,
                tx,
                versions,
                clock);
        tokenUsageService = new TokenUsageService(
                acl,
                usage,
                directory.principals,
                directory.groups,
                tokens,
                lastAdmin,
                access,
                directoryPolicy,
                audit,
                tx,
                versions,
                clock);
        settingsService = new SettingsService(settings, access, audit, tx, versions, clock);
        entitlementService = new EntitlementService(
                directory.entitlements, directory.principals, directory.groups, access, audit, tx, clock);
        consoleAccess = new ConsoleAccessPolicy(directory.entitlements, resolver);
        directoryService = new DirectoryService(
                directory.principals,
                directory.roles,
                directory.assignments,
                tokens,
                entitlementService,
                access,
                directoryPolicy,
                lastAdmin,
                audit,
                tx,
                versions,
                services,
                clock);
        groupService = new GroupService(
                directory.groups, directory.principals, tokens, groupPolicy, audit, tx, versions, clock);
        roleService = new RoleService(
                directory.roles,
                directory.assignments,
                directory.principals,
                directory.groups,
                access,
                directoryPolicy,
                lastAdmin,
                audit,
                tx,
                versions,
                resolver,
                services,
                clock);
        accessChecks = new AccessCheckService(
                tokens, directory.principals, decisions, resolver, access, audit, services, refusals);
        serviceRegistry = new ServiceRegistry(
                services, directory.principals, directory.roles, access, audit, tx, versions, clock);
        bootstrap = new WorkspaceBootstrap(
                workspaces,
                directory.principals,
                directory.entitlements,
                directory.roles,
                directory.assignments,
                tokenService,
                audit,
                tx,
                versions,
                clock);
        signIn = new SignInLookup(workspaces, directory.principals);
        principalNames = new PrincipalNames(directory.principals);
        groupNames = new GroupNames(directory.groups);
        secretService = new ServicePrincipalSecretService(
                secrets,
                directory.principals,
                settings,
                access,
                tokenAccess,
                tokenService,
                audit,
                tx,
                format,
                builder.random,
                clock);
        clientCredentials = new ClientCredentialsService(
                secrets, directory.principals, tokenService, format, tx, clock, OAUTH_LIFETIME);

        if (builder.empty) {
            admin = null;
        } else {
            workspaces.create("main");
            workspaces.create("other");
            directory.roles.seedBuiltIns(WORKSPACE);
            directory.roles.seedBuiltIns(OTHER_WORKSPACE);
            admin = user("admin", BuiltInRole.WORKSPACE_ADMIN);
        }
    }

    // ---- actors ---------------------------------------------------------------------------------------------------

    public Actor asAdmin() {
        return Principals.actor(admin);
    }

    public static Actor as(Principal principal) {
        return Principals.actor(principal);
    }

    // ---- arranging the directory ----------------------------------------------------------------------------------

    /** An active user of workspace 1 holding these built-in roles at workspace scope. */
    public Principal user(String userName, BuiltInRole... roles) {
        return save(Principals.aUser(userName).build(), roles);
    }

    /** An active service principal of workspace 1 holding these built-in roles at workspace scope. */
    public Principal servicePrincipal(String displayName, BuiltInRole... roles) {
        return save(Principals.aServicePrincipal(displayName).build(), roles);
    }

    /** Stores the principal as built and gives it these built-in roles of its workspace, at workspace scope. */
    public Principal save(Principal principal, BuiltInRole... roles) {
        Principal saved = directory.principals.save(principal);
        Arrays.stream(roles).forEach(role -> assign(role, saved, null));
        return saved;
    }

    /** Stores a copy of the principal in {@code workspace} (with a new id), holding these built-in roles there. */
    public Principal principalIn(WorkspaceId workspace, Principal principal, BuiltInRole... roles) {
        return save(
                new Principal(
                        null,
                        workspace,
                        principal.kind(),
                        principal.userName(),
                        principal.displayName(),
                        principal.active(),
                        principal.passwordHash(),
                        principal.applicationId(),
                        principal.email(),
                        principal.givenName(),
                        principal.familyName(),
                        principal.externalId()),
                roles);
    }

    public Principal deactivate(Principal principal) {
        return directory.principals.save(principal.withActive(false));
    }

    /** A group of workspace 1 with these members. */
    public Group group(String displayName, Principal... members) {
        Group group = directory.groups.save(new Group(null, WORKSPACE, displayName, null));
        Arrays.stream(members).forEach(member -> directory.groups.addMember(WORKSPACE, group.id(), member.id()));
        return group;
    }

    public List<PrincipalId> members(Group group) {
        return directory.groups.members(group.workspace(), group.id());
    }

    public Role role(BuiltInRole role) {
        return role(WORKSPACE, role);
    }

    public Role role(WorkspaceId workspace, BuiltInRole role) {
        return directory.roles.builtIn(workspace, role);
    }

    /** Gives the principal the built-in role of its workspace, at workspace scope ({@code scope} null) or on a group. */
    public RoleAssignment assign(BuiltInRole role, Principal principal, Group scope) {
        return directory.assignments.add(RoleAssignment.toPrincipal(
                principal.workspace(),
                role(principal.workspace(), role).id(),
                principal.id(),
                scope == null ? null : scope.id()));
    }

    /** Gives the group's members the built-in role, at workspace scope ({@code scope} null) or on a group. */
    public RoleAssignment assignToGroup(BuiltInRole role, Group group, Group scope) {
        return directory.assignments.add(RoleAssignment.toGroup(
                group.workspace(), role(group.workspace(), role).id(), group.id(), scope == null ? null : scope.id()));
    }

    /** A direct CAN_USE entry in the token usage list of the principal's workspace, kept with the others. */
    public Principal allowTokens(Principal principal) {
        List<TokenUsageEntry> entries = new ArrayList<>(acl.list(principal.workspace()));
        entries.add(TokenUsageEntry.forPrincipal(principal.id(), TokenUsageLevel.CAN_USE));
        acl.replace(principal.workspace(), entries);
        return principal;
    }

    // ---- arranging tokens -----------------------------------------------------------------------------------------

    /** An active token of the owner, created a day ago, expiring in 29 days. */
    public AccessToken activeToken(Principal owner) {
        return store(Tokens.aToken()
                .inWorkspace(owner.workspace())
                .ownedBy(owner.id())
                .createdAt(clock.instant().minus(Duration.ofDays(1))));
    }

    /** A token of the owner created a day ago and revoked by the owner a minute later. */
    public AccessToken revokedToken(Principal owner) {
        Instant created = clock.instant().minus(Duration.ofDays(1));
        return store(Tokens.aToken()
                .inWorkspace(owner.workspace())
                .ownedBy(owner.id())
                .createdAt(created)
                .revokedAt(created.plusSeconds(60), owner.id()));
    }

    /** A token of the owner that expired ten days ago. */
    public AccessToken expiredToken(Principal owner) {
        return store(Tokens.aToken()
                .inWorkspace(owner.workspace())
                .ownedBy(owner.id())
                .createdAt(clock.instant().minus(Duration.ofDays(40)))
                .expiringIn(Duration.ofDays(30)));
    }

    /** Stores the token as built. */
    public AccessToken store(Tokens.Builder builder) {
        AccessToken token = builder.build();
        tokens.add(token);
        return token;
    }

    // ---- what the fakes hold --------------------------------------------------------------------------------------

    /** Everything the fakes hold, to show that a refused change left no trace. */
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("workspaces", workspaces.all());
        state.put("principals", directory.principals.all());
        state.put("groups", directory.groups.all());
        Map<Object, List<PrincipalId>> memberships = new LinkedHashMap<>();
        directory.groups.all().forEach(g -> memberships.put(g.id(), directory.groups.members(g.workspace(), g.id())));
        state.put("members", memberships);
        state.put("roles", directory.roles.list(WORKSPACE));
        state.put("roles other workspace", directory.roles.list(OTHER_WORKSPACE));
        state.put("assignments", directory.assignments.all());
        state.put("entitlements", directory.entitlements.all());
        state.put("tokens", tokens.all().stream().map(AccessToken::id).toList());
        state.put("acl", acl.list(WORKSPACE));
        state.put("acl other workspace", acl.list(OTHER_WORKSPACE));
        state.put("settings", settings.get(WORKSPACE));
        state.put("settings stored", settings.isStored(WORKSPACE));
        state.put("secrets", secrets.all());
        state.put("services", services.list(WORKSPACE));
        state.put("audit", audit.events());
        return state;
    }

    /**
     * What the decision chain reads about a workspace, besides token rows: its principals, groups and memberships,
     * roles and assignments, token usage list and settings (DESIGN, "Request cost").
     */
    public Map<String, Object> decisionState(WorkspaceId workspace) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("service scopes", services.inWorkspace(workspace));
        state.put(
                "principals",
                directory.principals.all().stream()
                        .filter(p -> p.workspace().equals(workspace))
                        .toList());
        List<Group> groups = directory.groups.all().stream()
                .filter(g -> g.workspace().equals(workspace))
                .toList();
        state.put("groups", groups);
        Map<Object, List<PrincipalId>> memberships = new LinkedHashMap<>();
        groups.forEach(g -> memberships.put(g.id(), directory.groups.members(workspace, g.id())));
        state.put("members", memberships);
        state.put("roles", directory.roles.list(workspace));
        state.put(
                "assignments",
                directory.assignments.all().stream()
                        .filter(a -> a.workspace().equals(workspace))
                        .toList());
        state.put("acl", acl.list(workspace));
        state.put("settings", settings.get(workspace));
        return state;
    }

    /**
     * The rule DESIGN's "Request cost" rests on, checked on every transaction a test runs through a service: a change to
     * what a workspace's decisions read ({@link #decisionState}) commits only with that workspace's authorisation
     * version moved on, so that no node reuses what it resolved before the change. A service that forgets
     * {@code AuthorizationVersions.bump} fails whichever test exercises it.
     */
    private Runnable versionsMoveWithDecisions() {
        Map<WorkspaceId, Map<String, Object>> before = new LinkedHashMap<>();
        knownWorkspaces().forEach(workspace -> before.put(workspace, decisionState(workspace)));
        Map<WorkspaceId, Long> versionsBefore = versions.all();
        return () -> {
            for (WorkspaceId workspace : knownWorkspaces()) {
                Map<String, Object> after = decisionState(workspace);
                Map<String, Object> was = before.getOrDefault(workspace, Map.of());
                if (!after.equals(was) && versions.current(workspace) == versionsBefore.getOrDefault(workspace, 0L)) {
                    Set<String> changed = new LinkedHashSet<>(after.keySet());
                    changed.removeIf(key -> Objects.equals(after.get(key), was.get(key)));
                    throw new AssertionError("A change to what the decisions of workspace " + workspace
                            + " read committed without moving its authorisation version"
                            + " (AuthorizationVersions.bump); changed: "
                            + changed.stream()
                                    .map(key -> key + " " + was.get(key) + " -> " + after.get(key))
                                    .toList());
                }
            }
        };
    }

    private List<WorkspaceId> knownWorkspaces() {
        Set<WorkspaceId> known = new LinkedHashSet<>(List.of(WORKSPACE, OTHER_WORKSPACE));
        workspaces.all().forEach(workspace -> known.add(workspace.id()));
        directory.principals.all().forEach(principal -> known.add(principal.workspace()));
        return List.copyOf(known);
    }

    /**
     * What differs from {@code new CoreTestKit()}. Fakes given here replace the kit's own (a test may subclass one
     * to observe its writes); everything else is wired around them.
     */
    public static final class Builder {
        private Instant start = START;
        private Duration defaultLifetime = INSTALLATION_DEFAULT;
        private Duration maxLifetime = INSTALLATION_MAX;
        private String tokenPrefix = TokenFormat.DEFAULT_PREFIX;
        private SecureRandom random = new SecureRandom();
        private InMemoryTokenRepository tokens;
        private InMemoryAuditLog audit;
        private boolean empty;

        private Builder() {}

        /** The clock starts here instead of at {@link #START}. */
        public Builder startingAt(Instant value) {
            this.start = Objects.requireNonNull(value);
            return this;
        }

        /** The installation's token lifetimes: the default when a request names none, and the maximum. */
        public Builder installationLifetimes(Duration defaultLifetime, Duration maxLifetime) {
            this.defaultLifetime = Objects.requireNonNull(defaultLifetime);
            this.maxLifetime = Objects.requireNonNull(maxLifetime);
            return this;
        }

        public Builder tokenPrefix(String value) {
            this.tokenPrefix = Objects.requireNonNull(value);
            return this;
        }

        /** The token services' random source: a seeded one makes token ids and secrets reproducible. */
        public Builder random(SecureRandom value) {
            this.random = Objects.requireNonNull(value);
            return this;
        }

        public Builder tokens(InMemoryTokenRepository value) {
            this.tokens = Objects.requireNonNull(value);
            return this;
        }

        public Builder audit(InMemoryAuditLog value) {
            this.audit = Objects.requireNonNull(value);
            return this;
        }

        /** No workspace, role or principal at all, as before the workspace bootstrap; {@link #admin} is null. */
        public Builder empty() {
            this.empty = true;
            return this;
        }

        public CoreTestKit build() {
            return new CoreTestKit(this);
        }
    }
}
