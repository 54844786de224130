package dev.warden.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.token.TokenFormat;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SecretMaskingConverterTest {
    private final TokenFormat tokens = new TokenFormat(TokenFormat.DEFAULT_PREFIX);
    private final String token = tokens.generate(new SecureRandom()).reveal();

    private String masked(String line) {
        return SecretMaskingConverter.masked(tokens, line);
    }

    @Test
    void masksTokensToTheirHint() {
        assertThat(masked("Authorization: Bearer " + token))
                .isEqualTo("Authorization: Bearer wdn_..." + token.substring(token.length() - 4));
    }

    @Test
    void redactsPasswordFieldsOfAFormButKeepsTheOtherFields() {
        assertThat(masked("input [username=alice&password=s3cr%26t+x&newPassword=n3w&_csrf=Q0Pn-y_1]"))
                .isEqualTo("input [username=alice&password=[REDACTED]&newPassword=[REDACTED]&_csrf=[REDACTED]]");
    }

    @Test
    void redactsPasswordMembersOfJsonWithEscapedQuotes() {
        assertThat(masked("Read [{\"userName\":\"bob\",\"password\": \"a \\\"quoted\\\" pass, word\"}]"))
                .isEqualTo("Read [{\"userName\":\"bob\",\"password\": \"[REDACTED]\"}]");
    }

    @Test
    void redactsTheSessionCookieAndBasicCredentials() {
        assertThat(masked("Cookie: JSESSIONID=4F2A9C; theme=dark\r\nAuthorization: Basic dXNlcjpwYXNz\r\n"))
                .isEqualTo("Cookie: JSESSIONID=[REDACTED]; theme=dark\r\nAuthorization: Basic [REDACTED]\r\n");
        assertThat(
                        masked(
                                "Changed session id from F73282E2951768EA6524EE581930BF4D, token e0436689104262acaf5e3e40a456b7d9"))
                .isEqualTo("Changed session id from [REDACTED], token e0436689104262acaf5e3e40a456b7d9");
    }

    @Test
    void leavesOrdinaryLinesAlone() {
        String line =
                "GET /api/2.0/token/list?page_size=10, parameters={masked}; the password policy says 12 characters";

        assertThat(masked(line)).isEqualTo(line);
    }
}
