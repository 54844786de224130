package dev.warden.web.shared;

import dev.warden.web.shared.BadInputCorpus.Case;
import dev.warden.web.support.RawHttp.Answer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hand-written part of the bad-input corpus, each case with what its answer must be beyond the common rules:
 * RFC 6750 challenges, request lines and headers only a socket can send, the page tokens and %-escapes that gave
 * 500, a 405, form bodies over Tomcat's limits.
 */
final class HandWrittenCases {
    private static final String BEARER = CorpusFixtures.BEARER;

    private HandWrittenCases() {}

    static Map<Case, Predicate<Answer>> all(CorpusFixtures fixtures, JsonNode spec) {
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
}
