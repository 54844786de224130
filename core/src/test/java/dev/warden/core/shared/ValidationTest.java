package dev.warden.core.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidationTest {

    @Nested
    class PlainText {
        @ParameterizedTest
        @ValueSource(
                strings = {
                    "a\u0000b",
                    "tab\there",
                    "line\nbreak",
                    "bell\u0007",
                    "esc\u001b[31m",
                    "del\u007f",
                    "c1\u0085"
                })
        void refusesControlCharactersNamingTheField(String value) {
            assertThatThrownBy(() -> Validation.optional(value, "displayName", 255))
                    .isInstanceOfSatisfying(
                            InvalidParameterException.class,
                            e -> assertThat(e.field()).isEqualTo("displayName"))
                    .hasMessageContaining("control characters");
        }

        @ParameterizedTest
        @ValueSource(strings = {"lone \ud800 high", "lone \udc00 low", "ends high \ud83d", "reversed \ude00\ud83d"})
        void refusesLoneSurrogates(String value) {
            assertThatThrownBy(() -> Validation.required(value, "comment", 255))
                    .isInstanceOfSatisfying(
                            InvalidParameterException.class,
                            e -> assertThat(e.field()).isEqualTo("comment"))
                    .hasMessageContaining("lone surrogate");
        }

        @Test
        void acceptsTextOutsideTheBasicPlaneAndOtherScripts() {
            assertThat(Validation.required("  deploy 🚀 Ünïcödé 東京 עברית  ", "comment", 255))
                    .isEqualTo("deploy 🚀 Ünïcödé 東京 עברית");
        }

        @Test
        void trimsBeforeCountingAndRefusesWhatIsTooLong() {
            assertThat(Validation.optional(" " + "a".repeat(10) + " ", "name", 10))
                    .hasSize(10);
            assertThatThrownBy(() -> Validation.optional("a".repeat(11), "name", 10))
                    .hasMessageContaining("at most 10 characters");
        }
    }

    @Nested
    class Echo {
        @Test
        void quotesShortInputWhole() {
            assertThat(Validation.echo("abc")).isEqualTo("'abc'");
        }

        @Test
        void cutsLongInputToTwoHundredCharactersWithAnEllipsis() {
            assertThat(Validation.echo("x".repeat(5000))).isEqualTo("'" + "x".repeat(200) + "…'");
        }

        @Test
        void listsAtMostFiveInputs() {
            assertThat(Validation.echoAll(java.util.List.of("a", "b", "c", "d", "e", "f", "g")))
                    .isEqualTo("'a', 'b', 'c', 'd', 'e', and 2 more");
        }

        @Test
        void neverCutsASurrogatePairInHalf() {
            String text = "x".repeat(199) + "🚀" + "y".repeat(10);

            assertThat(Validation.shorten(text)).isEqualTo("x".repeat(199) + "…");
        }
    }
}
