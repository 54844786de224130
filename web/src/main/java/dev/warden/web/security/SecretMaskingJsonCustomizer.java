package dev.warden.web.security;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.warden.core.token.TokenFormat;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * The JSON log format's counterpart of {@link SecretMaskingConverter} (README "Logs"): Boot's structured logging
 * ({@code logging.structured.format.console=ecs|logstash|gelf}) writes each event as JSON, not through the pattern
 * that masks, so this masks every string value (message, stack trace, every other member) before it is written,
 * with the same rules. Masking the finished JSON line instead would miss secrets whose quotes JSON escapes. Named
 * by {@code logging.structured.json.customizer} in application.yaml; Boot creates it with the environment.
 */
public final class SecretMaskingJsonCustomizer implements StructuredLoggingJsonMembersCustomizer<ILoggingEvent> {
    private final TokenFormat tokens;

    public SecretMaskingJsonCustomizer(Environment environment) {
        this.tokens = formatOf(environment.getProperty("warden.tokens.prefix", TokenFormat.DEFAULT_PREFIX));
    }

    @Override
    public void customize(JsonWriter.Members<ILoggingEvent> members) {
        members.applyingValueProcessor(
                JsonWriter.ValueProcessor.of(String.class, value -> SecretMaskingConverter.masked(tokens, value)));
    }

    private static TokenFormat formatOf(String prefix) {
        try {
            return new TokenFormat(prefix.strip());
        } catch (IllegalArgumentException e) {
            // Warden itself refuses to start with such a prefix; until it says so, mask the default one.
            return new TokenFormat(TokenFormat.DEFAULT_PREFIX);
        }
    }
}
