package dev.warden.web.token;

import static dev.warden.web.token.LeakReportRequests.freshAddress;
import static dev.warden.web.token.LeakReportRequests.stored;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenRepository;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With GitHub's signing keys configured ({@code warden.leak-report.github-public-keys}, here a P-256 key pair made by
 * the test, written in the shape of GitHub's key document): a report signed as GitHub signs (ECDSA with SHA-256 over
 * the raw body) is accepted, a bad signature or an unknown key is refused with 401 and changes nothing, and an
 * unsigned report is still accepted.
 */
@WardenSpringBootTest
class LeakReportSignatureIT {
    static final String KEY_ID = "90a421169f0a406205f1563a953312f0be898d3c7b6c06b681aa86a874555f4a";
    static final KeyPair GITHUB = keyPair();
    static final KeyPair SOMEONE_ELSE = keyPair();

    @DynamicPropertySource
    static void githubKeys(DynamicPropertyRegistry registry) throws IOException {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(GITHUB.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Path file = Files.createTempFile("github-secret-scanning-keys", ".json");
        Files.writeString(
                file,
                "{\"public_keys\":[{\"key_identifier\":\"" + KEY_ID + "\",\"key\":\"" + pem.replace("\n", "\\n")
                        + "\",\"is_current\":true}]}");
        file.toFile().deleteOnExit();
        registry.add("warden.leak-report.github-public-keys", file::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    TokenRepository tokens;

    @Autowired
    AuditLog audit;

    LeakReportRequests reports;
    String live;
    String payload;

    @BeforeEach
    void setUp() {
        reports = new LeakReportRequests(port);
        TestData testData = TestData.of(context);
        live = testData.usableToken(testData.user("signed-leak", BuiltInRole.USER));
        payload = "[{\"token\":\"" + live
                + "\",\"type\":\"warden_token\",\"url\":\"https://github.com/acme/app/blob/1/.env\","
                + "\"source\":\"content\"}]";
    }

    @Test
    void aReportSignedWithGithubsKeyIsAcceptedAndNamesGithub() {
        HttpResponse<String> answer = reports.json(
                freshAddress(),
                payload,
                "Github-Public-Key-Identifier",
                KEY_ID,
                "Github-Public-Key-Signature",
                sign(GITHUB, payload));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("[]");
        AccessToken token = stored(tokens, live);
        assertThat(token.isRevoked()).isTrue();
        assertThat(audit.history(token.workspace(), "token", token.id().value(), 10))
                .filteredOn(event -> event.action() == AuditAction.TOKEN_LEAK_REPORTED)
                .singleElement()
                .satisfies(event -> assertThat(event.details())
                        .containsEntry(
                                "source", "GitHub secret scanning: https://github.com/acme/app/blob/1/.env (content)"));
    }

    @Test
    void aBadSignatureIsRefusedAndChangesNothing() {
        HttpResponse<String> otherKey = reports.json(
                freshAddress(),
                payload,
                "Github-Public-Key-Identifier",
                KEY_ID,
                "Github-Public-Key-Signature",
                sign(SOMEONE_ELSE, payload));
        HttpResponse<String> otherBody = reports.json(
                freshAddress(),
                payload,
                "Github-Public-Key-Identifier",
                KEY_ID,
                "Github-Public-Key-Signature",
                sign(GITHUB, payload + " "));
        HttpResponse<String> unknownKey = reports.json(
                freshAddress(),
                payload,
                "Github-Public-Key-Identifier",
                "no-such-key",
                "Github-Public-Key-Signature",
                sign(GITHUB, payload));
        HttpResponse<String> garbage = reports.json(
                freshAddress(),
                payload,
                "Github-Public-Key-Identifier",
                KEY_ID,
                "Github-Public-Key-Signature",
                "%%% not base64");

        for (HttpResponse<String> refused : new HttpResponse[] {otherKey, otherBody, unknownKey, garbage}) {
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("\"error_code\":\"UNAUTHENTICATED\"");
        }
        assertThat(stored(tokens, live).isRevoked()).isFalse();
    }

    @Test
    void halfASignatureIsRefusedNamingTheMissingHeader() {
        HttpResponse<String> refused = reports.json(freshAddress(), payload, "Github-Public-Key-Identifier", KEY_ID);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"Github-Public-Key-Signature\"");
        assertThat(stored(tokens, live).isRevoked()).isFalse();
    }

    @Test
    void anUnsignedReportIsStillAccepted() {
        assertThat(reports.json(freshAddress(), payload).statusCode()).isEqualTo(200);
        assertThat(stored(tokens, live).isRevoked()).isTrue();
    }

    private static String sign(KeyPair pair, String body) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate());
            signer.update(body.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
