package dev.warden.core.testkit;

import dev.warden.core.settings.SettingsService;
import dev.warden.core.token.TokenIssuePolicy;
import dev.warden.core.token.TokenManagementService;
import dev.warden.core.tokenusage.TokenUsageService;

import dev.warden.core.role.AccessPolicy;
import dev.warden.core.audit.InMemoryAuditLog;
import dev.warden.core.delegation.DirectoryPolicy;
import dev.warden.core.delegation.TokenAccessPolicy;
import dev.warden.core.role.LastAdminGuard;
import dev.warden.core.group.Group;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.Principals;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.PermissionResolver;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.settings.InMemorySettingsRepository;
import dev.warden.core.shared.MutableClock;
import dev.warden.core.shared.RollingBackTransactionRunner;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.InMemoryTokenRepository;
import dev.warden.core.token.TokenFormat;
import dev.warden.core.token.TokenLifetimePolicy;
import dev.warden.core.token.TokenService;
import dev.warden.core.token.Tokens;
import dev.warden.core.tokenusage.InMemoryTokenUsageRepository;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import dev.warden.core.tokenusage.TokenUsagePolicy;
import dev.warden.core.workspace.WorkspaceId;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The administration services over linked in-memory fakes (directory, tokens, token usage list, settings, audit),
 * with a transaction runner that rolls them all back when a use case throws. Workspaces 1 and 2 are seeded with the
 * built-in roles; {@link #admin} is the one workspace admin of workspace 1. The installation allows tokens of at
 * most {@link #INSTALLATION_MAX} and gives {@link #INSTALLATION_DEFAULT} when a request names none.
 */
public final class AdministrationFixture {
    public static final WorkspaceId WORKSPACE = Principals.WORKSPACE;
    public static final WorkspaceId OTHER_WORKSPACE = new WorkspaceId(2);
    public static final Duration INSTALLATION_DEFAULT = Duration.ofDays(90);
    public static final Duration INSTALLATION_MAX = Duration.ofDays(365);

    public final MutableClock clock = MutableClock.at("2025-03-01T10:00:00Z");
    public final InMemoryTokenRepository tokens = new InMemoryTokenRepository();
    public final InMemoryDirectory directory = new InMemoryDirectory(tokens);
    public final InMemoryTokenUsageRepository acl = new InMemoryTokenUsageRepository(directory.principals, directory.groups);
    public final InMemorySettingsRepository settings = new InMemorySettingsRepository();
    public final InMemoryAuditLog audit = new InMemoryAuditLog();
    public final RollingBackTransactionRunner tx = new RollingBackTransactionRunner(directory::snapshot, audit::snapshot,
            tokens::snapshot, acl::snapshot, settings::snapshot);
    public final PermissionResolver resolver = new PermissionResolver(directory.principals, directory.groups,
            directory.roles, directory.assignments);
    public final AccessPolicy access = new AccessPolicy(resolver);
    public final LastAdminGuard lastAdmin = new LastAdminGuard(directory.roles, directory.assignments, directory.groups,
            directory.principals);
    public final TokenUsagePolicy usage = new TokenUsagePolicy(acl, directory.groups, resolver);
    public final TokenLifetimePolicy installation = new TokenLifetimePolicy(INSTALLATION_DEFAULT, INSTALLATION_MAX);
    public final DirectoryPolicy directoryPolicy = new DirectoryPolicy(resolver, usage, acl, directory.principals,
            directory.groups);
    public final TokenAccessPolicy tokenAccess = new TokenAccessPolicy(resolver, usage, directory.principals);
    public final TokenUsageService tokenUsageService = new TokenUsageService(acl, usage, directory.principals,
            directory.groups, tokens, lastAdmin, access, directoryPolicy, audit, tx, clock);
    public final SettingsService settingsService = new SettingsService(settings, access, audit, tx, clock);
    public final TokenIssuePolicy issuePolicy = new TokenIssuePolicy(settings, usage, directory.principals, resolver,
            installation);
    public final TokenService tokenService = new TokenService(tokens, directory.principals, audit, tx,
            new TokenFormat(TokenFormat.DEFAULT_PREFIX), issuePolicy, tokenAccess, installation, new SecureRandom(),
            clock);
    public final TokenManagementService tokenManagement = new TokenManagementService(tokens, tokenService,
            directory.principals, usage, access, audit, tx);

    public final Principal admin;

    public AdministrationFixture() {
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
        return save(Principals.aUser(userName).build(), roles);
    }

    public Principal servicePrincipal(String displayName, BuiltInRole... roles) {
        return save(Principals.aServicePrincipal(displayName).build(), roles);
    }

    public Principal save(Principal principal, BuiltInRole... roles) {
        Principal saved = directory.principals.save(principal);
        Arrays.stream(roles).forEach(role -> directory.assignments.add(RoleAssignment.toPrincipal(saved.workspace(),
                directory.roles.builtIn(saved.workspace(), role).id(), saved.id(), null)));
        return saved;
    }

    /** A direct CAN_USE entry in the token usage list, kept with the others. */
    public Principal allowTokens(Principal principal) {
        java.util.List<TokenUsageEntry> entries = new java.util.ArrayList<>(acl.list(principal.workspace()));
        entries.add(TokenUsageEntry.forPrincipal(principal.id(), TokenUsageLevel.CAN_USE));
        acl.replace(principal.workspace(), entries);
        return principal;
    }

    public Principal deactivate(Principal principal) {
        return directory.principals.save(principal.withActive(false));
    }

    public Group group(String displayName, Principal... members) {
        Group group = directory.groups.save(new Group(null, WORKSPACE, displayName, null));
        Arrays.stream(members).forEach(member -> directory.groups.addMember(WORKSPACE, group.id(), member.id()));
        return group;
    }

    /** An active token of the owner, created a day ago, expiring in 29 days. */
    public AccessToken activeToken(Principal owner) {
        return store(Tokens.aToken().inWorkspace(owner.workspace()).ownedBy(owner.id())
                .createdAt(clock.instant().minus(Duration.ofDays(1))));
    }

    public AccessToken revokedToken(Principal owner) {
        Instant created = clock.instant().minus(Duration.ofDays(1));
        return store(Tokens.aToken().inWorkspace(owner.workspace()).ownedBy(owner.id()).createdAt(created)
                .revokedAt(created.plusSeconds(60), owner.id()));
    }

    public AccessToken expiredToken(Principal owner) {
        return store(Tokens.aToken().inWorkspace(owner.workspace()).ownedBy(owner.id())
                .createdAt(clock.instant().minus(Duration.ofDays(40))).expiringIn(Duration.ofDays(30)));
    }

    private AccessToken store(Tokens.Builder builder) {
        AccessToken token = builder.build();
        tokens.add(token);
        return token;
    }

    /** Everything the fakes hold, to show that a refused change left no trace. */
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("principals", directory.principals.all());
        state.put("groups", directory.groups.all());
        state.put("assignments", directory.assignments.all());
        state.put("tokens", tokens.all().stream().map(AccessToken::id).toList());
        state.put("acl", acl.list(WORKSPACE));
        state.put("acl other workspace", acl.list(OTHER_WORKSPACE));
        state.put("settings", settings.get(WORKSPACE));
        state.put("settings stored", settings.isStored(WORKSPACE));
        state.put("audit", audit.events());
        return state;
    }
}
