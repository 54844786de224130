package dev.warden.web.token;

import static dev.warden.web.token.LeakReportRequests.freshAddress;
import static dev.warden.web.token.LeakReportRequests.stored;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.shared.MutableClock;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.RevocationAuthority;
import dev.warden.core.token.TokenFormat;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenStatus;
import dev.warden.web.support.TestData;
import dev.warden.web.support.TestData.OtherWorkspace;
import dev.warden.web.support.WardenSpringBootTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * {@code POST /api/2.0/token/report-leak} over real HTTP, without credentials: a working token found in a report is
 * revoked with authority {@code INCIDENT} and audited with where it was found; the answer never says whether there
 * was one; refused reports change nothing. Every report comes from a client address of its own, so the per-address
 * limit of one case never meets another's.
 */
@WardenSpringBootTest
class LeakReportApiIT {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    TokenRepository tokens;

    @Autowired
    AuditLog audit;

    @Autowired
    TokenFormat format;

    @Autowired
    MutableClock clock;

    LeakReportRequests reports;
    TestData testData;

    @BeforeEach
    void setUp() {
        reports = new LeakReportRequests(port);
        testData = TestData.of(context);
    }

    private String liveToken() {
        return testData.usableToken(testData.user("leaky", BuiltInRole.USER));
    }

    private List<AuditEvent> leakEvents(AccessToken token) {
        return audit.history(token.workspace(), "token", token.id().value(), 20).stream()
                .filter(event -> event.action() == AuditAction.TOKEN_LEAK_REPORTED)
                .toList();
    }

    @Test
    void aLiveTokenInPlainTextIsRevokedAndAuditedAndTheAnswerIsTheSameAsForNoToken() {
        String live = liveToken();
        String address = freshAddress();
        String noise = "2026-12-03 build log\nexport OTHER=ghp_notours\nexport WARDEN_TOKEN=" + live + "\nfake: "
                + format.generate(new SecureRandom()).reveal() + "\n";

        HttpResponse<String> withLive = reports.text(address, noise);
        HttpResponse<String> withoutLive = reports.text(freshAddress(), "nothing to see here " + live.substring(0, 20));

        assertThat(withLive.statusCode()).isEqualTo(200);
        assertThat(withLive.body()).isEqualTo(withoutLive.body());
        assertThat(withoutLive.statusCode()).isEqualTo(200);
        AccessToken token = stored(tokens, live);
        assertThat(token.statusAt(clock.instant())).isEqualTo(TokenStatus.REVOKED);
        assertThat(token.revocationAuthority()).isEqualTo(RevocationAuthority.INCIDENT);
        assertThat(leakEvents(token)).singleElement().satisfies(event -> {
            assertThat(event.clientAddress()).isEqualTo(address);
            assertThat(event.details())
                    .containsEntry("reason", "reported as leaked (plain text report from " + address + ")")
                    .containsEntry("authority", "INCIDENT");
        });

        HttpResponse<String> again = reports.text(freshAddress(), noise);
        assertThat(again.body()).isEqualTo(withLive.body());
        assertThat(leakEvents(stored(tokens, live))).hasSize(1);
    }

    @Test
    void githubsPartnerPayloadRevokesTheTokenAndAnswersAnEmptyList() {
        String live = liveToken();
        String payload = """
                [{"token":"%s","type":"warden_token","url":"https://github.com/acme/app/blob/1a2b/.env","source":"content"},
                 {"token":"%s","type":"warden_token","url":"https://github.com/acme/app/blob/1a2b/x","source":"content"}]
                """.formatted(live, format.generate(new SecureRandom()).reveal());

        HttpResponse<String> answer = reports.json(freshAddress(), payload);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("[]");
        AccessToken token = stored(tokens, live);
        assertThat(token.isRevoked()).isTrue();
        assertThat(leakEvents(token))
                .singleElement()
                .satisfies(
                        event -> assertThat(event.details())
                                .containsEntry(
                                        "source",
                                        "secret scanning report (unsigned): https://github.com/acme/app/blob/1a2b/.env (content)"));
    }

    @Test
    void aTokenOfAnotherWorkspaceIsRevokedAndAuditedInItsOwnWorkspace() {
        OtherWorkspace other = testData.otherWorkspace();

        reports.text(freshAddress(), "leaked: " + other.adminToken());

        AccessToken token = stored(tokens, other.adminToken());
        assertThat(token.workspace()).isEqualTo(other.workspace().id());
        assertThat(token.isRevoked()).isTrue();
        assertThat(leakEvents(token)).hasSize(1);
    }

    @Test
    void reportsOverTheLimitPerAddressAreRefusedWithRetryAfterAndChangeNothing() {
        String address = freshAddress();
        for (int i = 0; i < 20; i++) {
            assertThat(reports.text(address, "nothing " + i).statusCode()).isEqualTo(200);
        }
        String live = liveToken();

        HttpResponse<String> refused = reports.text(address, live);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        assertThat(refused.body()).contains("\"error_code\":\"REQUEST_LIMIT_EXCEEDED\"");
        assertThat(stored(tokens, live).isRevoked()).isFalse();
        assertThat(reports.text(freshAddress(), "another address").statusCode()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(61));
        assertThat(reports.text(address, "a new minute").statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedAndChangesNothing() {
        String live = liveToken();
        String big = live + " " + "x".repeat(LeakReportFilter.MAX_BODY);

        HttpResponse<String> refused = reports.text(freshAddress(), big);

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("\"field\":\"body\"");
        assertThat(stored(tokens, live).isRevoked()).isFalse();
    }

    @Test
    void badPayloadsAreRefusedNamingTheFieldAndChangeNothing() {
        String live = liveToken();
        String address = freshAddress();

        HttpResponse<String> notJson = reports.json(address, "[{\"token\":\"" + live + "\"");
        HttpResponse<String> notArray = reports.json(address, "{\"token\":\"" + live + "\"}");
        HttpResponse<String> noToken = reports.json(address, "[{\"token\":\"" + live + "\"},{\"type\":\"x\"}]");
        HttpResponse<String> urlNotText = reports.json(address, "[{\"token\":\"" + live + "\",\"url\":5}]");
        HttpResponse<String> otherType = reports.send(address, "application/xml", "<token/>".getBytes());

        assertThat(List.of(notJson, notArray, noToken, urlNotText))
                .allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(400));
        assertThat(notJson.body()).contains("\"field\":\"body\"", "INVALID_PARAMETER_VALUE");
        assertThat(notArray.body()).contains("\"field\":\"body\"");
        assertThat(noToken.body()).contains("\"field\":\"[1].token\"");
        assertThat(urlNotText.body()).contains("\"field\":\"[0].url\"");
        HttpResponse<String> unknownCharset =
                reports.send(address, "text/plain; charset=no-such-charset", live.getBytes());
        assertThat(unknownCharset.statusCode()).isEqualTo(415);
        assertThat(reports.send(address, null, live.getBytes()).statusCode()).isEqualTo(415);
        assertThat(otherType.statusCode()).isEqualTo(415);
        assertThat(otherType.body()).contains("\"field\":\"Content-Type\"");
        assertThat(stored(tokens, live).isRevoked()).isFalse();
    }

    @Test
    void withoutConfiguredKeysASignedReportIsTreatedAsUnsigned() {
        String live = liveToken();

        HttpResponse<String> answer = reports.json(
                freshAddress(),
                "[{\"token\":\"" + live + "\",\"type\":\"t\",\"url\":\"u\",\"source\":\"content\"}]",
                "Github-Public-Key-Identifier",
                "anything",
                "Github-Public-Key-Signature",
                "bm90IGEgc2lnbmF0dXJl");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(stored(tokens, live).isRevoked()).isTrue();
    }

    @Test
    void onlyPostIsAllowed() throws Exception {
        HttpResponse<String> get = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + LeakReportFilter.PATH))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(get.body()).contains("\"error_code\":\"METHOD_NOT_ALLOWED\"");
    }
}
