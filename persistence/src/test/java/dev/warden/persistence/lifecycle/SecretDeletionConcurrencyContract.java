package dev.warden.persistence.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.warden.core.audit.AuditLog;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.oauth.AuthenticatedClient;
import dev.warden.core.oauth.ClientCredentialsService;
import dev.warden.core.oauth.DeletedSecret;
import dev.warden.core.oauth.OAuthError;
import dev.warden.core.oauth.OAuthException;
import dev.warden.core.oauth.SecretId;
import dev.warden.core.oauth.ServicePrincipalSecret;
import dev.warden.core.oauth.ServicePrincipalSecretRepository;
import dev.warden.core.oauth.ServicePrincipalSecretService;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.AccessPolicy;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.PermissionResolver;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.service.ServiceRepository;
import dev.warden.core.settings.SettingsRepository;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.token.TokenAccessRules;
import dev.warden.core.token.TokenFormat;
import dev.warden.core.token.TokenIssueRules;
import dev.warden.core.token.TokenIssueTerms;
import dev.warden.core.token.TokenLifetimePolicy;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenSecret;
import dev.warden.core.token.TokenService;
import dev.warden.core.workspace.AuthorizationVersions;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.Fixtures;
import dev.warden.persistence.JdbcAdapterTest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deleting a service principal's secret while its client keeps asking for tokens, with core's real services on the
 * real adapters and real commits: whatever the interleaving, no token the secret obtained still works once the
 * deletion has committed (each token request holds the secret's row lock while it issues, and the deletion takes
 * that lock first, so it sees every token committed before it, and none is issued after it). Checked on committed
 * data after all calls have finished.
 */
@JdbcAdapterTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
abstract class SecretDeletionConcurrencyContract {
    private static final int CLIENTS = 12;
    private static final int REQUESTS_EACH = 15;

    @Autowired
    private TransactionRunner tx;

    @Autowired
    private TokenRepository tokens;

    @Autowired
    private ServiceRepository services;

    @Autowired
    private ServicePrincipalSecretRepository secrets;

    @Autowired
    private AuditLog audit;

    @Autowired
    private WorkspaceRepository workspaces;

    @Autowired
    private PrincipalRepository principals;

    @Autowired
    private GroupRepository groups;

    @Autowired
    private RoleRepository roles;

    @Autowired
    private RoleAssignmentRepository assignments;

    @Autowired
    private SettingsRepository settings;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private AuthorizationVersions versions;

    private final SecureRandom random = new SecureRandom();
    private final TokenFormat format = new TokenFormat("wdn_");
    private JdbcClient committed;
    private ClientCredentialsService clients;
    private ServicePrincipalSecretService secretService;
    private Actor admin;
    private Principal robot;

    @BeforeEach
    void givenTheRealServicesAndAServicePrincipal() {
        committed = JdbcClient.create(dataSource);
        TokenLifetimePolicy lifetimes = new TokenLifetimePolicy(Duration.ofDays(30), Duration.ofDays(365));
        TokenIssueRules rules =
                (owner, kind) -> new TokenIssueTerms(lifetimes, Integer.MAX_VALUE, Set.copyOf(Permission.warden()));
        Clock clock = Clock.systemUTC();
        TokenService tokenService = new TokenService(
                tokens,
                principals,
                audit,
                tx,
                versions,
                services,
                format,
                rules,
                TokenAccessRules.ownerOnly(),
                lifetimes,
                random,
                clock);
        clients =
                new ClientCredentialsService(secrets, principals, tokenService, format, tx, clock, Duration.ofHours(1));
        AccessPolicy access =
                new AccessPolicy(new PermissionResolver(principals, groups, roles, assignments, services));
        secretService = new ServicePrincipalSecretService(
                secrets,
                principals,
                settings,
                access,
                TokenAccessRules.ownerOnly(),
                tokenService,
                audit,
                tx,
                format,
                random,
                clock);
        Fixtures fixtures = new Fixtures(workspaces, principals);
        WorkspaceId workspace = fixtures.workspace();
        roles.seedBuiltIns(workspace);
        PrincipalId adminId = fixtures.user(workspace, "admin");
        assignments.add(RoleAssignment.toPrincipal(
                workspace,
                roles.findByName(workspace, BuiltInRole.WORKSPACE_ADMIN.roleName())
                        .orElseThrow()
                        .id(),
                adminId,
                null));
        admin = new Actor(workspace, adminId, "admin", "127.0.0.1");
        robot = principals
                .findById(workspace, fixtures.servicePrincipal(workspace, "robot"))
                .orElseThrow();
    }

    @Test
    void noTokenOfADeletedSecretSurvivesTokenRequestsRacingTheDeletion() throws InterruptedException {
        for (int round = 1; round <= 3; round++) {
            TokenSecret value = format.generate(random);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            ServicePrincipalSecret secret = new ServicePrincipalSecret(
                    SecretId.random(random),
                    robot.workspace(),
                    robot.id(),
                    value.digest(),
                    value.displayHint(format.prefix()),
                    admin.principal(),
                    now,
                    now.plus(Duration.ofDays(1)));
            secrets.add(secret);
            AtomicInteger granted = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            Set<String> issued = ConcurrentHashMap.newKeySet();
            Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
            CountDownLatch someIssued = new CountDownLatch(CLIENTS);
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
            for (int c = 0; c < CLIENTS; c++) {
                pool.execute(() -> {
                    for (int r = 0; r < REQUESTS_EACH; r++) {
                        try {
                            AuthenticatedClient client = clients.authenticate(robot.applicationId(), value.reveal());
                            issued.add(clients.grant(client, null, "10.0.0.1")
                                    .issued()
                                    .token()
                                    .id()
                                    .value());
                            granted.incrementAndGet();
                        } catch (OAuthException e) {
                            if (e.error() != OAuthError.INVALID_CLIENT) {
                                unexpected.add(e);
                            }
                            refused.incrementAndGet();
                        } catch (Throwable t) {
                            unexpected.add(t);
                        } finally {
                            if (r == 0) {
                                someIssued.countDown();
                            }
                        }
                    }
                });
            }
            AtomicInteger revoked = new AtomicInteger();
            pool.execute(() -> {
                try {
                    someIssued.await(60, TimeUnit.SECONDS);
                    DeletedSecret deleted = secretService.delete(admin, robot.id(), secret.id());
                    revoked.set(deleted.revokedTokens().size());
                } catch (Throwable t) {
                    unexpected.add(t);
                }
            });
            pool.shutdown();
            if (!pool.awaitTermination(120, TimeUnit.SECONDS)) {
                pool.shutdownNow();
                fail("the calls did not finish within 120 s");
            }
            if (!unexpected.isEmpty()) {
                unexpected.forEach(Throwable::printStackTrace);
                fail(unexpected.size() + " calls failed unexpectedly: " + unexpected.peek());
            }

            String outcome =
                    "round " + round + ": granted " + granted + ", refused " + refused + ", revoked " + revoked;
            assertThat(granted.get()).as(outcome).isPositive();
            List<String> stored = committed
                    .sql("SELECT token_id FROM access_token WHERE oauth_secret_id = ?")
                    .param(secret.id().value())
                    .query(String.class)
                    .list();
            assertThat(stored).as(outcome).containsExactlyInAnyOrderElementsOf(issued);
            assertThat(committed
                            .sql("SELECT COUNT(*) FROM access_token WHERE oauth_secret_id = ?"
                                    + " AND (revoked_at IS NULL OR revocation_authority <> 'ADMIN')")
                            .param(secret.id().value())
                            .query(Integer.class)
                            .single())
                    .as("tokens of the deleted secret that still work (%s)", outcome)
                    .isZero();
            assertThat(revoked.get()).as(outcome).isEqualTo(issued.size());
            assertThat(secrets.findById(robot.workspace(), secret.id())).isEmpty();
        }
    }
}
