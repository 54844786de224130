package dev.warden.web.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.group.Group;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.persistence.EmbeddedMariaDb;
import dev.warden.web.shared.BadInputCorpus.Case;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.DatabaseSnapshot;
import dev.warden.web.support.RawHttp;
import dev.warden.web.support.RawHttp.Answer;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bad-input corpus, over real HTTP against Warden on MariaDB, authenticated as a workspace admin so every request
 * reaches validation: the cases {@link BadInputCorpus} generates from {@code /v3/api-docs} plus hand-written ones
 * (malformed request lines and headers, credentials, crafted page tokens, the console's pager and password).
 *
 * <p>Every answer: no 5xx; no 2xx from an operation that changes state (the corpus holds only invalid variants);
 * under {@code /api/} every non-2xx answer is JSON with an {@code error_code}; a 400 to a
 * case that targets one field names that field; a 405 lists {@code Allow} and names the method sent; no input is
 * echoed beyond 200 characters. And the state (tokens, directory, groups, roles and assignments, the token usage
 * list, settings) is the same after the corpus as before it. The counts are printed for the closing note.
 */
@WardenSpringBootTest
class BadInputCorpusIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BEARER = "Bearer " + WardenSpringBootTest.ADMIN_TOKEN;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void onMariaDb(DynamicPropertyRegistry registry) {
        EmbeddedMariaDb.registerNewDatabase(registry, "bad_input_corpus");
    }

    /** One answer and what the case expects beyond the common rules (null when nothing more). */
    private record Outcome(Case request, Answer answer, Predicate<Answer> expected, String failure) {}

    @Test
    void noBadRequestGetsA5xxOrNonJsonOrChangesState() throws Exception {
        long started = System.nanoTime();
        ApiClient api = new ApiClient(port);
        Fixtures fixtures = Fixtures.make(TestData.of(context), api);
        ConsoleSession console = new ConsoleSession(port);
        assertThat(console.logIn("admin", WardenSpringBootTest.ADMIN_PASSWORD)).isEqualTo("/");

        JsonNode spec = api.get("/v3/api-docs", null).json();
        List<Case> generated = BadInputCorpus.generate(spec, fixtures);
        Map<Case, Predicate<Answer>> handWritten = handWritten(fixtures, spec);
        DatabaseSnapshot before = DatabaseSnapshot.take(jdbc);

        List<Outcome> outcomes = new ArrayList<>();
        RawHttp http = new RawHttp(port);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Outcome>> pending = new ArrayList<>();
            for (Case c : generated) {
                pending.add(pool.submit(() -> judge(c, http.send(c.bytes()), null)));
            }
            handWritten.forEach((c, expected) ->
                    pending.add(pool.submit(() -> judge(c, http.send(c.bytes()), expected))));
            for (Future<Outcome> outcome : pending) {
                outcomes.add(outcome.get());
            }
        } finally {
            pool.shutdownNow();
        }
        ConsoleRun consoleRun = consoleCases(console);
        DatabaseSnapshot after = DatabaseSnapshot.take(jdbc);
        Map<String, String> stateChanges = before.differencesTo(after);

        long fiveHundreds =
                outcomes.stream().filter(o -> o.answer().status() >= 500).count();
        long nonJson = outcomes.stream()
                .filter(o -> o.request().api() && !isSuccess(o.answer()) && !isJsonError(o.answer()))
                .count();
        List<String> failures = new ArrayList<>();
        outcomes.stream().filter(o -> o.failure() != null).forEach(o -> failures.add(o.failure()));
        failures.addAll(consoleRun.failures());
        stateChanges.forEach((table, change) -> failures.add("state changed in " + table + ": " + change));
        int requests = outcomes.size() + consoleRun.requests();
        System.out.printf(
                Locale.ROOT,
                "%nBad-input corpus on MariaDB: %d requests (%d generated from /v3/api-docs, %d hand-written API and"
                        + " raw, %d console) in %.1f s: %d 5xx, %d non-JSON /api errors, %d state changes (%d tables,"
                        + " %d rows compared), %d failed checks.%n",
                requests,
                generated.size(),
                handWritten.size(),
                consoleRun.requests(),
                (System.nanoTime() - started) / 1e9,
                fiveHundreds,
                nonJson,
                stateChanges.size(),
                DatabaseSnapshot.TABLES.size(),
                before.rowCount(),
                failures.size());
        failures.stream().limit(60).forEach(failure -> System.out.println("  " + failure));
        List<String> report = new ArrayList<>(failures);
        outcomes.stream()
                .filter(o -> isSuccess(o.answer()) && !o.request().method().equals("GET"))
                .forEach(o -> report.add(
                        "accepted: " + o.request().name() + " -> " + o.answer().status()));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "bad-input-corpus.txt"), report);

        assertThat(requests).isGreaterThanOrEqualTo(1_000);
        assertThat(failures).as("failed checks (first 60 printed above)").isEmpty();
    }

    // ---- the rules every answer must keep ----

    private static Outcome judge(Case c, Answer answer, Predicate<Answer> expected) {
        String why = null;
        if (answer.status() >= 500) {
            why = "5xx";
        } else if (c.api() && !isSuccess(answer) && !isJsonError(answer)) {
            why = "not a JSON error";
        } else if (c.field() != null && answer.status() == 400 && !namesField(answer, c.field())) {
            why = "400 does not name " + c.field();
        } else if (c.write() && isSuccess(answer)) {
            why = "a write accepted bad input";
        } else if (c.api() && answer.status() == 405 && !names405(c, answer)) {
            why = "405 without Allow or naming another method";
        } else if (answer.body()
                .contains(String.valueOf(BadInputCorpus.HUGE_CHAR).repeat(201))) {
            why = "echoes more than 200 characters of input";
        } else if (expected != null && !expected.test(answer)) {
            why = "not as expected";
        }
        String failure = why == null
                ? null
                : why + ": " + c.name() + " -> " + answer.status() + " "
                        + answer.body()
                                .substring(0, Math.min(400, answer.body().length()))
                                .replace('\n', ' ');
        return new Outcome(c, answer, expected, failure);
    }

    private static boolean isSuccess(Answer answer) {
        return answer.status() >= 200 && answer.status() < 300;
    }

    private static boolean isJsonError(Answer answer) {
        String type = answer.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            return false;
        }
        try {
            return !JSON.readTree(answer.body()).path("error_code").asString("").isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The field the 400 names is the one targeted, the object holding it, a part of it, or the same leaf. */
    private static boolean namesField(Answer answer, String target) {
        String named = fieldOf(answer);
        if (named == null || named.isEmpty()) {
            return false;
        }
        return named.equals(target)
                || target.startsWith(named + ".")
                || target.startsWith(named + "[")
                || named.startsWith(target + ".")
                || named.startsWith(target + "[")
                || leaf(named).equals(leaf(target));
    }

    private static String fieldOf(Answer answer) {
        try {
            return JSON.readTree(answer.body())
                    .path("details")
                    .path(0)
                    .path("metadata")
                    .path("field")
                    .asString(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String leaf(String field) {
        String bare = field.replaceAll("\\[\\d+]", "");
        return bare.substring(bare.lastIndexOf('.') + 1);
    }

    private static boolean names405(Case c, Answer answer) {
        String message = JSON.readTree(answer.body()).path("message").asString("");
        return answer.header("Allow") != null && (c.raw() != null || message.contains(" " + c.method() + ";"));
    }

    // ---- hand-written cases ----

    private static Map<Case, Predicate<Answer>> handWritten(Fixtures fixtures, JsonNode spec) {
        Map<Case, Predicate<Answer>> cases = new LinkedHashMap<>();
        String list = "/api/2.0/token/list";

        // RFC 6750: no credentials, no error code; a bad token, invalid_token; other schemes named as such
        cases.put(
                get("no credentials", list, Map.of()),
                a -> a.status() == 401 && "Bearer realm=\"warden\"".equals(a.header("WWW-Authenticate")));
        cases.put(
                get("Basic credentials", list, Map.of("Authorization", "Basic YWRtaW46YWRtaW4=")),
                a -> a.status() == 401
                        && "Bearer realm=\"warden\"".equals(a.header("WWW-Authenticate"))
                        && a.body().contains("Bearer tokens")
                        && !a.body().contains("No access token was presented"));
        cases.put(
                get("Digest credentials", list, Map.of("Authorization", "Digest username=\"a\"")),
                a -> a.status() == 401);
        cases.put(get("empty Bearer", list, Map.of("Authorization", "Bearer ")), a -> a.status() == 401);
        cases.put(
                get("garbage Bearer", list, Map.of("Authorization", "Bearer not-a-token")),
                a -> a.status() == 401 && a.header("WWW-Authenticate").contains("error=\"invalid_token\""));
        cases.put(
                get(
                        "well-formed deleted token",
                        list,
                        Map.of("Authorization", "Bearer " + fixtures.deletedTokenSecret)),
                a -> a.status() == 401 && a.header("WWW-Authenticate").contains("error=\"invalid_token\""));
        cases.put(
                get("Bearer over the header limit", list, Map.of("Authorization", "Bearer " + "a".repeat(10_000))),
                a -> a.status() == 400);
        cases.put(
                get("Bearer with a control character", list, Map.of("Authorization", "Bearer a\u0001b")),
                a -> a.status() < 500);

        // request lines and headers Tomcat refuses before any filter runs: JSON all the same
        String token = "Authorization: " + BEARER + "\r\n";
        for (String line : List.of(
                "GET /api/2.0/tok|en/list HTTP/1.1",
                "GET /api/2.0/token/list?a={b} HTTP/1.1",
                "GET /api/2.0/token/list?a=\"b\" HTTP/1.1",
                "GET /api/2.0/token/list\\ HTTP/1.1",
                "GET /api/2.0/token/list?a=b c HTTP/1.1",
                "GET /api/2.0/token/list?a=\u00e9 HTTP/1.1",
                "GET /api/2.0/token/list HTTP/9.9",
                "GET /api/2.0/token/list HTTP/2.0",
                "GET /api/2.0/token/list HTTP/1.1 extra",
                "GET /api/2.0/token/list HTTPS/1.1",
                "G(T /api/2.0/token/list HTTP/1.1",
                "get /api/2.0/token/list HTTP/1.1",
                "GET  /api/2.0/token/list HTTP/1.1",
                "GET api/2.0/token/list HTTP/1.1",
                "GET * HTTP/1.1",
                "GET http://127.0.0.1/api/2.0/token/list HTTP/1.1",
                "GET /api/2.0/token/list#fragment HTTP/1.1",
                "GET /api/" + "a/".repeat(5_000) + " HTTP/1.1",
                "GET /api/2.0/token/list?" + "a=1&".repeat(1_100) + " HTTP/1.1",
                "GET /api/2.0/token/list?a=%zz&b=%E0%A4 HTTP/1.1")) {
            cases.put(raw("request line " + BadInputCorpus.abbreviate(line), line + "\r\nHost: x\r\n" + token), null);
        }
        for (String headers : List.of(
                "Host: x\r\nBad Header: y\r\n",
                "Host: x\r\nNoColon\r\n",
                "Host: x\r\nX-Folded: a\r\n b\r\n",
                "Host: x\r\nHost: y\r\n",
                "",
                "Host: x\r\nContent-Length: abc\r\n",
                "Host: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
                "Host: x\r\nContent-Length: -1\r\n",
                "Host: x\r\nTransfer-Encoding: gzip\r\n",
                "Host: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n",
                "Host: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n",
                "Host: x\r\nX-Value: \u00ff\u0001\r\n",
                "Host: x\r\nX-Big: " + "b".repeat(9_000) + "\r\n",
                "Host: x\r\nExpect: 100-banana\r\n",
                "Host: x\r\nContent-Type: application/json; charset=\u00e9\r\n")) {
            cases.put(
                    raw(
                            "headers " + BadInputCorpus.abbreviate(headers),
                            "GET /api/2.0/token/list HTTP/1.1\r\n" + token + headers),
                    null);
        }
        cases.put(
                Case.raw("TLS on the plain port", new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00}), null);
        cases.put(
                Case.raw("binary garbage", new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, 0x01, '\r', '\n', '\r', '\n'}),
                null);

        // the page tokens that gave 500: out of DATETIME's range, overflowing, or not what the API hands out
        for (String plain : List.of(
                "NEWEST:9223372036854775807:999999999999:abc",
                "NEWEST:31556889864403199:0:abc",
                "NEWEST:-99999999999:0:abc",
                "NEWEST:1:-5:abc",
                "NEWEST:1:1:",
                "NEWEST:1:1:" + "a".repeat(500),
                "NEWEST:1:1:a b",
                "NEWEST:-:-:\u0000",
                "OLDEST:1:1:abc",
                "NEWEST:x:y:abc",
                "NEWEST",
                "")) {
            String pageToken =
                    Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
            cases.put(
                    new Case(
                            "crafted page_token " + BadInputCorpus.abbreviate(plain),
                            "GET",
                            "/api/2.0/token-management/tokens?page_size=5&page_token=" + pageToken,
                            fixtures.headers(),
                            null,
                            "page_token"),
                    a -> a.status() == 400 || (plain.isEmpty() && a.status() == 200));
        }
        cases.put(
                new Case(
                        "page_token not base64",
                        "GET",
                        "/api/2.0/token-management/tokens?page_token=%21%21%21",
                        fixtures.headers(),
                        null,
                        "page_token"),
                a -> a.status() == 400);

        // a malformed %-escape on every operation, in a parameter no endpoint reads: named, and nothing runs
        for (Map.Entry<String, JsonNode> path : spec.path("paths").properties()) {
            for (String method : path.getValue().propertyNames()) {
                String verb = method.toUpperCase(Locale.ROOT);
                ObjectNode body = fixtures.baseline(verb, path.getKey());
                if (!verb.equals("GET") && body == null) {
                    continue; // a bodiless write on a real resource would be valid but for the query
                }
                cases.put(
                        new Case(
                                verb + " " + path.getKey() + " with ?stray=%zz",
                                verb,
                                fixtures.realPath(path.getKey()) + "?stray=%zz",
                                body == null ? fixtures.headers() : fixtures.jsonHeaders(),
                                body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8),
                                "stray"),
                        a -> a.status() == 400);
            }
        }

        // a 405 lists what the endpoint takes and names the method sent
        cases.put(
                new Case("DELETE on the token list", "DELETE", list, fixtures.headers(), null, null),
                a -> a.status() == 405
                        && a.header("Allow").contains("GET")
                        && a.body().contains("DELETE"));

        // form bodies: over Tomcat's size limit, and over its parameter count
        Map<String, String> form = new LinkedHashMap<>(fixtures.headers());
        form.put("Content-Type", "application/x-www-form-urlencoded");
        cases.put(
                new Case(
                        "form body over 2 MB",
                        "POST",
                        "/api/2.0/token/create",
                        form,
                        ("a=" + "b".repeat(2_200_000)).getBytes(StandardCharsets.UTF_8),
                        null),
                a -> a.status() == 413 || a.status() == 400 || a.status() == 415);
        cases.put(
                new Case(
                        "1 100 form parameters",
                        "POST",
                        "/api/2.0/token/create",
                        form,
                        "a=1&".repeat(1_100).getBytes(StandardCharsets.UTF_8),
                        null),
                a -> a.status() == 400 || a.status() == 415);
        cases.put(
                new Case(
                        "JSON body of 3 MB",
                        "POST",
                        "/api/2.0/token/create",
                        fixtures.jsonHeaders(),
                        ("{\"comment\":" + BadInputCorpus.json("y".repeat(3_000_000)) + "}")
                                .getBytes(StandardCharsets.UTF_8),
                        "comment"),
                a -> a.status() == 400);
        cases.put(get("Accept XML only", list, Map.of("Authorization", BEARER, "Accept", "application/xml")), null);
        return cases;
    }

    private static Case get(String name, String target, Map<String, String> headers) {
        return new Case(name, "GET", target, headers, null, null);
    }

    private static Case raw(String name, String headLines) {
        return Case.raw(name, (headLines + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    }

    // ---- the console: its pager and its password field (not /api: only "no 5xx", and the right answer) ----

    private record ConsoleRun(int requests, List<String> failures) {}

    private ConsoleRun consoleCases(ConsoleSession console) {
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (String list :
                List.of("/settings/admin/users", "/settings/admin/service-principals", "/settings/admin/groups")) {
            for (String page : List.of("2147483647", "1073741824", "99999999999", "-2147483648", "abc", "1e9")) {
                HttpResponse<String> answer = console.get(list + "?page=" + page);
                requests++;
                if (answer.statusCode() >= 500) {
                    failures.add("console " + list + "?page=" + page + " -> " + answer.statusCode());
                }
            }
        }
        for (String password : List.of("p".repeat(73), "é".repeat(37), "p".repeat(10_000))) {
            HttpResponse<String> answer = console.postForm(
                    "/settings/admin/users",
                    Map.of("userName", TestData.unique("corpus-pw"), "displayName", "pw", "password", password),
                    true);
            requests++;
            if (answer.statusCode() >= 500 || !answer.body().contains("at most 72 bytes")) {
                failures.add("console new user with a " + password.getBytes(StandardCharsets.UTF_8).length
                        + "-byte password -> " + answer.statusCode() + " without the form error");
            }
            String location = new ConsoleSession(port).logIn("corpus-nobody", password);
            requests += 2;
            if (!location.endsWith("?error")) {
                failures.add("console log-in with a long password -> " + location);
            }
        }
        // a name with a control character: refused by core's rule, shown next to the field
        Map<String, Map<String, String>> forms = Map.of(
                "/settings/admin/groups", Map.of("displayName", "tab\there"),
                "/settings/admin/users",
                        Map.of(
                                "userName",
                                TestData.unique("corpus-cc"),
                                "displayName",
                                "bell\u0007",
                                "password",
                                "long-enough-password"),
                "/settings/user/tokens", Map.of("name", "line\nbreak", "scopes", "all-apis", "lifetimeDays", "30"));
        for (Map.Entry<String, Map<String, String>> form : forms.entrySet()) {
            HttpResponse<String> answer = console.postForm(form.getKey(), form.getValue(), true);
            requests++;
            if (answer.statusCode() >= 500 || !answer.body().contains("control characters")) {
                failures.add("console " + form.getKey() + " with a control character in a name -> "
                        + answer.statusCode() + " without the form error");
            }
        }
        return new ConsoleRun(requests, failures);
    }

    /** The valid resources the corpus points at, made before the snapshot, and valid bodies to spoil. */
    static final class Fixtures implements BadInputCorpus.Fixtures {
        private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

        Principal user;
        Principal servicePrincipal;
        Group group;
        Role role;
        RoleAssignment assignment;
        String ownTokenId;
        String groupTokenId;
        String deletedTokenSecret;

        static Fixtures make(TestData data, ApiClient api) {
            Fixtures fixtures = new Fixtures();
            fixtures.user = data.user("corpus", BuiltInRole.USER);
            data.token(fixtures.user);
            fixtures.servicePrincipal = data.servicePrincipal("corpus sp");
            data.grantTokenUsage(fixtures.servicePrincipal);
            fixtures.group = data.group(TestData.unique("corpus-group"), fixtures.user);
            fixtures.role = data.customRole(TestData.unique("corpus-role"), Permission.TOKENS_READ);
            fixtures.assignment = data.assign(fixtures.role, fixtures.user, null);
            String admin = WardenSpringBootTest.ADMIN_TOKEN;
            fixtures.ownTokenId = api.post("/api/2.0/token/create", admin, "{\"comment\":\"corpus own\"}")
                    .json()
                    .path("token_info")
                    .path("token_id")
                    .asString();
            fixtures.groupTokenId = api.post(
                            "/api/2.0/groups/" + fixtures.group.id().value() + "/tokens",
                            admin,
                            "{\"comment\":\"corpus group\",\"role\":\"group-member\"}")
                    .json()
                    .path("token_info")
                    .path("token_id")
                    .asString();
            JsonNode deleted = api.post("/api/2.0/token/create", admin, "{\"comment\":\"corpus deleted\"}")
                    .json();
            fixtures.deletedTokenSecret = deleted.path("token_value").asString();
            api.post(
                    "/api/2.0/token/delete",
                    admin,
                    "{\"token_id\":\""
                            + deleted.path("token_info").path("token_id").asString() + "\"}");
            assertThat(fixtures.ownTokenId).isNotEmpty();
            assertThat(fixtures.groupTokenId).isNotEmpty();
            return fixtures;
        }

        @Override
        public String pathValue(String path, String parameter) {
            if (parameter.equals("group_id")) {
                return String.valueOf(group.id().value());
            }
            if (parameter.equals("token_id")) {
                return path.startsWith("/api/2.0/groups/") ? groupTokenId : ownTokenId;
            }
            if (path.contains("/Users/")) {
                return String.valueOf(user.id().value());
            }
            if (path.contains("/ServicePrincipals/")) {
                return String.valueOf(servicePrincipal.id().value());
            }
            if (path.contains("/Groups/")) {
                return String.valueOf(group.id().value());
            }
            if (path.startsWith("/api/2.0/roles/")) {
                return String.valueOf(role.id().value());
            }
            if (path.startsWith("/api/2.0/role-assignments/")) {
                return String.valueOf(assignment.id().value());
            }
            return "0";
        }

        /** The path with every parameter naming a real resource. */
        String realPath(String path) {
            String filled = path;
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
            while (m.find()) {
                filled = filled.replace(m.group(), pathValue(path, m.group(1)));
            }
            return filled;
        }

        @Override
        public ObjectNode baseline(String method, String path) {
            String scim = "/api/2.0/preview/scim/v2/";
            String body = switch (method + " " + path) {
                case "POST /api/2.0/token/create" -> "{'comment':'corpus'}";
                case "POST /api/2.0/token/revoke", "POST /api/2.0/token/restore", "POST /api/2.0/token/delete" -> "{}";
                case "POST /api/2.0/token-management/tokens/{token_id}/rotate" -> "{}";
                case "POST /api/2.0/token-management/tokens/bulk-revoke",
                        "POST /api/2.0/token-management/tokens/bulk-revoke/preview" ->
                    "{'reason':'corpus','owner_id':" + user.id().value() + "}";
                case "POST /api/2.0/token-management/organisation-tokens" -> "{'comment':'corpus','role':'user'}";
                case "POST /api/2.0/groups/{group_id}/tokens" -> "{'comment':'corpus','role':'group-member'}";
                case "POST /api/2.0/token-management/on-behalf-of/tokens" ->
                    "{'application_id':'" + servicePrincipal.applicationId() + "','comment':'corpus'}";
                case "POST /api/2.0/roles" ->
                    "{'name':'" + TestData.unique("corpus") + "','description':'corpus','permissions':['tokens:read']}";
                case "PATCH /api/2.0/roles/{id}", "PATCH /api/2.0/workspace-conf" -> "{}";
                case "POST /api/2.0/role-assignments" ->
                    "{'role_id':" + role.id().value() + ",'principal_id':"
                            + servicePrincipal.id().value() + "}";
                case "PATCH /api/2.0/token/{token_id}", "PATCH /api/2.0/token-management/tokens/{token_id}" ->
                    "{'scopes':['all-apis']}";
                case "PUT /api/2.0/permissions/authorization/tokens",
                        "PATCH /api/2.0/permissions/authorization/tokens",
                        "PUT /api/2.0/preview/permissions/authorization/tokens",
                        "PATCH /api/2.0/preview/permissions/authorization/tokens" ->
                    "{'access_control_list':[{'user_name':'" + user.userName() + "','permission_level':'CAN_USE'}]}";
                case "POST /api/2.0/access/check" ->
                    "{'token_id':'" + ownTokenId + "','method':'GET','path':'/api/2.0/token/list'}";
                default -> scim(method, path.startsWith(scim) ? path.substring(scim.length()) : null);
            };
            return body == null ? null : (ObjectNode) JSON.readTree(body.replace('\'', '"'));
        }

        private String scim(String method, String resource) {
            if (resource == null) {
                return null;
            }
            return switch (method + " " + resource) {
                case "POST Users" -> "{'userName':'" + TestData.unique("corpus-new") + "'}";
                case "PUT Users/{id}" ->
                    "{'userName':'" + user.userName() + "','displayName':'" + user.displayName() + "','active':true}";
                case "POST ServicePrincipals" -> "{'displayName':'corpus new sp'}";
                case "PUT ServicePrincipals/{id}" ->
                    "{'displayName':'" + servicePrincipal.displayName() + "','applicationId':'"
                            + servicePrincipal.applicationId() + "','active':true}";
                case "POST Groups" -> "{'displayName':'" + TestData.unique("corpus-new") + "'}";
                case "PUT Groups/{id}" ->
                    "{'displayName':'" + group.displayName() + "','members':[{'value':'"
                            + user.id().value() + "'}]}";
                case "PATCH Users/{id}" -> patch(user.displayName());
                case "PATCH ServicePrincipals/{id}" -> patch(servicePrincipal.displayName());
                case "PATCH Groups/{id}" -> patch(group.displayName());
                default -> null;
            };
        }

        private static String patch(String displayName) {
            return "{'schemas':['" + PATCH_OP + "'],'Operations':[{'op':'replace','path':'displayName','value':'"
                    + displayName + "'}]}";
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Authorization", BEARER);
        }

        Map<String, String> jsonHeaders() {
            return Map.of("Authorization", BEARER, "Content-Type", "application/json");
        }
    }
}
