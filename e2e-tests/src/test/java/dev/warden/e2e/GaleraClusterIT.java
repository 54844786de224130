package dev.warden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.token.TokenFormat;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Warden on a real replicated database: a three-node MariaDB Galera cluster from Debian's packages, two Warden nodes
 * ({@code java -jar}, as in production) over MariaDB Connector/J's {@code sequential} multi-host URL. Under a bounded
 * load of authenticated reads and token creations through both Warden nodes, the database node the driver uses is
 * killed: only the requests on its connections may fail (each connection costs at most the request in flight on it,
 * or the next one to take it from the pool), and those with 503 (never another status, never a wrong 200);
 * every acknowledged create is readable afterwards through the other Warden node (and on the killed node once it
 * has rejoined); the killed node rejoins, Synced in a cluster of three. Prints its figures.
 */
class GaleraClusterIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DATABASE = "warden";
    private static final String USER = "warden";
    private static final String PASSWORD = "galera-test-password";
    /** The load: two client threads for this long, the database node killed this far in. */
    private static final Duration LOAD = Duration.ofSeconds(20);

    private static final Duration KILL_AFTER = Duration.ofSeconds(6);
    /** Every request is bounded: at most this many per client thread. */
    private static final int MAX_REQUESTS_PER_CLIENT = 4_000;

    /** One answered request: when it started and ended (ms since the load began), what it was, what came back. */
    record Answer(String node, String kind, long started, long ended, int status, String body, String retryAfter) {}

    /** A create answered 200: which Warden node acknowledged it, and the token it made. */
    record Acknowledged(String node, String tokenId, String comment) {}

    @Test
    void aKilledDatabaseNodeCostsOnlyTheRequestsInFlightAndEveryAcknowledgedWriteSurvives() throws Exception {
        String adminToken = new TokenFormat("wdn_").generate(new SecureRandom()).reveal();
        Map<String, String> figures = new TreeMap<>();
        try (GaleraCluster cluster = GaleraCluster.start(3, DATABASE, USER, PASSWORD)) {
            Path dir = cluster.dir();
            Map<String, String> environment = Map.of(
                    "WARDEN_DB_URL", cluster.jdbcUrl(DATABASE),
                    "WARDEN_DB_USER", USER,
                    "WARDEN_DB_PASSWORD", PASSWORD,
                    "WARDEN_BOOTSTRAP_ADMIN_TOKEN", adminToken);
            // one after the other: the first start creates the schema and the first workspace
            try (WardenProcess a = WardenProcess.start("warden-a", dir, environment);
                    WardenProcess b = WardenProcess.start("warden-b", dir, environment)) {
                GaleraCluster.Node used = cluster.node(1);
                assertThat(connectionsOf(cluster, used))
                        .as("sequential mode: both Warden nodes use the first database node")
                        .isPositive();
                assertThat(connectionsOf(cluster, cluster.node(2))).isZero();

                List<Answer> answers = new CopyOnWriteArrayList<>();
                List<Acknowledged> acknowledged = new CopyOnWriteArrayList<>();
                long start = System.nanoTime();
                long deadline = start + LOAD.toNanos();
                List<Thread> clients = new ArrayList<>();
                clients.add(
                        client("A", new WardenApi(a.baseUrl()), adminToken, start, deadline, answers, acknowledged));
                clients.add(
                        client("B", new WardenApi(b.baseUrl()), adminToken, start, deadline, answers, acknowledged));
                clients.forEach(Thread::start);

                Thread.sleep(KILL_AFTER.toMillis());
                int pooled = connectionsOf(cluster, used);
                long killed = millisSince(start);
                cluster.kill(used);
                for (Thread client : clients) {
                    client.join(LOAD.toMillis() + 30_000);
                }

                report(figures, answers, killed);
                assertThat(answers).as("the load ran").hasSizeGreaterThan(50);
                assertThat(answers)
                        .as("every answer is 200 or 503, never a 500 or another status")
                        .allSatisfy(answer -> assertThat(answer.status())
                                .as(answer.toString())
                                .isIn(200, 503));
                List<Answer> failed = answers.stream()
                        .filter(answer -> answer.status() != 200)
                        .toList();
                assertThat(failed)
                        .as("503s are TEMPORARILY_UNAVAILABLE with Retry-After")
                        .allSatisfy(answer -> {
                            assertThat(answer.body()).contains("TEMPORARILY_UNAVAILABLE");
                            assertThat(answer.retryAfter()).isEqualTo("5");
                        });
                long firstSuccess = answers.stream()
                        .filter(answer -> answer.status() == 200 && answer.started() >= killed)
                        .mapToLong(Answer::ended)
                        .min()
                        .orElseThrow(() -> new AssertionError("no success after the kill: " + figures));
                // Each connection the pools held on the killed node costs at most the one request using it: the
                // one in flight, or the next to take it from the pool, which finds it broken (the driver then
                // reconnects it to the next node). Nothing failed before the kill.
                assertThat(failed)
                        .as("failures are the requests on the %d connections to the killed node", pooled)
                        .hasSizeLessThanOrEqualTo(pooled)
                        .allSatisfy(answer -> assertThat(answer.ended()).isGreaterThanOrEqualTo(killed));
                for (String node : List.of("A", "B")) {
                    assertThat(answers)
                            .as("Warden %s served after the kill, through the next database node", node)
                            .anyMatch(answer ->
                                    answer.node().equals(node) && answer.status() == 200 && answer.started() > killed);
                }
                figures.put("Warden connections on the killed node", String.valueOf(pooled));
                figures.put("time from kill to first success (ms)", String.valueOf(firstSuccess - killed));
                figures.put(
                        "time from kill to the end of the last failed request (ms)",
                        String.valueOf(
                                failed.stream().mapToLong(Answer::ended).max().orElse(killed) - killed));

                // every acknowledged create, through the other Warden node
                assertThat(acknowledged).as("creates were acknowledged").isNotEmpty();
                Set<String> seenByA = tokenIds(new WardenApi(a.baseUrl()), adminToken);
                Set<String> seenByB = tokenIds(new WardenApi(b.baseUrl()), adminToken);
                for (Acknowledged write : acknowledged) {
                    Set<String> other = write.node().equals("A") ? seenByB : seenByA;
                    assertThat(other)
                            .as("token %s acknowledged by Warden %s, read through the other node", write, write.node())
                            .contains(write.tokenId());
                }
                figures.put(
                        "acknowledged creates, all read back through the other Warden node",
                        String.valueOf(acknowledged.size()));

                // a refused token's refusal is written (a batched INSERT ... SELECT, which MariaDB Connector/J's
                // bulk protocol refuses unless useBulkStmtsForInserts is off)
                WardenApi apiA = new WardenApi(a.baseUrl());
                WardenApi.Response created =
                        apiA.send("POST", "/api/2.0/token/create", adminToken, "{\"comment\":\"galera-refused\"}");
                assertThat(created.status()).as(created.body()).isEqualTo(200);
                JsonNode refused = JSON.readTree(created.body());
                String refusedId = refused.path("token_info").path("token_id").asText();
                WardenApi.Response revoked =
                        apiA.send("POST", "/api/2.0/token/revoke", adminToken, "{\"token_id\":\"" + refusedId + "\"}");
                assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
                WardenApi.Response refusal = new WardenApi(b.baseUrl())
                        .send(
                                "GET",
                                "/api/2.0/preview/scim/v2/Me",
                                refused.path("token_value").asText(),
                                null);
                assertThat(refusal.status())
                        .as("a revoked token, through the other node")
                        .isEqualTo(401);
                awaitRefusalWritten(cluster, cluster.node(2), refusedId);

                // the killed node rejoins
                long restarting = System.nanoTime();
                cluster.restart(used);
                for (int i = 1; i <= cluster.size(); i++) {
                    cluster.awaitSynced(cluster.node(i), 3, Duration.ofSeconds(90));
                }
                figures.put(
                        "time from restart to Synced in a cluster of 3 (ms)", String.valueOf(millisSince(restarting)));
                String ids = acknowledged.stream()
                        .map(write -> "'" + write.tokenId() + "'")
                        .collect(Collectors.joining(","));
                assertThat(cluster.sql(
                                        used,
                                        "SELECT COUNT(*) FROM " + DATABASE + ".access_token WHERE token_id IN (" + ids
                                                + ")")
                                .strip())
                        .as("the rejoined node holds every acknowledged create")
                        .isEqualTo(String.valueOf(acknowledged.size()));
                assertThat(Integer.parseInt(cluster.sql(
                                        used,
                                        "SELECT COUNT(*) FROM " + DATABASE
                                                + ".access_token WHERE MICROSECOND(created_at) <> 0")
                                .strip()))
                        .as("timestamps keep their microseconds through MariaDB Connector/J")
                        .isPositive();
            }
        } finally {
            System.out.println("GaleraClusterIT figures:");
            figures.forEach((name, value) -> System.out.println("  " + name + ": " + value));
        }
    }

    private static Thread client(
            String node,
            WardenApi api,
            String adminToken,
            long start,
            long deadline,
            List<Answer> answers,
            List<Acknowledged> acknowledged) {
        Runnable load = () -> {
            for (int n = 0; n < MAX_REQUESTS_PER_CLIENT && System.nanoTime() < deadline; n++) {
                boolean write = n % 4 == 0;
                String comment = "galera-" + node + "-" + n;
                long started = millisSince(start);
                WardenApi.Response response;
                try {
                    response = write
                            ? api.send(
                                    "POST",
                                    "/api/2.0/token/create",
                                    adminToken,
                                    "{\"comment\":\"" + comment + "\",\"lifetime_seconds\":3600}")
                            : api.send("GET", "/api/2.0/preview/scim/v2/Me", adminToken, null);
                } catch (UncheckedIOException e) {
                    // no HTTP answer at all (Warden itself is up, so this would be a fault): status 0 fails the test
                    answers.add(new Answer(
                            node, write ? "create" : "read", started, millisSince(start), 0, e.toString(), null));
                    continue;
                }
                answers.add(new Answer(
                        node,
                        write ? "create" : "read",
                        started,
                        millisSince(start),
                        response.status(),
                        response.status() == 200 ? "" : response.body(),
                        response.header("Retry-After")));
                if (write && response.status() == 200) {
                    acknowledged.add(new Acknowledged(
                            node,
                            JSON.readTree(response.body())
                                    .path("token_info")
                                    .path("token_id")
                                    .asText(),
                            comment));
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        };
        return new Thread(load, "galera-load-" + node);
    }

    private static void awaitRefusalWritten(GaleraCluster cluster, GaleraCluster.Node node, String tokenId)
            throws InterruptedException {
        String count = "SELECT COUNT(*) FROM " + DATABASE + ".token_refusal WHERE token_id = '" + tokenId + "'";
        long giveUp = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (cluster.sql(node, count).strip().equals("0")) {
            assertThat(System.nanoTime())
                    .as("the refusal of %s is written within 20 s", tokenId)
                    .isLessThan(giveUp);
            Thread.sleep(200);
        }
    }

    private static Set<String> tokenIds(WardenApi api, String adminToken) {
        WardenApi.Response list = api.listTokens(adminToken);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        Set<String> ids = new HashSet<>();
        for (JsonNode token : JSON.readTree(list.body()).path("token_infos")) {
            ids.add(token.path("token_id").asText());
        }
        return ids;
    }

    private static int connectionsOf(GaleraCluster cluster, GaleraCluster.Node node) {
        return Integer.parseInt(
                cluster.sql(node, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = '" + USER + "'")
                        .strip());
    }

    private static void report(Map<String, String> figures, List<Answer> answers, long killed) {
        figures.put("requests made", String.valueOf(answers.size()));
        figures.put("kill at (ms into the load)", String.valueOf(killed));
        Map<Integer, Long> byStatus =
                answers.stream().collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting()));
        figures.put("answers by status", byStatus.toString());
        List<Answer> failed =
                answers.stream().filter(answer -> answer.status() != 200).toList();
        figures.put("requests failed", String.valueOf(failed.size()));
        figures.put(
                "failed (node kind started..ended ms: status)",
                failed.stream()
                        .map(answer -> answer.node() + " " + answer.kind() + " " + answer.started() + ".."
                                + answer.ended() + ": " + answer.status())
                        .collect(Collectors.joining("; ")));
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
