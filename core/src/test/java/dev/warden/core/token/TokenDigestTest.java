package dev.warden.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenDigestTest {

    @Test
    void isTheLowerCaseHexSha256OfTheValue() {
        // FIPS 180-2 test vectors.
        assertThat(TokenDigest.of("abc").hex())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(TokenDigest.of("").hex())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void ofATokenIsSixtyFourHexCharactersThatDoNotContainTheValue() {
        String value = Tokens.aValue();

        TokenDigest digest = TokenDigest.of(value);

        assertThat(digest.hex()).matches("[0-9a-f]{64}");
        assertThat(digest.hex()).doesNotContain(value.substring(4, 47));
        assertThat(digest.toString()).doesNotContain(value);
    }

    @Test
    void isTheSameForTheSameValueAndDiffersForAnother() {
        String value = Tokens.aValue();

        assertThat(TokenDigest.of(value)).isEqualTo(TokenDigest.of(new StringBuilder(value)));
        assertThat(TokenDigest.of(value)).isNotEqualTo(TokenDigest.of(Tokens.aValue()));
    }

    @Test
    void matchesTheDigestOfTheSameValue() {
        String value = Tokens.aValue();

        assertThat(TokenDigest.of(value).matches(TokenDigest.of(value))).isTrue();
    }

    @Test
    void doesNotMatchTheDigestOfAnotherValue() {
        String value = Tokens.aValue();
        String oneCharacterOff = value.substring(0, 52) + (value.charAt(52) == 'a' ? 'b' : 'a');

        assertThat(TokenDigest.of(value).matches(TokenDigest.of(oneCharacterOff)))
                .isFalse();
        assertThat(TokenDigest.of(value).matches(TokenDigest.of(Tokens.aValue())))
                .isFalse();
    }

    @Test
    void doesNotMatchNothing() {
        assertThat(TokenDigest.of(Tokens.aValue()).matches(null)).isFalse();
    }

    @Test
    void refusesSomethingThatIsNotASha256Digest() {
        assertThatThrownBy(() -> new TokenDigest("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenDigest("0".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenDigest(null)).isInstanceOf(NullPointerException.class);
    }
}
