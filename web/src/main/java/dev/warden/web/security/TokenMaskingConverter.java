package dev.warden.web.security;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.CompositeConverter;
import dev.warden.core.token.TokenFormat;

/**
 * Logback's {@code %maskTokens(pattern){prefix}}: the whole formatted line (message, arguments, stack trace)
 * with anything in Warden's token format replaced by its prefix and last four characters. Registered in
 * {@code logback-spring.xml} around Boot's own console and file patterns, so no token reaches a log at any level,
 * whichever library logs it (request dumps at TRACE, bodies at DEBUG, JDBC parameters, exception messages).
 */
public final class TokenMaskingConverter extends CompositeConverter<ILoggingEvent> {
    private TokenFormat format = new TokenFormat(TokenFormat.DEFAULT_PREFIX);

    @Override
    public void start() {
        String prefix = getFirstOption();
        if (prefix != null && !prefix.isBlank()) {
            try {
                format = new TokenFormat(prefix.strip());
            } catch (IllegalArgumentException e) {
                // Warden itself refuses to start with such a prefix; until it says so, mask the default one.
                addError("Not a token prefix, masking '" + TokenFormat.DEFAULT_PREFIX + "' tokens instead", e);
            }
        }
        super.start();
    }

    @Override
    protected String transform(ILoggingEvent event, String in) {
        return format.masked(in);
    }
}
