package dev.warden.web.shared;

import static dev.warden.web.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.warden.core.token.TokenFormat;
import dev.warden.persistence.DedicatedMariaDb;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.RunningWarden;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A lost database, for real: Warden on a MariaDB of this test's own, which the test stops and starts again while a
 * client keeps creating tokens. While it is down every request that needs it gets 503 {@code TEMPORARILY_UNAVAILABLE}
 * with {@code Retry-After} within the 5 s the contract allows (never a 500, never a 200 for a token it could not
 * check), readiness is DOWN and liveness UP; once it is back, service returns within 5 s without a restart, and every
 * create that was answered 200 is stored with its audit record. Prints its timeline.
 */
class DatabaseOutageIT {
    private static final String PASSWORD = "outage-test-password";
    private static final long CONTRACT_MILLIS = 5_000;

    private final Timeline timeline = new Timeline();

    @Test
    void aLostDatabaseFailsFastAndClosedAndServiceReturnsWithoutARestart() throws Exception {
        String adminToken = new TokenFormat("wdn_").generate(new SecureRandom()).reveal();
        String unknownToken =
                new TokenFormat("wdn_").generate(new SecureRandom()).reveal();
        try (DedicatedMariaDb db = DedicatedMariaDb.start("outage");
                RunningWarden warden = RunningWarden.startOn(
                        db.newDatabase("warden_outage"),
                        db.username(),
                        db.password(),
                        "warden.bootstrap.admin-password=" + PASSWORD,
                        "warden.bootstrap.admin-token=" + adminToken)) {
            assertThat(warden.bean(HikariDataSource.class).getDataSourceProperties())
                    .as("the driver's timeouts")
                    .containsEntry("connectTimeout", "2000")
                    .containsEntry("socketTimeout", "60000");
            ApiClient api = new ApiClient(warden.port());
            ConsoleSession console = new ConsoleSession(warden.port());
            assertThat(console.logIn("admin", PASSWORD)).isEqualTo("/");
            timeline.mark("Warden up on MariaDB, admin signed in to the console");

            Writer writer = new Writer(api, adminToken);
            Thread writing = new Thread(writer, "outage-writer");
            writing.start();
            try {
                awaitWrites(writer, 5);
                assertThat(api.get("/api/2.0/token/list", adminToken).status()).isEqualTo(200);
                assertThat(api.get("/api/2.0/token-management/tokens", adminToken)
                                .status())
                        .isEqualTo(200);
                assertThat(console.get("/settings/user/tokens").statusCode()).isEqualTo(200);
                assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
                timeline.mark("writes and reads answered 200; readiness UP");

                timeline.mark("stopping the database");
                db.stop();
                long stopped = timeline.mark("database stopped");

                whileTheDatabaseIsDown(api, console, adminToken, unknownToken, warden.port());

                long restarting = timeline.mark("starting the database again");
                db.restart();
                long restarted = timeline.mark("database accepts connections");
                long firstOk = awaitFirst200(api, adminToken);
                timeline.mark("first 200 (GET /api/2.0/token/list)", firstOk);
                assertThat(firstOk - restarted)
                        .as("service returns within 5 s of the database")
                        .isLessThan(CONTRACT_MILLIS);
                long ready = awaitReadiness(api);
                timeline.mark("readiness UP", ready);

                int before = writer.created().size();
                awaitWrites(writer, before + 5);
                writer.stop();
                writing.join();
                timeline.mark("writer stopped");

                assertNoAnswerWhileDownWas200(writer.answers(), stopped, restarting);
                assertThat(writer.answers())
                        .as("every create answered 200 or 503, never a 500, each within 5 s")
                        .allSatisfy(answer -> {
                            assertThat(answer.status()).isIn(200, 503);
                            assertThat(answer.millis()).isLessThan(CONTRACT_MILLIS);
                        });
                assertThat(writer.answers().stream().filter(a -> a.status() == 503))
                        .as("the writer met the outage")
                        .isNotEmpty()
                        .allSatisfy(answer -> assertThat(answer.retryAfter()).isEqualTo("5"));
                assertEveryAcknowledgedWriteIsStoredWithItsAudit(db, writer.created());
                timeline.mark(writer.created().size() + " creates answered 200, all stored with their audit record; "
                        + writer.answers().stream()
                                .filter(a -> a.status() == 503)
                                .count()
                        + " answered 503 while the database was down");

                assertTheLastUseFlusherSurvived(api, db, adminToken);
                timeline.mark("last use written again after the outage (the flusher survived)");
            } finally {
                writer.stop();
                writing.join();
                timeline.print();
            }
        }
    }

    private void whileTheDatabaseIsDown(
            ApiClient api, ConsoleSession console, String adminToken, String unknownToken, int port) {
        ApiClient.Response list =
                timed("GET /api/2.0/token/list, admin token", () -> api.get("/api/2.0/token/list", adminToken));
        assertTemporarilyUnavailable(list);
        timeline.mark("first 503 (" + list.reason() + ")");
        assertTemporarilyUnavailable(
                timed("GET /api/2.0/token/list, unknown token", () -> api.get("/api/2.0/token/list", unknownToken)));
        assertTemporarilyUnavailable(timed(
                "POST /api/2.0/token/create",
                () -> api.post("/api/2.0/token/create", adminToken, json("{'comment':'while down'}"))));
        assertTemporarilyUnavailable(timed(
                "GET /api/2.0/token-management/tokens", () -> api.get("/api/2.0/token-management/tokens", adminToken)));
        assertTemporarilyUnavailable(
                timed("GET /api/2.0/preview/scim/v2/Me", () -> api.get("/api/2.0/preview/scim/v2/Me", adminToken)));
        // a value that is not Warden's format is refused without the database (step 1), as always
        assertThat(api.get("/api/2.0/token/list", "wdn_not-a-token").status()).isEqualTo(401);

        HttpResponse<String> page =
                timed("console GET /settings/user/tokens", () -> console.get("/settings/user/tokens"));
        assertUnavailablePage(page);
        HttpResponse<String> fragment =
                timed("console htmx GET /settings/user/tokens", () -> console.getHtmx("/settings/user/tokens"));
        assertThat(fragment.statusCode()).isEqualTo(503);
        assertThat(fragment.headers().firstValue("HX-Refresh")).hasValue("true");

        // Console sessions live in the database (README, "Running several nodes"): without it there is no session
        // to keep the login form's CSRF token in, so even the login page is the unavailable page.
        assertUnavailablePage(timed("console GET /login", () -> new ConsoleSession(port).get("/login")));

        ApiClient.Response readiness =
                timed("GET /actuator/health/readiness", () -> api.get("/actuator/health/readiness", null));
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.json().toString()).isEqualTo("{\"status\":\"DOWN\"}");
        ApiClient.Response liveness = api.get("/actuator/health/liveness", null);
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().toString()).isEqualTo("{\"status\":\"UP\"}");
        timeline.mark("readiness DOWN (503), liveness UP");
    }

    private static void assertTemporarilyUnavailable(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.errorCode()).isEqualTo("TEMPORARILY_UNAVAILABLE");
        assertThat(response.reason()).isEqualTo("DATABASE_UNAVAILABLE");
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(response.header("Content-Type")).startsWith("application/json");
    }

    private static void assertUnavailablePage(HttpResponse<String> page) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(503);
        assertThat(page.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body())
                .contains("Warden cannot reach its database just now.")
                .doesNotContain("Exception")
                .doesNotContain("at dev.warden");
    }

    /** A request's answer, printed with how long it took, which must be within the contract. */
    private <T> T timed(String what, Supplier<T> request) {
        long start = System.nanoTime();
        T answer = request.get();
        long millis = (System.nanoTime() - start) / 1_000_000;
        int status = answer instanceof ApiClient.Response r ? r.status() : ((HttpResponse<?>) answer).statusCode();
        timeline.note(String.format("  %-45s %d in %5d ms", what, status, millis));
        assertThat(millis).as(what + " answers within 5 s").isLessThan(CONTRACT_MILLIS);
        return answer;
    }

    private static void assertNoAnswerWhileDownWas200(List<Answer> answers, long stopped, long restarting) {
        assertThat(answers)
                .filteredOn(a -> a.sentAt() >= stopped && a.answeredAt() <= restarting)
                .as("creates sent and answered while the database was down")
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.status()).isEqualTo(503));
    }

    private static void assertEveryAcknowledgedWriteIsStoredWithItsAudit(DedicatedMariaDb db, List<String> created)
            throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection(db.url("warden_outage"), db.username(), db.password());
                PreparedStatement token =
                        connection.prepareStatement("SELECT COUNT(*) FROM access_token WHERE token_id = ?");
                PreparedStatement audit = connection.prepareStatement("SELECT COUNT(*) FROM audit_event"
                        + " WHERE action = 'TOKEN_CREATED' AND target_type = 'token' AND target_id = ?")) {
            List<String> missing = new ArrayList<>();
            for (String id : created) {
                if (count(token, id) != 1 || count(audit, id) != 1) {
                    missing.add(id);
                }
            }
            assertThat(missing)
                    .as("tokens answered 200 but not stored with their audit record")
                    .isEmpty();
        }
    }

    private static int count(PreparedStatement query, String id) throws SQLException {
        query.setString(1, id);
        try (ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** A token first used after the outage gets its last use written: the flusher kept running through it. */
    private static void assertTheLastUseFlusherSurvived(ApiClient api, DedicatedMariaDb db, String adminToken)
            throws SQLException, InterruptedException {
        ApiClient.Response created =
                api.post("/api/2.0/token/create", adminToken, json("{'comment':'used after the outage'}"));
        assertThat(created.status()).isEqualTo(200);
        String value = created.json().path("token_value").asString();
        String id = created.json().path("token_info").path("token_id").asString();
        assertThat(api.get("/api/2.0/token/list", value).status()).isEqualTo(200);
        try (Connection connection =
                        DriverManager.getConnection(db.url("warden_outage"), db.username(), db.password());
                PreparedStatement lastUse =
                        connection.prepareStatement("SELECT last_used_at FROM access_token WHERE token_id = ?")) {
            lastUse.setString(1, id);
            for (int attempt = 0; ; attempt++) {
                try (ResultSet row = lastUse.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    if (row.getTimestamp(1) != null) {
                        return;
                    }
                }
                assertThat(attempt).as("last use written within 30 s").isLessThan(300);
                Thread.sleep(100);
            }
        }
    }

    private void awaitWrites(Writer writer, int count) throws InterruptedException {
        for (int attempt = 0; writer.created().size() < count; attempt++) {
            assertThat(attempt).as("%d writes within 60 s", count).isLessThan(600);
            Thread.sleep(100);
        }
    }

    private static long awaitFirst200(ApiClient api, String adminToken) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            ApiClient.Response response = api.get("/api/2.0/token/list", adminToken);
            if (response.status() == 200) {
                return System.currentTimeMillis();
            }
            assertThat(response.status()).as(response.toString()).isEqualTo(503);
            assertThat(attempt).as("service back within 60 s").isLessThan(600);
            Thread.sleep(100);
        }
    }

    private static long awaitReadiness(ApiClient api) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            if (api.get("/actuator/health/readiness", null).status() == 200) {
                return System.currentTimeMillis();
            }
            assertThat(attempt).as("readiness UP within 60 s").isLessThan(600);
            Thread.sleep(100);
        }
    }

    /** One create's answer: when it was sent and answered (epoch ms), its status and Retry-After. */
    record Answer(long sentAt, long answeredAt, int status, String retryAfter) {
        long millis() {
            return answeredAt - sentAt;
        }
    }

    /** Creates tokens one after another, about ten a second, until stopped; remembers every answer. */
    static final class Writer implements Runnable {
        private final ApiClient api;
        private final String token;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Answer> answers = new CopyOnWriteArrayList<>();
        private final List<String> created = new CopyOnWriteArrayList<>();

        Writer(ApiClient api, String token) {
            this.api = api;
            this.token = token;
        }

        @Override
        public void run() {
            for (int i = 0; running.get(); i++) {
                long sent = System.currentTimeMillis();
                ApiClient.Response response = api.post(
                        "/api/2.0/token/create", token, json("{'comment':'write %d','lifetime_seconds':3600}", i));
                answers.add(new Answer(
                        sent, System.currentTimeMillis(), response.status(), response.header("Retry-After")));
                if (response.status() == 200) {
                    created.add(
                            response.json().path("token_info").path("token_id").asString());
                }
                try {
                    Thread.sleep(100); // a steady trickle, well inside the per-principal token quota
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        void stop() {
            running.set(false);
        }

        List<Answer> answers() {
            return answers;
        }

        List<String> created() {
            return created;
        }
    }

    /** What happened when, printed for the closing note. */
    static final class Timeline {
        private final long start = System.currentTimeMillis();
        private final List<String> lines = new CopyOnWriteArrayList<>();

        long mark(String event) {
            return mark(event, System.currentTimeMillis());
        }

        long mark(String event, long at) {
            lines.add(String.format("t=%6d ms  %s", at - start, event));
            return at;
        }

        void note(String line) {
            lines.add(line);
        }

        void print() {
            System.out.println(
                    "\nDatabase outage timeline (t=0 at the test's start):\n" + String.join("\n", lines) + "\n");
        }
    }
}
