package dev.warden.web.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.RawHttp;
import dev.warden.web.support.RawHttp.Answer;
import dev.warden.web.support.WardenSpringBootTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a caller sees when a request is wrong, wherever it is refused: in Tomcat before any filter, in a filter, in
 * Spring MVC or in a service. Always the Databricks error shape under {@code /api/}, a 400 naming the field for
 * malformed input, never Tomcat's HTML page, never a 5xx, and never more than 200 characters of the input echoed.
 * (On H2; {@link BadInputCorpusIT} sends thousands of such requests on MariaDB.)
 */
@WardenSpringBootTest
class ApiErrorsIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN = WardenSpringBootTest.ADMIN_TOKEN;
    private static final String LIST = "/api/2.0/token/list";

    @LocalServerPort
    int port;

    @Test
    void aMalformedPercentEscapeIsA400NamingTheParameterNotA500() {
        Answer answer = raw("GET /api/2.0/token-management/tokens?created_by_id=%zz HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: Bearer " + ADMIN + "\r\n");

        assertThat(answer.status()).isEqualTo(400);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("error_code").asString()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(field(body)).isEqualTo("created_by_id");
        assertThat(body.path("details").path(0).path("reason").asString()).isEqualTo("MALFORMED_PARAMETER");
    }

    @Test
    void bytesThatAreNotUtf8AreMalformedEvenWhereTheEndpointReadsNoParameter() {
        Response answer = api().get(LIST + "?x=%E0%A4", ADMIN);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(field(answer.json())).isEqualTo("x");
    }

    @Test
    void whatTomcatRefusesBeforeAnyFilterIsAnsweredInTheApisJsonShape() {
        String token = "Authorization: Bearer " + ADMIN + "\r\n";
        for (String request : new String[] {
            "GET /api/2.0/tok|en/list HTTP/1.1\r\nHost: x\r\n" + token,
            "GET /api/2.0/token/list?a={b} HTTP/1.1\r\nHost: x\r\n" + token,
            "GET /api/2.0/token/list HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(9_000) + "\r\n",
            "GET /api/2.0/token/list HTTP/9.9\r\nHost: x\r\n",
            "GET /api/2.0/token/list HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n" + token,
            "G(T /api/2.0/token/list HTTP/1.1\r\nHost: x\r\n"
        }) {
            Answer answer = raw(request);

            assertThat(answer.status()).as(request).isEqualTo(400);
            assertThat(answer.header("Content-Type")).as(request).startsWith("application/json");
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.path("error_code").asString()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(body.path("details").path(0).path("reason").asString()).isEqualTo("MALFORMED_REQUEST");
        }
    }

    /** Only where Tomcat read the path: when the request line itself is unreadable, the answer is the API's. */
    @Test
    void consolePathsGetAShortPageInsteadOfTomcatsReport() {
        Answer answer = raw("GET /settings/admin/users HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(9_000) + "\r\n");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("text/html");
        assertThat(answer.body()).contains("400 Bad Request · Warden").doesNotContain("Tomcat", "<style");
    }

    @Test
    void aWrongMethodIsA405ThatListsWhatTheEndpointTakesAndNamesTheMethodSent() {
        Response answer = api().send("DELETE", "/api/2.0/scopes", ADMIN, null, null);

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).isEqualTo("GET");
        assertThat(answer.errorCode()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(answer.json().path("message").asString()).contains("does not accept DELETE;");
    }

    @Test
    void aRequestWithoutCredentialsGetsTheBareBearerChallenge() {
        Response answer = api().get(LIST, null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"warden\"");
        assertThat(answer.reason()).isEqualTo("TOKEN_MISSING");
    }

    @Test
    void basicCredentialsAreToldThatWardenTakesBearerTokens() {
        Answer answer = raw("GET " + LIST + " HTTP/1.1\r\nHost: x\r\nAuthorization: Basic YWRtaW46YWRtaW4=\r\n");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"warden\"");
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("message").asString())
                .contains("Warden takes Bearer tokens only", "'Basic' credentials")
                .doesNotContain("No access token was presented");
        assertThat(body.path("details").path(0).path("reason").asString()).isEqualTo("TOKEN_MISSING");
    }

    @Test
    void aTokenThatWasSentButFailsGetsInvalidToken() {
        Response answer = api().get(LIST, "wdn_not-a-real-token");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"warden\", error=\"invalid_token\"");
    }

    @Test
    void aLoneSurrogateOrAControlCharacterInACommentIsA400NamingItAndCreatesNothing() {
        int before = api().get(LIST, ADMIN).json().path("token_infos").size();

        Response surrogate = api().post("/api/2.0/token/create", ADMIN, "{\"comment\":\"deploy \\ud800\"}");
        Response control = api().post("/api/2.0/token/create", ADMIN, "{\"comment\":\"deploy\\tbot\"}");

        assertThat(surrogate.status()).isEqualTo(400);
        assertThat(field(surrogate.json())).isEqualTo("comment");
        assertThat(surrogate.json().path("message").asString()).contains("lone surrogate");
        assertThat(control.status()).isEqualTo(400);
        assertThat(field(control.json())).isEqualTo("comment");
        assertThat(api().get(LIST, ADMIN).json().path("token_infos").size()).isEqualTo(before);
    }

    @Test
    void aValueOfTheWrongJsonTypeIsRefusedNotConverted() {
        Response number = api().post("/api/2.0/token/create", ADMIN, "{\"comment\":5}");
        Response text = api().post("/api/2.0/token/create", ADMIN, "{\"lifetime_seconds\":\"an hour\"}");
        Response fraction = api().post("/api/2.0/token/create", ADMIN, "{\"lifetime_seconds\":3600.5}");

        assertThat(number.status()).isEqualTo(400);
        assertThat(field(number.json())).isEqualTo("comment");
        assertThat(text.status()).isEqualTo(400);
        assertThat(field(text.json())).isEqualTo("lifetime_seconds");
        assertThat(fraction.status()).isEqualTo(400);
        assertThat(field(fraction.json())).isEqualTo("lifetime_seconds");
    }

    @Test
    void inputIsEchoedAtMostTwoHundredCharacters() {
        Response answer = api().post(
                        "/api/2.0/roles", ADMIN, "{\"name\":\"echo\",\"permissions\":[\"" + "p".repeat(5_000) + "\"]}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("'" + "p".repeat(200) + "…'").doesNotContain("p".repeat(201));
    }

    @Test
    void aPageTokenOutsideWhatTheApiHandsOutIsA400NotA500() {
        String crafted = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("NEWEST:9223372036854775807:999999999999:abc".getBytes(StandardCharsets.UTF_8));

        Response answer = api().get("/api/2.0/token-management/tokens?page_size=5&page_token=" + crafted, ADMIN);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(field(answer.json())).isEqualTo("page_token");
    }

    @Test
    void aContentTypeThatIsNoConcreteMediaTypeIsA415() {
        Response answer = api().send("POST", "/api/2.0/token/create", ADMIN, "application/*", "{}");

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
    }

    private ApiClient api() {
        return new ApiClient(port);
    }

    private Answer raw(String head) {
        return new RawHttp(port).send((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String field(JsonNode error) {
        return error.path("details").path(0).path("metadata").path("field").asString(null);
    }
}
