package dev.warden.core.filter;

import static dev.warden.core.filter.FilterParser.invalid;

import dev.warden.core.shared.Validation;
import java.util.ArrayList;
import java.util.List;

/** Splits a SCIM filter into words (names, operators, keywords, literals), JSON strings and the symbols ( ) [ ]. */
final class FilterTokenizer {
    private FilterTokenizer() {}

    record Token(Kind kind, String text, int position) {
        enum Kind {
            WORD,
            STRING,
            SYMBOL
        }
    }

    static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if ("()[]".indexOf(c) >= 0) {
                tokens.add(new Token(Token.Kind.SYMBOL, String.valueOf(c), i + 1));
                i++;
            } else if (c == '"') {
                StringBuilder value = new StringBuilder();
                int start = i;
                i = string(text, i + 1, value);
                tokens.add(new Token(Token.Kind.STRING, value.toString(), start + 1));
            } else if (isWordChar(c)) {
                int start = i;
                while (i < text.length() && isWordChar(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Token.Kind.WORD, text.substring(start, i), start + 1));
            } else {
                throw invalid("unexpected character " + Validation.echo(String.valueOf(c)) + " at position " + (i + 1));
            }
        }
        return tokens;
    }

    /** Reads a JSON string body from {@code i} (after the opening quote); returns the index after the closing one. */
    private static int string(String text, int i, StringBuilder value) {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= text.length()) {
                    break;
                }
                char escaped = text.charAt(i + 1);
                switch (escaped) {
                    case '"', '\\', '/' -> value.append(escaped);
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'u' -> {
                        if (i + 6 > text.length()
                                || !text.substring(i + 2, i + 6).matches("[0-9A-Fa-f]{4}")) {
                            throw invalid("a \\u escape needs four hex digits, at position " + (i + 1));
                        }
                        value.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                        i += 4;
                    }
                    default -> throw invalid("unknown escape \\" + escaped + " in a string at position " + (i + 1));
                }
                i += 2;
            } else {
                value.append(c);
                i++;
            }
        }
        throw invalid("a string is not closed with a double quote");
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == ':' || c == '_' || c == '-' || c == '$' || c == '+';
    }
}
