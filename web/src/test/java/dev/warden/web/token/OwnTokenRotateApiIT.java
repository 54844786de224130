package dev.warden.web.token;

import static dev.warden.web.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.shared.MutableClock;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/2.0/token/rotate}: an owner rotates its own token over real HTTP, answered like create; the old
 * secret works for the grace and then stops; someone else's token is unknown, bad input names its field, and a
 * refusal changes nothing (both secrets as they were, no audit record).
 */
@WardenSpringBootTest
class OwnTokenRotateApiIT {
    private static final String ROTATE = "/api/2.0/token/rotate";
    private static final String CREATE = "/api/2.0/token/create";
    private static final String LIST = "/api/2.0/token/list";

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    AuditLog audit;

    @Autowired
    ApplicationContext context;

    ApiClient api;
    TestData testData;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        testData = TestData.of(context);
    }

    /** A user's own token, created through the API with its bootstrap token: {value, id}. */
    private record Owned(String caller, String value, String id) {}

    private Owned ownToken(String name) {
        Principal owner = testData.user(TestData.unique(name), BuiltInRole.USER);
        String caller = testData.token(owner);
        Response created = api.post(CREATE, caller, json("{'comment':'%s','lifetime_seconds':86400}", name));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return new Owned(
                caller,
                created.json().path("token_value").asString(),
                created.json().path("token_info").path("token_id").asString());
    }

    private List<AuditEvent> rotations(String tokenId) {
        return audit.history(testData.main().id(), "token", tokenId, 50).stream()
                .filter(e -> e.action() == AuditAction.TOKEN_ROTATED)
                .toList();
    }

    @Test
    void theOwnerGetsTheNewSecretOnceAnsweredLikeCreateAndTheOldOneStopsAtOnce() {
        Owned token = ownToken("rotate-now");

        Response rotated = api.post(ROTATE, token.caller(), json("{'token_id':'%s'}", token.id()));

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        assertThat(rotated.header("Cache-Control")).contains("no-store");
        String fresh = rotated.json().path("token_value").asString();
        JsonNode info = rotated.json().path("token_info");
        assertThat(fresh).startsWith("wdn_").isNotEqualTo(token.value());
        assertThat(info.path("token_id").asString()).isEqualTo(token.id());
        assertThat(info.path("comment").asString()).isEqualTo("rotate-now");
        assertThat(info.path("status").asString()).isEqualTo("ACTIVE");
        Response old = api.get(LIST, token.value());
        assertThat(old.status()).isEqualTo(401);
        assertThat(old.reason()).isEqualTo("TOKEN_UNKNOWN");
        assertThat(api.get(LIST, fresh).status()).isEqualTo(200);
        assertThat(rotations(token.id())).singleElement().satisfies(event -> {
            assertThat(event.details()).containsEntry("grace_seconds", "0");
            assertThat(event.details().values()).noneMatch(v -> v.contains(fresh));
        });
    }

    @Test
    void withAGraceTheOldSecretWorksUntilItEndsThenOnlyTheNewOne() {
        Owned token = ownToken("rotate-grace");

        Response rotated =
                api.post(ROTATE, token.caller(), json("{'token_id':'%s','grace_period_seconds':600}", token.id()));

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String fresh = rotated.json().path("token_value").asString();
        assertThat(api.get(LIST, token.value()).status())
                .as("old, within the grace")
                .isEqualTo(200);
        assertThat(api.get(LIST, fresh).status()).isEqualTo(200);
        assertThat(rotations(token.id()))
                .singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("grace_seconds", "600"));

        clock.advance(Duration.ofSeconds(601));

        assertThat(api.get(LIST, token.value()).status())
                .as("old, after the grace")
                .isEqualTo(401);
        assertThat(api.get(LIST, fresh).status()).isEqualTo(200);
    }

    @Test
    void someoneElsesTokenIsUnknownAsForDeleteAndNothingChanges() {
        Owned alices = ownToken("rotate-alice");
        Owned bobs = ownToken("rotate-bob");

        Response refused =
                api.post(ROTATE, bobs.caller(), json("{'token_id':'%s','grace_period_seconds':60}", alices.id()));
        Response deleteRefused =
                api.post("/api/2.0/token/delete", bobs.caller(), json("{'token_id':'%s'}", alices.id()));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
        assertThat(refused.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST").isEqualTo(deleteRefused.errorCode());
        assertThat(refused.body()).doesNotContain("rotate-alice");
        assertThat(api.get(LIST, alices.value()).status()).isEqualTo(200);
        assertThat(rotations(alices.id())).isEmpty();
    }

    @Test
    void evenTheWorkspaceAdminCannotRotateAnotherOwnersTokenHere() {
        Owned alices = ownToken("rotate-admin");

        Response refused = api.post(
                ROTATE,
                dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN,
                json("{'token_id':'%s'}", alices.id()));

        assertThat(refused.status()).isEqualTo(404);
        assertThat(api.get(LIST, alices.value()).status()).isEqualTo(200);
        assertThat(rotations(alices.id())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no token id          | {'grace_period_seconds':0}                    | token_id",
                "blank token id       | {'token_id':' '}                              | token_id",
                "negative grace       | {'token_id':'ID','grace_period_seconds':-1}     | grace_period_seconds",
                "grace over 7 days    | {'token_id':'ID','grace_period_seconds':604801} | grace_period_seconds",
                "grace not a number   | {'token_id':'ID','grace_period_seconds':'soon'} | grace_period_seconds",
                "grace a fraction     | {'token_id':'ID','grace_period_seconds':1.5}    | grace_period_seconds",
                "token id not a text  | {'token_id':{'a':1}}                          | token_id",
            })
    void badInputIsA400NamingTheFieldAndChangesNothing(String caseName, String body, String field) {
        Owned token = ownToken("rotate-bad");

        Response refused = api.post(ROTATE, token.caller(), json(body.replace("ID", token.id())));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(refused.json()
                        .path("details")
                        .get(0)
                        .path("metadata")
                        .path("field")
                        .asString())
                .isEqualTo(field);
        assertThat(api.get(LIST, token.value()).status()).isEqualTo(200);
        assertThat(rotations(token.id())).isEmpty();
    }

    @Test
    void aRevokedTokenIsNotRotatedAndStaysRevoked() {
        Owned token = ownToken("rotate-revoked");
        assertThat(api.post("/api/2.0/token/revoke", token.caller(), json("{'token_id':'%s'}", token.id()))
                        .status())
                .isEqualTo(200);

        Response refused = api.post(ROTATE, token.caller(), json("{'token_id':'%s'}", token.id()));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("INVALID_STATE");
        assertThat(rotations(token.id())).isEmpty();
    }

    @Test
    void aTokenWithoutTokensWriteMayNotRotate() {
        Owned token = ownToken("rotate-scope");
        Principal owner = testData.user(TestData.unique("rotate-reader"), BuiltInRole.USER);
        String readOnly = testData.scopedToken(owner, "tokens:read");
        Response created = api.post(CREATE, testData.token(owner), json("{'comment':'mine'}"));
        String id = created.json().path("token_info").path("token_id").asString();

        Response refused = api.post(ROTATE, readOnly, json("{'token_id':'%s'}", id));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(rotations(id)).isEmpty();
        assertThat(api.get(LIST, token.value()).status()).isEqualTo(200);
    }
}
