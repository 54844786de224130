package dev.warden.persistence.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.warden.core.audit.AuditLog;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.service.ServiceRepository;
import dev.warden.core.shared.InvalidStateException;
import dev.warden.core.shared.QuotaExceededException;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TokenAccessRules;
import dev.warden.core.token.TokenFormat;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenIssueRules;
import dev.warden.core.token.TokenIssueTerms;
import dev.warden.core.token.TokenLifetimePolicy;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenService;
import dev.warden.core.token.TokenTarget;
import dev.warden.core.workspace.AuthorizationVersions;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.Fixtures;
import dev.warden.persistence.JdbcAdapterTest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * "State changes are serial" (DESIGN.md, Delegation), checked with core's real {@link TokenService} on the real
 * adapters and real commits: the per-principal quota holds under concurrent creates (the owner's row is locked while
 * its tokens are counted), and concurrent revoke/restore calls on one token leave an audit trail that replays as one
 * serial order (the token's row is locked for each change, which is written by compare-and-set). Every check reads
 * committed data through a plain {@link JdbcClient}, after all calls have finished.
 */
@JdbcAdapterTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
abstract class TokenLifecycleConcurrencyContract {
    private static final int QUOTA = 5;
    private static final int THREADS = 16;
    private static final Duration ROUND_LIMIT = Duration.ofSeconds(90);

    @Autowired
    private TransactionRunner tx;

    @Autowired
    private TokenRepository tokens;

    @Autowired
    private ServiceRepository services;

    @Autowired
    private AuditLog audit;

    @Autowired
    private WorkspaceRepository workspaces;

    @Autowired
    private PrincipalRepository principals;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private AuthorizationVersions versions;

    private JdbcClient committed;
    private TokenService service;
    private WorkspaceId workspace;
    private PrincipalId alice;
    private Actor actor;

    @BeforeEach
    void givenTheRealTokenServiceWithAQuotaOfFive() {
        committed = JdbcClient.create(dataSource);
        TokenLifetimePolicy lifetimes = new TokenLifetimePolicy(Duration.ofDays(30), Duration.ofDays(365));
        TokenIssueRules rules = (owner, kind) -> new TokenIssueTerms(lifetimes, QUOTA, Set.copyOf(Permission.warden()));
        service = new TokenService(
                tokens,
                principals,
                audit,
                tx,
                versions,
                services,
                new TokenFormat("wdn_"),
                rules,
                TokenAccessRules.ownerOnly(),
                lifetimes,
                new SecureRandom(),
                Clock.systemUTC());
        Fixtures fixtures = new Fixtures(workspaces, principals);
        workspace = fixtures.workspace();
        alice = fixtures.user(workspace, "alice");
        actor = new Actor(workspace, alice, "alice", "127.0.0.1");
    }

    @Test
    void fiftyParallelCreatesAgainstAQuotaOfFiveGiveExactlyFive() throws InterruptedException {
        AtomicInteger created = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Set<String> createdIds = java.util.concurrent.ConcurrentHashMap.newKeySet();

        Queue<Throwable> unexpected = runTogether(50, i -> () -> {
            try {
                IssuedToken issued = service.create(actor, new CreateTokenCommand("t" + i, null, null));
                created.incrementAndGet();
                createdIds.add(issued.token().id().value());
            } catch (QuotaExceededException expected) {
                refused.incrementAndGet();
            }
        });

        assertNoUnexpected("create", unexpected, "created " + created + ", refused " + refused);
        assertThat(created.get()).as("creates that succeeded").isEqualTo(QUOTA);
        assertThat(refused.get())
                .as("creates refused with QuotaExceededException")
                .isEqualTo(50 - QUOTA);
        List<String> stored = committed
                .sql("SELECT token_id FROM access_token WHERE workspace_id = ? AND owner_id = ?")
                .param(workspace.value())
                .param(alice.value())
                .query(String.class)
                .list();
        assertThat(stored)
                .as("tokens the owner holds in the database")
                .hasSize(QUOTA)
                .containsExactlyInAnyOrderElementsOf(createdIds);
        assertThat(tokens.listByOwner(workspace, alice)).hasSize(QUOTA);
        List<String> auditedCreates =
                committed.sql("""
                        SELECT target_id FROM audit_event
                         WHERE workspace_id = ? AND action = 'TOKEN_CREATED' AND target_type = 'token'""").param(workspace.value()).query(String.class).list();
        assertThat(auditedCreates)
                .as("TOKEN_CREATED records, one per stored token")
                .containsExactlyInAnyOrderElementsOf(stored);
    }

    @Test
    void twentyParallelRevokesAndRestoresOfOneTokenReplayAsOneSerialOrder() throws InterruptedException {
        for (int round = 1; round <= 3; round++) {
            TokenId id = service.create(actor, new CreateTokenCommand("round " + round, null, null))
                    .token()
                    .id();
            AtomicInteger revokes = new AtomicInteger();
            AtomicInteger restores = new AtomicInteger();
            AtomicInteger nothingToRestore = new AtomicInteger();

            Queue<Throwable> unexpected = runTogether(20, i -> () -> {
                if (i % 2 == 0) {
                    AccessToken after = service.revoke(actor, TokenTarget.own(id));
                    assertThat(after.isRevoked())
                            .as("a revoke returns a revoked token")
                            .isTrue();
                    revokes.incrementAndGet();
                } else {
                    try {
                        AccessToken after = service.restore(actor, TokenTarget.own(id));
                        assertThat(after.isRevoked())
                                .as("a restore returns an unrevoked token")
                                .isFalse();
                        restores.incrementAndGet();
                    } catch (InvalidStateException notRevoked) {
                        nothingToRestore.incrementAndGet();
                    }
                }
            });

            String outcome = "round " + round + ": revokes returned " + revokes + ", restores succeeded " + restores
                    + ", restores refused (not revoked) " + nothingToRestore;
            assertNoUnexpected("revoke/restore", unexpected, outcome);
            assertThat(revokes.get()).as(outcome).isEqualTo(10);
            assertThat(restores.get() + nothingToRestore.get()).as(outcome).isEqualTo(10);

            List<String> trail = committed
                    .sql("""
                            SELECT action FROM audit_event
                             WHERE workspace_id = ? AND target_type = 'token' AND target_id = ?
                               AND action IN ('TOKEN_REVOKED', 'TOKEN_RESTORED')
                             ORDER BY id""")
                    .param(workspace.value())
                    .param(id.value())
                    .query(String.class)
                    .list();
            String described = outcome + "; audit trail " + trail;
            boolean revoked = false;
            for (int step = 0; step < trail.size(); step++) {
                String action = trail.get(step);
                if (action.equals("TOKEN_REVOKED")) {
                    assertThat(revoked)
                            .as("record %d (TOKEN_REVOKED) happens on an active token; %s", step, described)
                            .isFalse();
                    revoked = true;
                } else {
                    assertThat(revoked)
                            .as("record %d (TOKEN_RESTORED) happens on a revoked token; %s", step, described)
                            .isTrue();
                    revoked = false;
                }
            }
            assertThat(trail)
                    .as("at least the first revoke is recorded; %s", described)
                    .isNotEmpty();
            assertThat(trail.stream().filter("TOKEN_RESTORED"::equals).count())
                    .as("every successful restore has exactly one record; %s", described)
                    .isEqualTo(restores.get());
            AccessToken stored = tokens.findById(workspace, id).orElseThrow();
            Boolean storedRevoked = committed
                    .sql("SELECT revoked_at IS NOT NULL FROM access_token WHERE token_id = ?")
                    .param(id.value())
                    .query(Boolean.class)
                    .single();
            assertThat(stored.isRevoked())
                    .as("the stored state is the replayed one; %s", described)
                    .isEqualTo(revoked);
            assertThat(storedRevoked)
                    .as("the stored row is the replayed state; %s", described)
                    .isEqualTo(revoked);
        }
    }

    /**
     * Runs {@code calls} tasks on a fixed pool, all held at one latch until every one is submitted, within a bounded
     * time; returns whatever they threw that the task itself did not handle.
     */
    private static Queue<Throwable> runTogether(int calls, IntFunction<Runnable> task) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        try {
            for (int i = 0; i < calls; i++) {
                Runnable call = task.apply(i);
                pool.execute(() -> {
                    try {
                        if (!start.await(ROUND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                            throw new IllegalStateException("never released");
                        }
                        call.run();
                    } catch (Throwable t) {
                        unexpected.add(t);
                    }
                });
            }
            start.countDown();
            pool.shutdown();
            if (!pool.awaitTermination(ROUND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                List<Runnable> never = pool.shutdownNow();
                fail("the calls did not finish within " + ROUND_LIMIT + " (" + never.size() + " never started); "
                        + "failures so far: " + describe(unexpected));
            }
        } finally {
            pool.shutdownNow();
        }
        return unexpected;
    }

    private static void assertNoUnexpected(String what, Queue<Throwable> unexpected, String outcome) {
        if (!unexpected.isEmpty()) {
            unexpected.forEach(failure -> {
                System.err.println("Unexpected failure of a concurrent " + what + " call:");
                failure.printStackTrace();
            });
            fail(unexpected.size() + " concurrent " + what + " calls failed unexpectedly (" + outcome + "): "
                    + describe(unexpected));
        }
    }

    private static String describe(Queue<Throwable> failures) {
        List<String> lines = new ArrayList<>();
        for (Throwable failure : failures) {
            StringBuilder line = new StringBuilder(failure.toString());
            for (Throwable cause = failure.getCause();
                    cause != null && cause != cause.getCause();
                    cause = cause.getCause()) {
                line.append(" <- ").append(cause);
            }
            lines.add(line.toString());
        }
        return lines.stream()
                .collect(Collectors.groupingBy(line -> line, java.util.TreeMap::new, Collectors.counting()))
                .entrySet()
                .stream()
                .map(entry -> entry.getValue() + " x " + entry.getKey())
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    }
}
