package dev.warden.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalAttributes;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.workspace.WorkspaceId;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SCIM filters (RFC 7644 §3.4.2.2) as Warden reads and evaluates them, and sortBy/sortOrder. */
class FilterParserTest {
    private static final WorkspaceId WS = new WorkspaceId(1);

    private static Principal user(long id, String userName, String displayName, String email, boolean active) {
        return new Principal(
                new PrincipalId(id),
                WS,
                PrincipalKind.USER,
                userName,
                displayName,
                active,
                null,
                null,
                email,
                null,
                null,
                id == 3 ? "EXT-3" : null);
    }

    private final Principal alice = user(1, "Alice@Example.com", "Alice Liddell", "alice@example.com", true);
    private final Principal bob = user(2, "bob@example.org", "Bob", null, false);
    private final Principal carol = user(3, "carol", "Carol \"C\" Ångström", "carol@EXAMPLE.com", true);
    private final List<Principal> everyone = List.of(alice, bob, carol);

    private List<Long> matching(String filter) {
        Filter parsed = FilterParser.parse(filter, PrincipalAttributes.USERS);
        return everyone.stream()
                .filter(p -> parsed.matches(PrincipalAttributes.of(p)))
                .map(p -> p.id().value())
                .toList();
    }

    private static InvalidFilterException refused(String filter) {
        return catchThrowableOfType(
                InvalidFilterException.class, () -> FilterParser.parse(filter, PrincipalAttributes.USERS));
    }

    @Nested
    class Comparisons {
        @Test
        void userNameIgnoresCaseAsRfc7643Says() {
            assertThat(matching("userName eq \"alice@example.com\"")).containsExactly(1L);
            assertThat(matching("USERNAME EQ \"ALICE@EXAMPLE.COM\"")).containsExactly(1L);
            assertThat(matching("userName ne \"alice@example.com\"")).containsExactly(2L, 3L);
        }

        @Test
        void containsStartsWithAndEndsWithIgnoreCaseToo() {
            assertThat(matching("userName co \"EXAMPLE\"")).containsExactly(1L, 2L);
            assertThat(matching("userName sw \"B\"")).containsExactly(2L);
            assertThat(matching("userName ew \".COM\"")).containsExactly(1L);
            assertThat(matching("displayName co \"ångström\"")).containsExactly(3L);
        }

        @Test
        void emailsAndEmailsValueAreOneAttribute() {
            assertThat(matching("emails co \"example.com\"")).containsExactly(1L, 3L);
            assertThat(matching("emails.value ew \"@example.com\"")).containsExactly(1L, 3L);
        }

        @Test
        void externalIdComparesExactly() {
            assertThat(matching("externalId eq \"EXT-3\"")).containsExactly(3L);
            assertThat(matching("externalId eq \"ext-3\"")).isEmpty();
        }

        @Test
        void anAbsentValueMatchesNeButNoOtherComparison() {
            assertThat(matching("emails eq \"x\"")).isEmpty();
            assertThat(matching("emails co \"\"")).containsExactly(1L, 3L);
            assertThat(matching("emails ne \"alice@example.com\"")).containsExactly(2L, 3L);
            assertThat(matching("not (emails co \"example\")")).containsExactly(2L);
        }

        @Test
        void presentMeansAValue() {
            assertThat(matching("emails pr")).containsExactly(1L, 3L);
            assertThat(matching("not (emails pr)")).containsExactly(2L);
            assertThat(matching("externalId pr")).containsExactly(3L);
            assertThat(matching("userName pr")).containsExactly(1L, 2L, 3L);
        }

        @Test
        void idsCompareAsNumbers() {
            assertThat(matching("id eq \"2\"")).containsExactly(2L);
            assertThat(matching("id eq \"002\"")).containsExactly(2L);
            assertThat(matching("id eq 3")).containsExactly(3L);
            assertThat(matching("id eq \"abc\"")).isEmpty();
            assertThat(matching("id ne \"abc\"")).containsExactly(1L, 2L, 3L);
            assertThat(matching("id ne \"1\"")).containsExactly(2L, 3L);
        }

        @Test
        void activeIsTrueOrFalse() {
            assertThat(matching("active eq true")).containsExactly(1L, 3L);
            assertThat(matching("active eq FALSE")).containsExactly(2L);
            assertThat(matching("active ne true")).containsExactly(2L);
        }

        @Test
        void stringsAreJsonStrings() {
            assertThat(matching("displayName co \"\\\"C\\\"\"")).containsExactly(3L);
            assertThat(matching("displayName co \"\\u00c5ngstr\\u00f6m\"")).containsExactly(3L);
        }

        @Test
        void theSchemaUrnMayPrefixAnAttribute() {
            assertThat(matching("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"carol\""))
                    .containsExactly(3L);
        }
    }

    @Nested
    class Logic {
        @Test
        void andBindsTighterThanOr() {
            // bob, or (alice and inactive) = bob only
            assertThat(matching("userName sw \"bob\" or userName sw \"alice\" and active eq false"))
                    .containsExactly(2L);
            assertThat(matching("(userName sw \"bob\" or userName sw \"alice\") and active eq false"))
                    .containsExactly(2L);
            assertThat(matching("(userName sw \"bob\" or userName sw \"alice\") and active eq true"))
                    .containsExactly(1L);
        }

        @Test
        void notNegatesAParenthesisedFilter() {
            assertThat(matching("not (active eq true)")).containsExactly(2L);
            assertThat(matching("NOT(userName co \"example\") or id eq \"1\"")).containsExactly(1L, 3L);
            assertThat(matching("not (not (active eq true))")).containsExactly(1L, 3L);
        }

        @Test
        void keywordsIgnoreCaseAndSpacesAreFree() {
            assertThat(matching("  ( userName sw \"bob\" )OR(userName sw \"carol\")  "))
                    .containsExactly(2L, 3L);
            assertThat(matching("userName sw \"a\" AND active Eq true")).containsExactly(1L);
        }

        @Test
        void aBlankFilterIsNoFilter() {
            assertThat(FilterParser.parse("  ", PrincipalAttributes.USERS)).isNull();
            assertThat(FilterParser.parse(null, PrincipalAttributes.USERS)).isNull();
        }
    }

    @Nested
    class Refusals {
        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '`',
                value = {
                    "userName gt \"a\" | the operator 'gt' (ordering) is not supported",
                    "userName LE \"a\" | the operator 'le' (ordering) is not supported",
                    "emails[type eq \"work\"] | value filters such as emails[type eq \"work\"] are not supported",
                    "applicationId eq \"x\" | Users cannot be filtered on 'applicationId'; the attributes are userName,"
                            + " displayName, emails.value",
                    "userName eq null | comparing with null is not supported",
                    "userName eq true | userName is compared with a string in double quotes",
                    "userName eq unquoted | userName is compared with a string in double quotes",
                    "active eq \"true\" | active is compared with true or false (without quotes)",
                    "active co \"t\" | active is true or false: compare it with eq or ne, not co",
                    "id sw \"1\" | id is compared with eq or ne only, not sw",
                    "userName xx \"a\" | unknown operator 'xx'",
                    "userName | the filter ends where an operator (eq, ne, co, sw, ew or pr) was expected",
                    "userName eq | the filter ends where a value after 'eq' was expected",
                    "userName eq \"a\" active eq true | expected 'and', 'or' or the end of the filter at position 17",
                    "not userName eq \"a\" | expected '(' after 'not'",
                    "(userName eq \"a\" | the filter ends where ')' was expected",
                    "userName eq \"a\") | expected 'and', 'or' or the end of the filter at position 16, found ')'",
                    "and eq \"a\" | expected an attribute name at position 1, found 'and'",
                    "userName eq \"unclosed | a string is not closed with a double quote",
                    "userName eq \"a\\qb\" | unknown escape \\q",
                    "userName eq \"\\u12\" | a \\u escape needs four hex digits",
                    "userName eq \"a\" ; | unexpected character ';' at position 17",
                    "userName eq \"\\u0000\" | must not contain control characters",
                })
        void anUnsupportedConstructIsNamed(String filter, String named) {
            InvalidFilterException refused = refused(filter);

            assertThat(refused).as(filter).isNotNull();
            assertThat(refused.field()).isEqualTo("filter");
            assertThat(refused.scimType()).isEqualTo("invalidFilter");
            assertThat(refused.getMessage()).startsWith("Unsupported filter: ").contains(named);
        }

        @Test
        void aFilterIsBounded() {
            String deep = "(".repeat(21) + "userName eq \"a\"" + ")".repeat(21);
            String wide = String.join(
                    " or ", Stream.generate(() -> "userName eq \"a\"").limit(51).toList());

            assertThat(refused(deep).getMessage()).contains("nested more than 20 deep");
            assertThat(refused(wide).getMessage()).contains("more than 50 comparisons");
            assertThat(refused("userName eq \"" + "a".repeat(2000) + "\"").getMessage())
                    .contains("at most 2000 are read");
            assertThat(FilterParser.parse(
                            "(".repeat(20) + "userName eq \"a\"" + ")".repeat(20), PrincipalAttributes.USERS))
                    .isNotNull();
        }

        @Test
        void anEchoedValueIsCut() {
            String message = refused("userName eq " + "x".repeat(1000)).getMessage();

            assertThat(message).contains("…").hasSizeLessThan(400);
        }
    }

    @Nested
    class Sorting {
        @Test
        void sortByNamesASortableAttributeInAnyCaseAndSortOrderAnyCase() {
            assertThat(PrincipalAttributes.USERS.sortOrder("USERNAME", "DESCENDING"))
                    .isEqualTo(new SortOrder(PrincipalAttributes.USER_NAME, true));
            assertThat(PrincipalAttributes.USERS.sortOrder("displayName", null))
                    .isEqualTo(new SortOrder(PrincipalAttributes.DISPLAY_NAME, false));
            assertThat(PrincipalAttributes.USERS.sortOrder(null, "descending")).isNull();
        }

        @Test
        void anUnknownSortByOrSortOrderIsRefusedNamingIt() {
            InvalidParameterException sortBy = catchThrowableOfType(
                    InvalidParameterException.class, () -> PrincipalAttributes.USERS.sortOrder("emails", null));
            InvalidParameterException sortOrder = catchThrowableOfType(
                    InvalidParameterException.class, () -> PrincipalAttributes.USERS.sortOrder("id", "upwards"));

            assertThat(sortBy.field()).isEqualTo("sortBy");
            assertThat(sortBy.getMessage()).contains("userName, displayName, id");
            assertThat(sortOrder.field()).isEqualTo("sortOrder");
        }

        @Test
        void textSortsIgnoringCaseWithTheIdBreakingTiesInTheSameDirection() {
            Principal zed = user(4, "Zed", "alice liddell", null, true);
            Comparator<Principal> ascending = new SortOrder(PrincipalAttributes.DISPLAY_NAME, false)
                    .comparator(PrincipalAttributes::of, p -> p.id().value());
            Comparator<Principal> descending = new SortOrder(PrincipalAttributes.DISPLAY_NAME, true)
                    .comparator(PrincipalAttributes::of, p -> p.id().value());

            assertThat(Stream.of(bob, zed, carol, alice).sorted(ascending).map(p -> p.id().value()))
                    .containsExactly(1L, 4L, 2L, 3L);
            assertThat(Stream.of(bob, zed, carol, alice).sorted(descending).map(p -> p.id().value()))
                    .containsExactly(3L, 2L, 4L, 1L);
        }
    }
}
