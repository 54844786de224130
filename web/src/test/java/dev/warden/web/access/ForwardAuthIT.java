package dev.warden.web.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Principal;
import dev.warden.core.service.RegisteredService;
import dev.warden.core.token.TokenDigest;
import dev.warden.core.token.TokenRefusalRecorder;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenUseRecorder;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.RawHttp;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Forward authentication over real HTTP, as a reverse proxy calls it: the original request's Authorization header,
 * one scope in the query, and the answer in the status and the {@code X-Warden-*} headers.
 */
@WardenSpringBootTest
class ForwardAuthIT {
    private static final String PATH = "/api/2.0/forward-auth";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    TokenUseRecorder uses;

    @Autowired
    MeterRegistry meters;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    TestData data;
    RegisteredService wiki;
    String read;
    String write;

    @BeforeEach
    void aRegisteredService() {
        data = TestData.of(context);
        String name = "wiki" + TestData.unique("x").substring(2, 8);
        read = name + ":read";
        write = name + ":write";
        wiki = data.service(name, read, write);
    }

    private Principal userWith(String... permissions) {
        Principal user = data.user("forwarded");
        data.assign(
                data.customRole(
                        TestData.unique("role"),
                        Arrays.stream(permissions).map(data::permission).toArray(Permission[]::new)),
                user,
                null);
        return user;
    }

    private HttpResponse<String> call(String method, String query, String authorization) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + PATH + (query == null ? "" : "?" + query)))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String scope, String token) {
        return call("GET", "scope=" + scope, token == null ? null : "Bearer " + token);
    }

    private static String header(HttpResponse<String> answer, String name) {
        return answer.headers().firstValue(name).orElse(null);
    }

    /** Tests share one application; others expect the catalogue to hold Warden's own permissions only. */
    @AfterEach
    void removeTheServices() {
        data.removeServices();
    }

    @Test
    void aTokenWithTheScopeIsAllowedWithWhoItIsAndItsScopesOfThatService() {
        Principal user = userWith(read, write, "tokens:read");
        String token = data.scopedToken(user, read, write, "tokens:read");

        for (String method : new String[] {"GET", "HEAD"}) {
            HttpResponse<String> answer = call(method, "scope=" + read, "Bearer " + token);

            assertThat(answer.statusCode()).as(method + " " + answer.body()).isEqualTo(200);
            assertThat(header(answer, "X-Warden-Principal")).isEqualTo(user.userName());
            assertThat(header(answer, "X-Warden-Principal-Id")).isEqualTo(String.valueOf(user.id()));
            assertThat(header(answer, "X-Warden-Scopes")).isEqualTo(read + " " + write);
            assertThat(header(answer, "Cache-Control")).contains("no-store");
        }
    }

    @Test
    void aRevokedTokenIs401AndATokenWithoutTheScope403WithTheChallengeAndTheReason() {
        String writer = data.scopedToken(userWith(read, write), write);
        String revoked = data.scopedToken(userWith(read), read);
        ApiClient.Response revoking = new ApiClient(port)
                .post(
                        "/api/2.0/token-management/tokens/" + tokenId(revoked) + "/revoke",
                        WardenSpringBootTest.ADMIN_TOKEN,
                        "{}");
        assertThat(revoking.status()).as(revoking.toString()).isEqualTo(200);

        HttpResponse<String> forbidden = get(read, writer);
        HttpResponse<String> gone = get(read, revoked);
        HttpResponse<String> none = get(read, null);

        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(header(forbidden, "X-Warden-Reason")).isEqualTo("SCOPE_MISSING");
        assertThat(header(forbidden, "WWW-Authenticate"))
                .isEqualTo("Bearer realm=\"warden\", error=\"insufficient_scope\", scope=\"" + read + "\"");
        assertThat(JSON.readTree(forbidden.body()).path("error_code").asString())
                .isEqualTo("PERMISSION_DENIED");
        assertThat(gone.statusCode()).isEqualTo(401);
        assertThat(header(gone, "X-Warden-Reason")).isEqualTo("TOKEN_REVOKED");
        assertThat(header(gone, "WWW-Authenticate")).isEqualTo("Bearer realm=\"warden\", error=\"invalid_token\"");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(header(none, "X-Warden-Reason")).isEqualTo("TOKEN_MISSING");
        assertThat(header(none, "WWW-Authenticate")).isEqualTo("Bearer realm=\"warden\"");
        assertThat(header(none, "X-Warden-Principal")).isNull();
    }

    /** The token's id, read without using the token (a use would change its last use). */
    private String tokenId(String token) {
        return context.getBean(TokenRepository.class)
                .findByDigestWithVersion(TokenDigest.of(token))
                .orElseThrow()
                .token()
                .id()
                .value();
    }

    @Test
    void aRoleChangeTakesEffectOnTheNextCall() {
        Principal user = data.user("changing");
        var role = data.customRole(TestData.unique("role"), data.permission(read));
        var held = data.assign(role, user, null);
        String token = data.scopedToken(user, read);
        assertThat(get(read, token).statusCode()).isEqualTo(200);

        context.getBean(dev.warden.core.role.RoleService.class).unassign(data.admin(), held.id());

        HttpResponse<String> after = get(read, token);
        assertThat(after.statusCode()).isEqualTo(403);
        assertThat(header(after, "X-Warden-Reason")).isEqualTo("ROLE_LACKS_PERMISSION");
    }

    @Test
    void badInputIs400NamingTheScopeNever5xx() {
        String token = data.scopedToken(userWith(read), read);
        String bearer = "Bearer " + token;

        for (String query : new String[] {
            null,
            "scope=",
            "scope=WIKI",
            "scope=all-apis",
            "scope=" + wiki.name() + ":nope",
            "scope=tokens:read",
            "scope=nosuch:read",
            "scope=" + read + "&scope=" + write,
            "scope=" + "a".repeat(5000) + ":read"
        }) {
            HttpResponse<String> answer = call("GET", query, bearer);
            assertThat(answer.statusCode()).as(query + " " + answer.body()).isEqualTo(400);
            JsonNode error = JSON.readTree(answer.body());
            assertThat(error.path("error_code").asString()).isEqualTo("INVALID_PARAMETER_VALUE");
        }
        RawHttp.Answer badEscape = new RawHttp(port)
                .send(RawHttp.request("GET", PATH + "?scope=%zz", Map.of("Authorization", bearer), null));
        assertThat(badEscape.status()).as(badEscape.body()).isEqualTo(400);
        HttpResponse<String> post = call("POST", "scope=" + read, bearer);
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(header(post, "Allow")).isEqualTo("GET, HEAD");
        for (String garbage :
                new String[] {"Bearer garbage", "Basic dXNlcjpwdw==", "Bearer", "Bearer " + "x".repeat(9000)}) {
            HttpResponse<String> answer = call("GET", "scope=" + read, garbage);
            assertThat(answer.statusCode())
                    .as(garbage.substring(0, Math.min(20, garbage.length())))
                    .isIn(400, 401);
        }
    }

    @Test
    void aTokenOfAnotherWorkspaceDoesNotFindTheScope() {
        HttpResponse<String> answer = get(read, data.otherWorkspace().adminToken());

        assertThat(answer.statusCode()).isEqualTo(400);
    }

    @Test
    void theUseIsRecordedWithTheServiceAndCounted() {
        String token = data.scopedToken(userWith(read), read);
        double before = forwardAuthCount("active");

        get(read, token);
        uses.flushAll();

        JsonNode info = new ApiClient(port)
                .get("/api/2.0/token-management/tokens/" + tokenId(token), WardenSpringBootTest.ADMIN_TOKEN)
                .json()
                .path("token_info");
        assertThat(info.path("last_used_service").asString()).isEqualTo(wiki.name());
        assertThat(forwardAuthCount("active")).isEqualTo(before + 1);
    }

    /**
     * Issue 16: a refusal of the token at the relying service is kept among its recent refusals, with the method and
     * path the proxy forwarded (without the query string).
     */
    @Test
    void aRefusalIsKeptWithTheForwardedMethodAndPath() throws Exception {
        String token = data.scopedToken(userWith(read), read);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PATH + "?scope=" + write))
                .header("Authorization", "Bearer " + token)
                .header("X-Forwarded-Method", "PUT")
                .header("X-Forwarded-Uri", "/wiki/pages/42?secret=hunter2")
                .GET()
                .build();

        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        context.getBean(TokenRefusalRecorder.class).flush();

        assertThat(answer.statusCode()).isEqualTo(403);
        JsonNode refusals = new ApiClient(port)
                .get("/api/2.0/access/refusals?token_id=" + tokenId(token), WardenSpringBootTest.ADMIN_TOKEN)
                .json()
                .path("refusals");
        assertThat(refusals).hasSize(1);
        assertThat(refusals.get(0).path("method").asString()).isEqualTo("PUT");
        assertThat(refusals.get(0).path("path").asString()).isEqualTo("/wiki/pages/42");
        assertThat(refusals.get(0).path("reason").asString()).isEqualTo("ROLE_LACKS_PERMISSION");
    }

    private double forwardAuthCount(String result) {
        return meters.find(ServiceAccessMetrics.FORWARD_AUTH).tag("result", result).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    /** The one exemption from "every API route declares its permission": no MVC handler serves this path. */
    @Test
    void noHandlerIsMappedAtTheForwardAuthPath() {
        assertThat(mappings.getHandlerMethods().keySet())
                .allSatisfy(info -> assertThat(info.getPatternValues()).doesNotContain(PATH));
    }
}
