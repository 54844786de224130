package dev.warden.web.support;

import dev.warden.core.event.TokenEvent;
import dev.warden.core.event.TokenEvents;
import dev.warden.core.token.TokenId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A {@link TokenEvents} that keeps what is published, in place of the application's: import it into a test class
 * that asserts which events went out (it starts an application context of its own).
 */
public final class RecordingTokenEvents implements TokenEvents {
    private final List<TokenEvent> published = new CopyOnWriteArrayList<>();

    @Override
    public void publish(TokenEvent event) {
        published.add(event);
    }

    public List<TokenEvent> of(TokenId token) {
        return published.stream().filter(event -> event.token().equals(token)).toList();
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {
        @Bean
        @Primary
        RecordingTokenEvents recordingTokenEvents() {
            return new RecordingTokenEvents();
        }
    }
}
