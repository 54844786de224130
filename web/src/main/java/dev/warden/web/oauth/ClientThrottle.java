package dev.warden.web.oauth;

import dev.warden.web.security.SignInProperties;
import dev.warden.web.security.SignInThrottle;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Failed client authentications at the token endpoint, counted per client id and per client address with the
 * console sign-in's rules and settings ({@code warden.sign-in.*}), in counters of their own: a client id can never
 * lock a console user of the same name, nor the other way round.
 */
@Component
class ClientThrottle {
    private final SignInThrottle failures;

    ClientThrottle(SignInProperties settings, Clock clock) {
        this.failures = new SignInThrottle(settings, clock);
    }

    Optional<Duration> lockedFor(String clientId, String address) {
        return failures.lockedFor(clientId, address);
    }

    void failed(String clientId, String address) {
        failures.failed(clientId, address);
    }

    void succeeded(String clientId) {
        failures.forget(clientId);
    }
}
