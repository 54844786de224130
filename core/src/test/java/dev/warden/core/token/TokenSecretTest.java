package dev.warden.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenSecretTest {
    private final String value = Tokens.aValue();
    private final TokenSecret secret = new TokenSecret(value);

    @Test
    void revealsItsValueOnlyWhenAsked() {
        assertThat(secret.reveal()).isEqualTo(value);
    }

    @Test
    void neverShowsTheValueWhenPrinted() {
        assertThat(secret.toString()).doesNotContain(value).doesNotContain(value.substring(4, 47));
        assertThat("issued " + secret).doesNotContain(value);
        assertThat(String.format("%s", secret)).doesNotContain(value);
    }

    @Test
    void hintsWithThePrefixAnEllipsisAndTheLastFourCharacters() {
        String hint = secret.displayHint("wdn_");

        assertThat(hint).isEqualTo("wdn_…" + value.substring(49));
        assertThat(hint).doesNotContain(value.substring(4, 49));
    }

    @Test
    void hintsWithTheGivenPrefix() {
        TokenSecret custom = new TokenSecret("acme-" + "x".repeat(40) + "AbCd");

        assertThat(custom.displayHint("acme-")).isEqualTo("acme-…AbCd");
    }

    @Test
    void digestsTheWholeValue() {
        assertThat(secret.digest()).isEqualTo(TokenDigest.of(value));
    }
}
