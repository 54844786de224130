package dev.warden.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenDigest;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenUse;
import dev.warden.core.token.TokenUseRecorder;
import dev.warden.persistence.EmbeddedMariaDb;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.RunningWarden;
import dev.warden.web.support.TestData;
import java.net.CookieManager;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two Warden nodes on one MariaDB, as behind a load balancer (DESIGN § Scale; README, "Running several nodes"): the
 * console session lives in the database, so a browser goes on with it on the other node; the API's decisions read
 * the token row, so a revocation through one node holds on the other at once; last use written by both never goes
 * backwards; and two nodes started together on an empty database bootstrap it once.
 */
@ExtendWith(OutputCaptureExtension.class)
class MultiNodeIT {
    private static final String PASSWORD = "multi-node-password";
    private static final Pattern GENERATED = Pattern.compile("Generated password for user 'admin': (\\S+)");

    private static RunningWarden nodeA;
    private static RunningWarden nodeB;

    /** Started together, on an empty database, with the same settings: one bootstraps it, the other finds it done. */
    @BeforeAll
    static void twoNodesStartedTogether() {
        List<RunningWarden> nodes =
                startTogether(EmbeddedMariaDb.newDatabase("multi_node"), "warden.bootstrap.admin-password=" + PASSWORD);
        nodeA = nodes.get(0);
        nodeB = nodes.get(1);
    }

    @AfterAll
    static void stop() {
        for (RunningWarden node : new RunningWarden[] {nodeB, nodeA}) {
            if (node != null) {
                node.close();
            }
        }
    }

    /** Two nodes on the database, started on two threads released at the same moment; both must come up. */
    private static List<RunningWarden> startTogether(String database, String... properties) {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch ready = new CountDownLatch(2);
        try {
            List<CompletableFuture<RunningWarden>> starts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                starts.add(CompletableFuture.supplyAsync(
                        () -> {
                            ready.countDown();
                            try {
                                ready.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return RunningWarden.startOn(
                                    database, EmbeddedMariaDb.username(), EmbeddedMariaDb.password(), properties);
                        },
                        threads));
            }
            List<RunningWarden> started = new ArrayList<>();
            Throwable failure = null;
            for (CompletableFuture<RunningWarden> start : starts) {
                try {
                    started.add(start.get(120, TimeUnit.SECONDS));
                } catch (Exception e) {
                    failure = e;
                }
            }
            if (failure != null) {
                started.forEach(RunningWarden::close);
                throw new AssertionError("a node did not start", failure);
            }
            return started;
        } finally {
            threads.shutdownNow();
        }
    }

    private static JdbcClient jdbc(RunningWarden node) {
        return node.bean(JdbcClient.class);
    }

    private static ConsoleSession signedInOn(RunningWarden node, String user, String password) {
        ConsoleSession session = new ConsoleSession(node.port());
        assertThat(session.logIn(user, password)).isEqualTo("/");
        return session;
    }

    @Test
    void aConsoleSessionStartedOnAContinuesOnBWithItsCsrfToken() {
        CookieManager browser = new CookieManager();
        ConsoleSession onA = new ConsoleSession(nodeA.port(), browser);
        ConsoleSession onB = new ConsoleSession(nodeB.port(), browser);
        assertThat(onA.logIn("admin", PASSWORD)).isEqualTo("/");

        HttpResponse<String> page = onB.get("/settings/user/tokens");
        assertThat(page.statusCode()).as("an authenticated page on B").isEqualTo(200);

        // the CSRF token of a page served by A, posted to B: both read it from the session in the database
        String csrfFromA =
                ConsoleSession.csrfFrom(onA.get("/settings/user/tokens").body());
        String name = TestData.unique("nodes-group");
        HttpResponse<String> created =
                onB.postForm("/settings/admin/groups", Map.of("displayName", name, "_csrf", csrfFromA), true);
        assertThat(created.statusCode())
                .as("a CSRF-protected post on B: %s", created.body())
                .isEqualTo(200);
        assertThat(jdbc(nodeA)
                        .sql("SELECT COUNT(*) FROM principal_group WHERE display_name = ?")
                        .param(name)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        HttpResponse<String> forged = onB.postForm(
                "/settings/admin/groups",
                Map.of("displayName", TestData.unique("nodes-forged"), "_csrf", "forged"),
                true);
        assertThat(forged.statusCode()).as("a forged CSRF token on B").isEqualTo(403);
    }

    @Test
    void aLogoutOnBEndsTheSessionOnA() {
        ConsoleSession onA = signedInOn(nodeA, "admin", PASSWORD);
        // another client with the same cookie: B's logout must end the session itself, not just drop a cookie
        ConsoleSession onB = new ConsoleSession(nodeB.port(), onA.copyOfCookies());
        String csrf = ConsoleSession.csrfFrom(onB.get("/settings/user/tokens").body());

        HttpResponse<String> logout = onB.postForm("/logout", Map.of("_csrf", csrf), false);
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location").orElse("")).endsWith("/login?logout");

        HttpResponse<String> after = onA.get("/settings/user/tokens");
        assertThat(after.statusCode()).as("node A after the logout on B").isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    void aPasswordChangedOnAEndsTheUsersOtherSessionOnB() {
        TestData data = TestData.of(nodeA.context());
        Principal user = data.consoleUser(TestData.unique("nodes-pw"), "old-password-1");
        ConsoleSession changing = signedInOn(nodeA, user.userName(), "old-password-1");
        ConsoleSession elsewhere = signedInOn(nodeB, user.userName(), "old-password-1");

        HttpResponse<String> changed = changing.postForm(
                "/settings/user/password",
                Map.of(
                        "currentPassword",
                        "old-password-1",
                        "newPassword",
                        "new-password-1",
                        "confirmPassword",
                        "new-password-1"),
                true);
        assertThat(changed.statusCode()).isEqualTo(200);

        HttpResponse<String> ended = elsewhere.get("/settings/user/tokens");
        assertThat(ended.statusCode()).as("the other session, on B").isEqualTo(302);
        assertThat(ended.headers().firstValue("Location").orElse("")).endsWith("/login?ended");
        assertThat(changing.get("/settings/user/tokens").statusCode())
                .as("the session that changed it, on A")
                .isEqualTo(200);
    }

    /**
     * What the sessions keep in the database: the signed-in user without its password hash, and after a refused
     * sign-in the refusal without the password typed (Spring Security attaches the attempt to it).
     */
    @Test
    void sessionsInTheDatabaseHoldNeitherAPasswordTypedNorTheHash() {
        TestData data = TestData.of(nodeA.context());
        Principal user = data.consoleUser(TestData.unique("nodes-secret"), "right-password-1");
        assertThat(new ConsoleSession(nodeA.port()).logIn(user.userName(), "almost-right-password-1"))
                .isEqualTo("/login?error");
        signedInOn(nodeB, user.userName(), "right-password-1");

        JdbcClient jdbc = jdbc(nodeA);
        String hash = jdbc.sql("SELECT password_hash FROM principal WHERE id = ?")
                .param(user.id().value())
                .query(String.class)
                .single();
        // Java serialisation writes these ASCII strings as they are
        String stored = jdbc
                .sql("SELECT ATTRIBUTE_BYTES FROM SPRING_SESSION_ATTRIBUTES")
                .query((rows, row) -> new String(rows.getBytes(1), StandardCharsets.ISO_8859_1))
                .list()
                .stream()
                .collect(Collectors.joining("\n"));
        assertThat(stored)
                .as("the sessions are there and name the user")
                .contains(user.userName())
                .doesNotContain("right-password-1")
                .doesNotContain(hash);
    }

    @Test
    void aRevocationThroughAIsRefusedByBOnItsNextRequest() {
        TestData data = TestData.of(nodeA.context());
        String token = data.token(data.user("nodes-revoked", BuiltInRole.USER));
        ApiClient apiA = new ApiClient(nodeA.port());
        ApiClient apiB = new ApiClient(nodeB.port());
        assertThat(apiB.get("/api/2.0/token/list", token).status()).isEqualTo(200);
        String id = tokenOf(token).id().value();

        assertThat(apiA.post("/api/2.0/token/revoke", token, "{\"token_id\":\"" + id + "\"}")
                        .status())
                .isEqualTo(200);

        ApiClient.Response next = apiB.get("/api/2.0/token/list", token);
        assertThat(next.status()).isEqualTo(401);
        assertThat(next.reason()).isEqualTo("TOKEN_REVOKED");
    }

    /** Each node flushes its own buffer; whichever writes last, the newest use stays. */
    @Test
    void lastUseWrittenByBothNodesNeverGoesBackwards() {
        TestData data = TestData.of(nodeA.context());
        AccessToken token = tokenOf(data.token(data.user("nodes-last-use", BuiltInRole.USER)));
        Instant base = Instant.now().truncatedTo(ChronoUnit.MICROS);
        TokenUseRecorder recorderA = nodeA.bean(TokenUseRecorder.class);
        TokenUseRecorder recorderB = nodeB.bean(TokenUseRecorder.class);

        recorderA.record(use(token, base.plusSeconds(2), "10.0.0.2"));
        recorderB.record(use(token, base.plusSeconds(1), "10.0.0.1"));
        recorderA.flushAll();
        recorderB.flushAll(); // older, written later: must not win

        assertThat(tokenOf(token).lastUse().at()).isEqualTo(base.plusSeconds(2));
        assertThat(tokenOf(token).lastUse().clientAddress()).isEqualTo("10.0.0.2");

        recorderB.record(use(token, base.plusSeconds(3), "10.0.0.3"));
        recorderA.record(use(token, base.plusSeconds(1), "10.0.0.1"));
        recorderB.flushAll();
        recorderA.flushAll();

        assertThat(tokenOf(token).lastUse().at()).isEqualTo(base.plusSeconds(3));
        assertThat(tokenOf(token).lastUse().clientAddress()).isEqualTo("10.0.0.3");
    }

    private static TokenUse use(AccessToken token, Instant at, String address) {
        return new TokenUse(token.workspace(), token.id(), at, address, "multi-node-test", null);
    }

    private static AccessToken tokenOf(String secret) {
        return nodeB.bean(TokenRepository.class)
                .findByDigest(TokenDigest.of(secret))
                .orElseThrow();
    }

    private static AccessToken tokenOf(AccessToken token) {
        return nodeB.bean(TokenRepository.class)
                .findById(token.workspace(), token.id())
                .orElseThrow();
    }

    /**
     * Two nodes started together on an empty database, a few times over: both start, there is one workspace and one
     * admin, and the one generated password printed (by the node that bootstrapped) works on both nodes.
     */
    @Test
    void twoNodesStartedTogetherOnAnEmptyDatabaseBootstrapItOnce(CapturedOutput output) {
        for (int round = 0; round < 3; round++) {
            int before = output.getAll().length();
            List<RunningWarden> nodes = startTogether(EmbeddedMariaDb.newDatabase("multi_node_start"));
            try {
                JdbcClient jdbc = jdbc(nodes.get(0));
                assertThat(jdbc.sql("SELECT COUNT(*) FROM workspace")
                                .query(Integer.class)
                                .single())
                        .as("workspaces, round %d", round)
                        .isEqualTo(1);
                assertThat(jdbc.sql("SELECT COUNT(*) FROM principal WHERE user_name = 'admin'")
                                .query(Integer.class)
                                .single())
                        .as("admins, round %d", round)
                        .isEqualTo(1);
                // Two contexts in one JVM may briefly share two console appenders, so a line can show twice; what
                // counts is that one password was printed, not one per node.
                Set<String> printed = generated(output.getAll().substring(before));
                assertThat(printed)
                        .as("generated passwords printed, round %d", round)
                        .hasSize(1);
                for (RunningWarden node : nodes) {
                    signedInOn(node, "admin", printed.iterator().next());
                }
            } finally {
                nodes.forEach(RunningWarden::close);
            }
        }
    }

    private static Set<String> generated(String output) {
        Matcher matcher = GENERATED.matcher(output);
        Set<String> passwords = new HashSet<>();
        while (matcher.find()) {
            passwords.add(matcher.group(1));
        }
        return passwords;
    }
}
