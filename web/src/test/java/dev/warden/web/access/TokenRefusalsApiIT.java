package dev.warden.web.access;

import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenRefusalRecorder;
import dev.warden.core.token.TokenService;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/2.0/access/refusals} over real HTTP (issue 16): a refused request through the real stack is queued,
 * written by the flush, and then listed newest first with the shape the issue gives, without its query string; who
 * may ask is who may ask about the token's scopes.
 */
@WardenSpringBootTest
class TokenRefusalsApiIT {
    private static final String REFUSALS = "/api/2.0/access/refusals?token_id=";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    TokenService tokens;

    @Autowired
    TokenRefusalRecorder recorder;

    ApiClient api;
    TestData testData;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        testData = TestData.of(context);
    }

    private record Owned(String id, String secret) {}

    private Owned token(Principal owner, String... scopes) {
        IssuedToken issued = tokens.create(
                Actor.of(owner, "127.0.0.1"), new CreateTokenCommand("refusals test", null, List.of(scopes)));
        return new Owned(issued.token().id().value(), issued.secret().reveal());
    }

    private static List<String> paths(JsonNode refusals) {
        List<String> paths = new ArrayList<>();
        refusals.forEach(refusal -> paths.add(
                refusal.path("method").asString() + " " + refusal.path("path").asString()));
        return paths;
    }

    @Test
    void aRefusedRequestIsListedAfterTheFlushNewestFirstWithoutItsQueryString() {
        Principal owner = testData.user("refused-owner", BuiltInRole.USER);
        Owned token = token(owner, "tokens:read");

        Response first = api.post("/api/2.0/token/create?secret=hunter2", token.secret(), "{\"comment\":\"x\"}");
        Response second = api.get("/api/2.0/preview/scim/v2/Users?filter=userName%20eq%20%22a%22", token.secret());
        assertThat(first.status()).as(first.toString()).isEqualTo(403);
        assertThat(second.status()).as(second.toString()).isEqualTo(403);
        recorder.flush();

        Response listed = api.get(REFUSALS + token.id(), token.secret());

        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        JsonNode refusals = listed.json().path("refusals");
        assertThat(paths(refusals)).containsExactly("GET /api/2.0/preview/scim/v2/Users", "POST /api/2.0/token/create");
        JsonNode newest = refusals.get(0);
        assertThat(newest.properties())
                .extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("time", "method", "path", "reason", "client_address", "user_agent");
        assertThat(newest.path("reason").asString()).isEqualTo("SCOPE_MISSING");
        assertThat(newest.path("client_address").asString()).isEqualTo("127.0.0.1");
        assertThat(newest.path("user_agent").asString()).isEqualTo("warden-api-test/1.0");
        assertThat(newest.path("time").asLong())
                .isGreaterThanOrEqualTo(refusals.get(1).path("time").asLong());
        assertThat(listed.body())
                .doesNotContain("hunter2")
                .doesNotContain("filter")
                .doesNotContain(token.secret());
    }

    @Test
    void aRevokedTokenIsRefusedAtAnEarlierStepAndThatIsKeptToo() {
        Principal owner = testData.user("revoked-owner", BuiltInRole.USER);
        Owned kept = token(owner, "tokens:read");
        tokens.revoke(Actor.of(owner, "127.0.0.1"), new TokenId(kept.id()));

        Response refused = api.get("/api/2.0/token/list", kept.secret());
        assertThat(refused.reason()).isEqualTo("TOKEN_REVOKED");
        recorder.flush();

        JsonNode refusals = api.get(REFUSALS + kept.id(), ADMIN_TOKEN).json().path("refusals");
        assertThat(refusals).hasSize(1);
        assertThat(refusals.get(0).path("reason").asString()).isEqualTo("TOKEN_REVOKED");
        assertThat(refusals.get(0).path("path").asString()).isEqualTo("/api/2.0/token/list");
    }

    @Test
    void aTokenWithNoRefusalsHasAnEmptyList() {
        Owned token = token(testData.user("quiet-owner", BuiltInRole.USER), "tokens:read");

        Response listed = api.get(REFUSALS + token.id(), token.secret());

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().path("refusals").isArray()).isTrue();
        assertThat(listed.json().path("refusals")).isEmpty();
    }

    @Test
    void someoneElsesTokenAndAnUnknownOneAreNotFoundAsForScopes() {
        Owned token = token(testData.user("private-owner", BuiltInRole.USER), "tokens:read");
        Owned stranger = token(testData.user("stranger", BuiltInRole.USER), "tokens:read");

        Response notYours = api.get(REFUSALS + token.id(), stranger.secret());
        Response scopesNotYours = api.get("/api/2.0/access/scopes?token_id=" + token.id(), stranger.secret());
        Response unknown = api.get(REFUSALS + "0123456789abcdef0123456789abcdef", ADMIN_TOKEN);
        Response admin = api.get(REFUSALS + token.id(), ADMIN_TOKEN);

        assertThat(notYours.status())
                .as(notYours.toString())
                .isEqualTo(scopesNotYours.status())
                .isEqualTo(404);
        assertThat(notYours.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(admin.status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/2.0/access/refusals",
                "/api/2.0/access/refusals?token_id=",
                "/api/2.0/access/refusals?token_id=%20"
            })
    void aMissingOrBlankTokenIdIsA400NamingIt(String path) {
        Response response = api.get(path, ADMIN_TOKEN);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(response.json()
                        .path("details")
                        .get(0)
                        .path("metadata")
                        .path("field")
                        .asString())
                .isEqualTo("token_id");
    }
}
