package dev.warden.core.principal;

import dev.warden.core.shared.InvalidParameterException;
import java.nio.charset.StandardCharsets;

/**
 * What a console password must be, wherever one is set (a new user, a change, an admin's reset, the recovery
 * setting): at least {@value #MIN_LENGTH} characters, and at most {@value #MAX_BYTES} bytes in UTF-8, because bcrypt
 * reads no further and Warden will not silently ignore the rest.
 */
public final class ConsolePassword {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_BYTES = 72;

    private ConsolePassword() {}

    /** @return the password unchanged (never trimmed: spaces are part of it) */
    public static String require(String password, String field) {
        String problem = problem(password);
        if (problem != null) {
            throw new InvalidParameterException(field, problem);
        }
        return password;
    }

    /** What is wrong with the password, as a form shows it next to the field; null when it is acceptable. */
    public static String problem(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return "Enter a password of at least " + MIN_LENGTH + " characters.";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "A password can be at most " + MAX_BYTES + " bytes (" + MAX_BYTES
                    + " plain letters and digits; accented letters and other scripts take two to four bytes each).";
        }
        return null;
    }
}
