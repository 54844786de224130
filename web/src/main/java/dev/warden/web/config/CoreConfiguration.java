package dev.warden.web.config;

import dev.warden.core.access.AccessCheckService;
import dev.warden.core.access.AuthorizationCache;
import dev.warden.core.access.DecisionChain;
import dev.warden.core.access.Introspection;
import dev.warden.core.access.TokenStopImpact;
import dev.warden.core.access.TokenSuspensions;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.audit.AuditLogService;
import dev.warden.core.audit.AuditTargetNames;
import dev.warden.core.bootstrap.AdminRecovery;
import dev.warden.core.bootstrap.WorkspaceBootstrap;
import dev.warden.core.canary.CanaryAlarm;
import dev.warden.core.delegation.DirectoryPolicy;
import dev.warden.core.delegation.GroupPolicy;
import dev.warden.core.delegation.TokenAccessPolicy;
import dev.warden.core.directory.DirectoryService;
import dev.warden.core.directory.PasswordService;
import dev.warden.core.entitlement.ConsoleAccessPolicy;
import dev.warden.core.entitlement.EntitlementRepository;
import dev.warden.core.entitlement.EntitlementService;
import dev.warden.core.group.GroupNames;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.group.GroupService;
import dev.warden.core.oauth.ClientCredentialsService;
import dev.warden.core.oauth.ServicePrincipalSecretRepository;
import dev.warden.core.oauth.ServicePrincipalSecretService;
import dev.warden.core.principal.PasswordHasher;
import dev.warden.core.principal.PrincipalNames;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.principal.SignInLookup;
import dev.warden.core.role.AccessPolicy;
import dev.warden.core.role.LastAdminGuard;
import dev.warden.core.role.PermissionResolver;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.role.RoleService;
import dev.warden.core.service.ServiceRegistry;
import dev.warden.core.service.ServiceRepository;
import dev.warden.core.settings.SettingsRepository;
import dev.warden.core.settings.SettingsService;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.token.LeakReports;
import dev.warden.core.token.TechnicalTokenService;
import dev.warden.core.token.TokenFormat;
import dev.warden.core.token.TokenIssuePolicy;
import dev.warden.core.token.TokenLifetimePolicy;
import dev.warden.core.token.TokenManagementService;
import dev.warden.core.token.TokenRefusalRecorder;
import dev.warden.core.token.TokenRefusalRepository;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenService;
import dev.warden.core.token.TokenUseRecorder;
import dev.warden.core.tokenusage.TokenUsagePolicy;
import dev.warden.core.tokenusage.TokenUsageRepository;
import dev.warden.core.tokenusage.TokenUsageService;
import dev.warden.core.workspace.AuthorizationVersions;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.PersistenceConfiguration;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Wires core's plain classes with the persistence adapters and the boot-time settings. */
@Configuration(proxyBeanMethods = false)
@Import(PersistenceConfiguration.class)
class CoreConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }

    @Bean
    TokenFormat tokenFormat(WardenProperties properties) {
        return new TokenFormat(properties.tokens().prefix());
    }

    @Bean
    TokenLifetimePolicy tokenLifetimePolicy(WardenProperties properties) {
        return new TokenLifetimePolicy(
                properties.tokens().defaultLifetime(), properties.tokens().maxLifetime());
    }

    @Bean
    TokenService tokenService(
            TokenRepository tokens,
            PrincipalRepository principals,
            AuditLog audit,
            TransactionRunner tx,
            AuthorizationVersions versions,
            ServiceRepository services,
            TokenFormat format,
            TokenIssuePolicy rules,
            TokenAccessPolicy access,
            TokenLifetimePolicy lifetimes,
            SecureRandom random,
            Clock clock) {
        return new TokenService(
                tokens, principals, audit, tx, versions, services, format, rules, access, lifetimes, random, clock);
    }

    @Bean
    LeakReports leakReports(
            TokenRepository tokens,
            TokenFormat format,
            AuditLog audit,
            TransactionRunner tx,
            CanaryAlarm canaries,
            Clock clock) {
        return new LeakReports(tokens, format, audit, tx, canaries, clock);
    }

    /** The alerts of canary tokens: queued on the request path, written by {@code CanaryAlarmFlusher}. */
    @Bean
    CanaryAlarm canaryAlarm(TokenRepository tokens, AuditLog audit, TransactionRunner tx, Clock clock) {
        return new CanaryAlarm(tokens, audit, tx, clock);
    }

    @Bean
    AuditLogService auditLogService(AuditLog audit, AuditTargetNames names, AccessPolicy access) {
        return new AuditLogService(audit, names, access::require);
    }

    @Bean
    ServicePrincipalSecretService servicePrincipalSecretService(
            ServicePrincipalSecretRepository secrets,
            PrincipalRepository principals,
            SettingsRepository settings,
            AccessPolicy access,
            TokenAccessPolicy tokenAccess,
            TokenService tokens,
            AuditLog audit,
            TransactionRunner tx,
            TokenFormat format,
            SecureRandom random,
            Clock clock) {
        return new ServicePrincipalSecretService(
                secrets, principals, settings, access, tokenAccess, tokens, audit, tx, format, random, clock);
    }

    @Bean
    ClientCredentialsService clientCredentialsService(
            ServicePrincipalSecretRepository secrets,
            PrincipalRepository principals,
            TokenService tokens,
            TokenFormat format,
            TransactionRunner tx,
            Clock clock,
            WardenProperties properties) {
        return new ClientCredentialsService(
                secrets,
                principals,
                tokens,
                format,
                tx,
                clock,
                properties.oauth().accessTokenLifetime());
    }

    @Bean
    TokenAccessPolicy tokenAccessPolicy(
            PermissionResolver permissions, TokenUsagePolicy usage, PrincipalRepository principals) {
        return new TokenAccessPolicy(permissions, usage, principals);
    }

    @Bean
    DirectoryPolicy directoryPolicy(
            PermissionResolver permissions,
            TokenUsagePolicy usage,
            TokenUsageRepository usageList,
            PrincipalRepository principals,
            GroupRepository groups,
            EntitlementRepository entitlements) {
        return new DirectoryPolicy(permissions, usage, usageList, principals, groups, entitlements);
    }

    @Bean
    TokenUsagePolicy tokenUsagePolicy(
            TokenUsageRepository acl, GroupRepository groups, PermissionResolver permissions) {
        return new TokenUsagePolicy(acl, groups, permissions);
    }

    @Bean
    TokenIssuePolicy tokenIssuePolicy(
            SettingsRepository settings,
            TokenUsagePolicy usage,
            PrincipalRepository principals,
            PermissionResolver permissions,
            TokenLifetimePolicy lifetimes) {
        return new TokenIssuePolicy(settings, usage, principals, permissions, lifetimes);
    }

    @Bean
    SettingsService settingsService(
            SettingsRepository settings,
            AccessPolicy access,
            AuditLog audit,
            TransactionRunner tx,
            AuthorizationVersions versions,
            Clock clock) {
        return new SettingsService(settings, access, audit, tx, versions, clock);
    }

    @Bean
    TokenUsageService tokenUsageService(
            TokenUsageRepository acl,
            TokenUsagePolicy usage,
            PrincipalRepository principals,
            GroupRepository groups,
            TokenRepository tokens,
            LastAdminGuard admins,
            AccessPolicy access,
            DirectoryPolicy delegation,
            AuditLog audit,
            TransactionRunner tx,
            AuthorizationVersions versions,
            Clock clock) {
        return new TokenUsageService(
                acl, usage, principals, groups, tokens, admins, access, delegation, audit, tx, versions, clock);
    }

    @Bean
    TokenManagementService tokenManagementService(
            TokenRepository tokens,
            TokenService tokenService,
            PrincipalRepository principals,
            TokenUsagePolicy usage,
            AccessPolicy access,
            AuditLog audit,
            TransactionRunner tx,
            Clock clock) {
        return new TokenManagementService(tokens, tokenService, principals, usage, access, audit, tx);
    }

    @Bean
    AccessCheckService accessCheckService(
            TokenRepository tokens,
            PrincipalRepository principals,
            DecisionChain chain,
            PermissionResolver permissions,
            AccessPolicy access,
            AuditLog audit,
            ServiceRepository services,
            TokenRefusalRepository refusals) {
        return new AccessCheckService(tokens, principals, chain, permissions, access, audit, services, refusals);
    }

    @Bean
    TechnicalTokenService technicalTokenService(
            TokenService tokenService,
            DirectoryPolicy delegation,
            TokenRepository tokens,
            PrincipalRepository principals,
            GroupRepository groups,
            RoleRepository roles,
            RoleAssignmentRepository assignments,
            AccessPolicy access,
            AuditLog audit,
            TransactionRunner tx,
            AuthorizationVersions versions,
            Clock clock) {
        return new TechnicalTokenService(
                tokenService,
                delegation,
                tokens,
                principals,
                groups,
                roles,
                assignments,
                access,
                audit,
                tx,
                versions,
                clock);
    }

    @Bean
    TokenStopImpact tokenStopImpact(
            RoleAssignmentRepository assignments,
            PrincipalRepository principals,
            GroupRepository groups,
            PermissionResolver permissions,
            TokenUsagePolicy usage,
            TokenUsageRepository acl,
            TokenRepository tokens,
            TokenSuspensions suspensions,
            SettingsRepository settings,
            AccessPolicy access,
            RoleService roles,
            TokenUsageService usageService,
            TransactionRunner tx,
            Clock clock) {
        return new TokenStopImpact(
                assignments,
                principals,
                groups,
                permissions,
                usage,
                acl,
                tokens,
                suspensions,
                settings,
                access,
                roles,
                usageService,
                tx,
                clock);
    }

    @Bean
    TokenSuspensions tokenSuspensions(
            SettingsRepository settings, PrincipalRepository principals, TokenUsagePolicy usage) {
        return new TokenSuspensions(settings, principals, usage);
    }

    @Bean
    DecisionChain decisionChain(
            TokenFormat format,
            TokenRepository tokens,
            PrincipalRepository principals,
            PermissionResolver permissions,
            SettingsRepository settings,
            TokenUsagePolicy usage,
            AuthorizationCache cache,
            Clock clock) {
        return new DecisionChain(format, tokens, principals, permissions, settings, usage, cache, clock);
    }

    /**
     * What each node resolved for token owners, per workspace and authorisation version (DESIGN, "Request cost"):
     * bounded for memory only, since an entry of an older version is simply never asked for again.
     */
    @Bean
    AuthorizationCache authorizationCache(WardenProperties properties) {
        WardenProperties.AuthorizationCache settings = properties.authorizationCache();
        return settings.maxEntries() == 0
                ? AuthorizationCache.NONE
                : new CaffeineAuthorizationCache(settings.maxEntries(), settings.idle());
    }

    /** What registered services (and reverse proxies in front of them) learn about a token. */
    @Bean
    Introspection introspection(DecisionChain chain, ServiceRepository services, TokenUseRecorder uses, Clock clock) {
        return new Introspection(chain, services, uses, clock);
    }

    @Bean
    TokenRefusalRecorder tokenRefusalRecorder(TokenRefusalRepository refusals) {
        return new TokenRefusalRecorder(refusals);
    }

    @Bean
    TokenUseRecorder tokenUseRecorder(TokenRepository tokens, Clock clock, WardenProperties properties) {
        return new TokenUseRecorder(tokens, clock, properties.tokens().lastUseWriteInterval());
    }

    @Bean
    WorkspaceBootstrap workspaceBootstrap(
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
        return new WorkspaceBootstrap(
                workspaces, principals, entitlements, roles, assignments, tokens, audit, tx, versions, clock);
    }

    @Bean
    PermissionResolver permissionResolver(
            PrincipalRepository principals,
            GroupRepository groups,
            RoleRepository roles,
            RoleAssignmentRepository assignments,
            ServiceRepository services) {
        return new PermissionResolver(principals, groups, roles, assignments, services);
    }

    @Bean
    AccessPolicy accessPolicy(PermissionResolver resolver) {
        return new AccessPolicy(resolver);
    }

    @Bean
    LastAdminGuard lastAdminGuard(
            RoleRepository roles,
            RoleAssignmentRepository assignments,
            GroupRepository groups,
            PrincipalRepository principals) {
        return new LastAdminGuard(roles, assignments, groups, principals);
    }

    @Bean
    DirectoryService directoryService(
            PrincipalRepository principals,
            RoleRepository roles,
            RoleAssignmentRepository assignments,
            TokenRepository tokens,
            EntitlementService entitlements,
            AccessPolicy access,
            DirectoryPolicy delegation,
            LastAdminGuard lastAdmin,
            AuditLog audit,
            TransactionRunner tx,
            AuthorizationVersions versions,
            ServiceRepository services,
            Clock clock) {
        return new DirectoryService(
                principals,
                roles,
                assignments,
                tokens,
                entitlements,
                access,
                delegation,
                lastAdmin,
                audit,
                tx,
                versions,
                services,
                clock);
    }

    @Bean
    EntitlementService entitlementService(
            EntitlementRepository entitlements,
            PrincipalRepository principals,
            GroupRepository groups,
            AccessPolicy access,
            AuditLog audit,
            TransactionRunner tx,
            Clock clock) {
        return new EntitlementService(entitlements, principals, groups, access, audit, tx, clock);
    }

    @Bean
    ConsoleAccessPolicy consoleAccessPolicy(EntitlementRepository entitlements, PermissionResolver permissions) {
        return new ConsoleAccessPolicy(entitlements, permissions);
    }

    @Bean
    PasswordService passwordService(
            PrincipalRepository principals,
            PasswordHasher hasher,
            AccessPolicy access,
            AuditLog audit,
            TransactionRunner tx,
            AuthorizationVersions versions,
            Clock clock) {
        return new PasswordService(principals, hasher, access, audit, tx, versions, clock);
    }

    @Bean
    AdminRecovery adminRecovery(
            WorkspaceRepository workspaces,
            PrincipalRepository principals,
            RoleRepository roles,
            RoleAssignmentRepository assignments,
            PasswordHasher hasher,
            AuditLog audit,
            TransactionRunner tx,
            AuthorizationVersions versions,
            Clock clock) {
        return new AdminRecovery(workspaces, principals, roles, assignments, hasher, audit, tx, versions, clock);
    }

    @Bean
    PrincipalNames principalNames(PrincipalRepository principals) {
        return new PrincipalNames(principals);
    }

    @Bean
    GroupNames groupNames(GroupRepository groups) {
        return new GroupNames(groups);
    }

    @Bean
    SignInLookup signInLookup(WorkspaceRepository workspaces, PrincipalRepository principals) {
        return new SignInLookup(workspaces, principals);
    }

    @Bean
    GroupPolicy groupPolicy(AccessPolicy access, DirectoryPolicy delegation, LastAdminGuard lastAdmin) {
        return new GroupPolicy(access, delegation, lastAdmin);
    }

    @Bean
    GroupService groupService(
            GroupRepository groups,
            PrincipalRepository principals,
            TokenRepository tokens,
            GroupPolicy rules,
            AuditLog audit,
            TransactionRunner tx,
            AuthorizationVersions versions,
            Clock clock) {
        return new GroupService(groups, principals, tokens, rules, audit, tx, versions, clock);
    }

    @Bean
    RoleService roleService(
            RoleRepository roles,
            RoleAssignmentRepository assignments,
            PrincipalRepository principals,
            GroupRepository groups,
            AccessPolicy access,
            DirectoryPolicy delegation,
            LastAdminGuard lastAdmin,
            AuditLog audit,
            TransactionRunner tx,
            AuthorizationVersions versions,
            PermissionResolver resolver,
            ServiceRepository services,
            Clock clock) {
        return new RoleService(
                roles,
                assignments,
                principals,
                groups,
                access,
                delegation,
                lastAdmin,
                audit,
                tx,
                versions,
                resolver,
                services,
                clock);
    }

    @Bean
    ServiceRegistry serviceRegistry(
            ServiceRepository services,
            PrincipalRepository principals,
            RoleRepository roles,
            AccessPolicy access,
            AuditLog audit,
            TransactionRunner tx,
            AuthorizationVersions versions,
            Clock clock) {
        return new ServiceRegistry(services, principals, roles, access, audit, tx, versions, clock);
    }
}
