package dev.warden.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The gitleaks rule published in {@code docs/gitleaks.toml}, read from that file so the documentation cannot drift
 * from the format: it finds freshly generated tokens in text and no near-miss (another prefix, one character more or
 * less, a character outside base62).
 */
class GitleaksRuleTest {
    private static final Path RULE = Path.of("..", "docs", "gitleaks.toml");
    private final TokenFormat format = new TokenFormat(TokenFormat.DEFAULT_PREFIX);
    private final SecureRandom random = new SecureRandom();

    private static Pattern regex() throws IOException {
        Matcher literal = Pattern.compile("(?m)^regex = '''(.+)'''$").matcher(Files.readString(RULE));
        assertThat(literal.find()).as("a regex = '''...''' line in " + RULE).isTrue();
        // gitleaks uses Go's RE2; this rule uses nothing that reads differently in Java
        return Pattern.compile(literal.group(1));
    }

    private String token() {
        return format.generate(random).reveal();
    }

    @Test
    void findsFreshTokensInText() throws IOException {
        Pattern rule = regex();
        for (int i = 0; i < 200; i++) {
            String token = token();
            Matcher found = rule.matcher("export WARDEN_TOKEN=" + token + "\n");
            assertThat(found.find()).isTrue();
            assertThat(found.group()).isEqualTo(token);
            assertThat(rule.matcher("\"" + token + "\"").find()).isTrue();
        }
    }

    @Test
    void findsNoNearMiss() throws IOException {
        Pattern rule = regex();
        String token = token();
        String body = token.substring(TokenFormat.DEFAULT_PREFIX.length());
        assertThat(rule.matcher("wdx_" + body).find()).isFalse();
        assertThat(rule.matcher(token.substring(0, token.length() - 1)).find()).isFalse();
        assertThat(rule.matcher(token + "a").find()).isFalse();
        assertThat(rule.matcher("x" + token).find()).isFalse();
        assertThat(rule.matcher(token.substring(0, 20) + "+" + token.substring(21))
                        .find())
                .isFalse();
        assertThat(rule.matcher("WDN_" + body).find()).isFalse();
    }

    @Test
    void theRuleHasTheLengthOfTheFormat() throws IOException {
        assertThat(regex().pattern()).contains("{" + (format.length() - TokenFormat.DEFAULT_PREFIX.length()) + "}");
    }
}
