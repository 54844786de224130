package dev.warden.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the format against DESIGN ("Token format and storage"), computed here independently of
 * production code: base62 {@code 0-9A-Za-z}, body = 32 random bytes as an unsigned big-endian integer
 * padded to 43, checksum = CRC32 of the ASCII prefix + body padded to 6.
 */
class TokenFormatTest {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final TokenFormat format = new TokenFormat(TokenFormat.DEFAULT_PREFIX);
    private final SecureRandom random = new SecureRandom();

    /** The spec's base62, written without looking at {@code Base62}: most significant digit first. */
    private static String base62(BigInteger value, int width) {
        String digits = value.signum() == 0
                ? ""
                : base62(value.divide(BigInteger.valueOf(62)), 0)
                        + ALPHABET.charAt(value.mod(BigInteger.valueOf(62)).intValue());
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    private static String specChecksum(String prefixAndBody) {
        CRC32 crc = new CRC32();
        crc.update(prefixAndBody.getBytes(StandardCharsets.US_ASCII));
        return base62(BigInteger.valueOf(crc.getValue()), 6);
    }

    private static String withChar(String value, int position, char replacement) {
        return value.substring(0, position) + replacement + value.substring(position + 1);
    }

    @Nested
    class GeneratedDefaultToken {
        private final String value = format.generate(random).reveal();

        @Test
        void isFiftyThreeCharactersStartingWithThePrefix() {
            assertThat(value).hasSize(53).startsWith("wdn_");
            assertThat(format.length()).isEqualTo(53);
        }

        @Test
        void hasABodyOfFortyThreeBase62Characters() {
            assertThat(value.substring(4, 47)).hasSize(43).matches("[0-9A-Za-z]{43}");
        }

        @Test
        void endsInTheCrc32OfPrefixAndBodyInBase62() {
            assertThat(value.substring(47)).isEqualTo(specChecksum(value.substring(0, 47)));
        }

        @Test
        void isWellFormed() {
            assertThat(format.isWellFormed(value)).isTrue();
        }

        @Test
        void isRejectedWhenAnySingleCharacterChanges() {
            for (int position = 0; position < value.length(); position++) {
                for (char replacement : ALPHABET.toCharArray()) {
                    if (replacement == value.charAt(position)) {
                        continue;
                    }
                    String mistyped = withChar(value, position, replacement);
                    assertThat(format.isWellFormed(mistyped))
                            .as("'%s' at position %d replaced by '%s'", value.charAt(position), position, replacement)
                            .isFalse();
                }
            }
        }

        @Test
        void isRejectedWhenTwoNeighboursAreSwapped() {
            for (int position = 4; position < value.length() - 1; position++) {
                char here = value.charAt(position);
                char next = value.charAt(position + 1);
                if (here != next) {
                    String swapped = withChar(withChar(value, position, next), position + 1, here);
                    assertThat(format.isWellFormed(swapped))
                            .as("swap at %d", position)
                            .isFalse();
                }
            }
        }
    }

    @Nested
    class KnownAnswers {
        @Test
        void allZeroRandomBytesGiveABodyOfZerosAndTheSpecChecksum() {
            String value = format.generate(FixedBytesRandom.zeros()).reveal();

            String prefixAndBody = "wdn_" + "0".repeat(43);
            assertThat(value).isEqualTo(prefixAndBody + specChecksum(prefixAndBody));
            assertThat(format.isWellFormed(value)).isTrue();
        }

        @Test
        void allOneRandomBytesAreReadAsAnUnsignedNumberThatStillFitsFortyThreeDigits() {
            String value = format.generate(new FixedBytesRandom((byte) 0xFF)).reveal();

            String body = base62(BigInteger.TWO.pow(256).subtract(BigInteger.ONE), 43);
            assertThat(body).hasSize(43).doesNotStartWith("0");
            assertThat(value).isEqualTo("wdn_" + body + specChecksum("wdn_" + body));
        }

        @Test
        void randomBytesAreReadBigEndian() {
            byte[] bytes = new byte[32];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (i + 1);
            }
            String value = format.generate(new FixedBytesRandom(bytes)).reveal();

            String body = base62(new BigInteger(1, bytes), 43);
            assertThat(value).isEqualTo("wdn_" + body + specChecksum("wdn_" + body));
        }
    }

    @Nested
    class Rejects {
        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", " ", "wdn_"})
        void emptyValues(String value) {
            assertThat(format.isWellFormed(value)).isFalse();
        }

        @Test
        void aValueOneCharacterTooShortOrTooLong() {
            String value = format.generate(random).reveal();

            assertThat(format.isWellFormed(value.substring(0, 52))).isFalse();
            assertThat(format.isWellFormed(value.substring(1))).isFalse();
            assertThat(format.isWellFormed(value + "0")).isFalse();
            assertThat(format.isWellFormed(value + " ")).isFalse();
        }

        @Test
        void aWellFormedTokenOfAnotherPrefix() {
            String foreign = new TokenFormat("ghp_").generate(random).reveal();

            assertThat(foreign).hasSize(53);
            assertThat(format.isWellFormed(foreign)).isFalse();
        }

        @Test
        void thePrefixInAnotherCase() {
            String value = format.generate(random).reveal();

            assertThat(format.isWellFormed("WDN_" + value.substring(4))).isFalse();
        }

        @ParameterizedTest
        @ValueSource(chars = {'-', '_', '+', '/', '=', ' ', '.', 'é', '\u0000'})
        void nonBase62CharactersInTheBodyEvenWithAMatchingChecksum(char intruder) {
            String body = intruder + format.generate(random).reveal().substring(5, 47);
            String value = "wdn_" + body + specChecksum("wdn_" + body);

            assertThat(value).hasSize(53);
            assertThat(format.isWellFormed(value)).isFalse();
        }

        @Test
        void aValueWithSurroundingWhitespace() {
            String value = format.generate(random).reveal();

            assertThat(format.isWellFormed(" " + value.substring(1))).isFalse();
            assertThat(format.isWellFormed(value.substring(0, 52) + "\n")).isFalse();
        }
    }

    @Nested
    class CustomPrefix {
        private final TokenFormat custom = new TokenFormat("acme-");

        @Test
        void generatesWellFormedTokensWithThatPrefix() {
            String value = custom.generate(random).reveal();

            assertThat(value).hasSize(54).startsWith("acme-");
            assertThat(custom.length()).isEqualTo(54);
            assertThat(custom.prefix()).isEqualTo("acme-");
            assertThat(value.substring(54 - 6)).isEqualTo(specChecksum(value.substring(0, 48)));
            assertThat(custom.isWellFormed(value)).isTrue();
        }

        @Test
        void coversThePrefixWithTheChecksum() {
            String value = custom.generate(random).reveal();
            TokenFormat sameLength = new TokenFormat("acme_");

            assertThat(sameLength.isWellFormed("acme_" + value.substring(5))).isFalse();
        }

        @Test
        void neitherFormatAcceptsTheOthersTokens() {
            assertThat(format.isWellFormed(custom.generate(random).reveal())).isFalse();
            assertThat(custom.isWellFormed(format.generate(random).reveal())).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"a", "x_", "Ab-9_", "abcdefghijklmnop"})
        void acceptsOneToSixteenLettersDigitsUnderscoresOrHyphensStartingWithALetter(String prefix) {
            TokenFormat accepted = new TokenFormat(prefix);

            assertThat(accepted.isWellFormed(accepted.generate(random).reveal()))
                    .isTrue();
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", "1wdn_", "_wdn", "-wdn", "wdn.", "wd n_", "wdn/", "wdné_", "abcdefghijklmnopq"})
        void refusesInvalidPrefixes(String prefix) {
            assertThatThrownBy(() -> new TokenFormat(prefix))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("prefix");
        }
    }

    @Test
    void generatedValuesDiffer() {
        Set<String> values = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            values.add(format.generate(random).reveal());
        }
        assertThat(values).hasSize(100);
    }

    @Test
    void generationReadsThirtyTwoBytesFromTheRandomSource() {
        int[] requested = new int[1];
        SecureRandom spy = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                requested[0] += bytes.length;
            }
        };

        format.generate(spy);

        assertThat(requested[0]).isEqualTo(32);
    }

    @Nested
    class MaskingForLogs {
        private final String token = format.generate(random).reveal();
        private final String hint = "wdn_..." + token.substring(token.length() - 4);

        @Test
        void replacesEveryTokenByItsPrefixAndLastFourCharacters() {
            String other = format.generate(random).reveal();

            String masked = format.masked("Authorization: Bearer " + token + ", comment=[" + other + "] end");

            assertThat(masked)
                    .isEqualTo("Authorization: Bearer " + hint + ", comment=[wdn_..."
                            + other.substring(other.length() - 4) + "] end")
                    .doesNotContain(token.substring(4, 20));
        }

        @Test
        void masksAMistypedTokenAndATokenRunIntoMoreCharacters() {
            String mistyped = withChar(token, 10, token.charAt(10) == 'x' ? 'y' : 'x');

            assertThat(format.masked(mistyped)).isEqualTo(hint);
            assertThat(format.masked("q=" + token + "tail")).isEqualTo("q=wdn_...tail");
        }

        @Test
        void masksATokenWhateverItsCase() {
            String lower = token.toLowerCase(java.util.Locale.ROOT);

            assertThat(format.masked("name=" + lower)).isEqualTo("name=wdn_..." + lower.substring(lower.length() - 4));
            assertThat(format.masked(token.toUpperCase(java.util.Locale.ROOT))).startsWith("wdn_...");
        }

        @Test
        void masksATokenCutShortByATruncatedLogValue() {
            String cut = token.substring(0, 30);

            assertThat(format.masked("[" + cut + " (truncated)..."))
                    .isEqualTo("[wdn_..." + cut.substring(26) + " (truncated)...");
        }

        @Test
        void leavesTextWithoutTokensAlone() {
            String text = "wdn_ is the prefix; wdn_short and wdn_123456789012345 are no tokens";

            assertThat(format.masked(text)).isEqualTo(text);
            assertThat(format.masked("no prefix here")).isEqualTo("no prefix here");
            assertThat(format.masked(null)).isNull();
        }

        @Test
        void masksOnlyTheConfiguredPrefix() {
            TokenFormat acme = new TokenFormat("acme-");
            String acmeToken = acme.generate(random).reveal();

            assertThat(acme.masked("a=" + acmeToken))
                    .isEqualTo("a=acme-..." + acmeToken.substring(acmeToken.length() - 4));
            assertThat(acme.masked("$x\\" + acmeToken))
                    .isEqualTo("$x\\acme-..." + acmeToken.substring(acmeToken.length() - 4));
        }
    }
}
