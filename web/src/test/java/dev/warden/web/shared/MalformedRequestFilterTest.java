package dev.warden.web.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MalformedRequestFilterTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "a=1&b=2                     | null",
                "a=%41%42+c&b=%F0%9F%9A%80   | null",
                "flag&b=1                    | null",
                "a=1&b=%zz                   | b",
                "a=%                         | a",
                "a=%4                        | a",
                "page_token=%FF              | page_token",
                "a=%E0%A4                    | a",
                "a=%ED%A0%80                 | a",
                "a=%C0%AF                    | a",
                "%zz=1                       | %zz",
                "n%61me=%zz                  | name"
            })
    void namesTheFirstParameterThatIsNotUtf8UrlEncoding(String query, String expected) {
        assertThat(MalformedRequestFilter.firstMalformed(query)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"a+b | a b", "%C3%A9t%C3%A9 | été", "%F0%9F%9A%80 | 🚀"})
    void decodesWhatIsWellFormed(String encoded, String decoded) {
        assertThat(MalformedRequestFilter.decode(encoded)).isEqualTo(decoded);
    }
}
