package dev.warden.core.permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ScopeTest {
    /** The grammar of a scope key as DESIGN states it; the hand-written check must accept exactly this. */
    private static final Pattern GRAMMAR = Pattern.compile("all-apis|[a-z][a-z0-9-]*:[a-z0-9][a-z0-9._-]*");

    @Test
    void acceptsExactlyTheGrammarOnEveryShortStringOfItsEdgeCharacters() {
        // every string of up to five characters over the characters at the edges of each class, and a few outside
        List<String> strings = allStrings("az09-._:A é", 5);
        assertThat(strings).hasSizeGreaterThan(150_000);
        List<String> disagreements = strings.stream()
                .filter(key -> Scope.isKey(key) != GRAMMAR.matcher(key).matches())
                .toList();
        assertThat(disagreements).isEmpty();
    }

    @Test
    void acceptsWhatTokensCarry() {
        assertThat(List.of("all-apis", "tokens:read", "scim:write", "wiki:read", "my-svc2:v1.read_all", "a:0"))
                .allMatch(Scope::isKey);
    }

    @Test
    void refusesNearMisses() {
        assertThat(List.of(
                        "all-apis2",
                        "All-apis",
                        "tokens",
                        "tokens:",
                        ":read",
                        "1tokens:read",
                        "tokens:-read",
                        "tokens:read:write",
                        "tokens:Read",
                        "tok_ens:read",
                        "tokens:re ad",
                        "tokens:réad",
                        ""))
                .noneMatch(Scope::isKey);
        assertThatIllegalArgumentException().isThrownBy(() -> new Scope("tokens:Read"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Scope(null));
    }

    private static List<String> allStrings(String alphabet, int maxLength) {
        List<String> all = new ArrayList<>(List.of(""));
        List<String> previous = List.of("");
        for (int length = 1; length <= maxLength; length++) {
            List<String> next = new ArrayList<>();
            for (String prefix : previous) {
                for (char c : alphabet.toCharArray()) {
                    next.add(prefix + c);
                }
            }
            all.addAll(next);
            previous = next;
        }
        return all;
    }
}
