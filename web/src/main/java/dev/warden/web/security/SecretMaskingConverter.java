package dev.warden.web.security;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.CompositeConverter;
import dev.warden.core.token.TokenFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Logback's {@code %maskSecrets(pattern){prefix}}: the whole formatted line (message, arguments, stack trace) with
 * anything in Warden's token format replaced by its prefix and last four characters, and the other secrets a
 * request carries replaced by {@code [REDACTED]}: password fields (form or JSON), the CSRF token, session ids
 * and Basic credentials. Registered in {@code logback-spring.xml} around Boot's own console and file
 * patterns, so they reach no log at any level, whichever library logs them (Tomcat's request dumps and form
 * parameters at DEBUG, Spring MVC's bodies, JDBC parameters at TRACE, exception messages).
 */
public final class SecretMaskingConverter extends CompositeConverter<ILoggingEvent> {
    /** Group 1 is kept: the name of the secret; what follows it, the value, is redacted. */
    private static final List<Pattern> CREDENTIALS = List.of(
            // form fields and cookies: password=…, newPassword=…, _csrf=…, JSESSIONID=…
            Pattern.compile("(?i)\\b((?:[\\w.-]*password[\\w.-]*|_csrf|JSESSIONID)=)[^&\\s;,\\]\"]+"),
            // JSON members: "password":"…", with escaped quotes inside
            Pattern.compile("(?i)(\"[\\w.-]*password[\\w.-]*\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)+"),
            Pattern.compile("(?i)(Authorization:\\s*Basic\\s+)[A-Za-z0-9+/=._~-]+"),
            // Tomcat's session ids wherever they appear (32 upper-case hex digits; Warden's own ids are lower-case)
            Pattern.compile("()\\b[0-9A-F]{32}\\b"));

    private TokenFormat tokens = new TokenFormat(TokenFormat.DEFAULT_PREFIX);

    @Override
    public void start() {
        String prefix = getFirstOption();
        if (prefix != null && !prefix.isBlank()) {
            try {
                tokens = new TokenFormat(prefix.strip());
            } catch (IllegalArgumentException e) {
                // Warden itself refuses to start with such a prefix; until it says so, mask the default one.
                addError("Not a token prefix, masking '" + TokenFormat.DEFAULT_PREFIX + "' tokens instead", e);
            }
        }
        super.start();
    }

    @Override
    protected String transform(ILoggingEvent event, String in) {
        return masked(tokens, in);
    }

    static String masked(TokenFormat tokens, String line) {
        String masked = tokens.masked(line);
        for (Pattern credential : CREDENTIALS) {
            masked = credential.matcher(masked).replaceAll("$1[REDACTED]");
        }
        return masked;
    }
}
