package dev.warden.web.shared;

import dev.warden.core.access.Decision;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.CanaryTrips;
import dev.warden.core.token.CanaryUse;
import dev.warden.core.token.DenialReason;
import dev.warden.core.token.TokenRefusal;
import dev.warden.core.token.TokenRefusalRecorder;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Where every refusal of an identified token is handed to the {@link TokenRefusalRecorder} (recent refusals, issue
 * 16): Warden's own API (bearer filter and permission interceptor), forward authentication and introspection. Only
 * queues in memory; the write happens off the request thread. Never reads the Authorization header, and the path is
 * stored without its query string.
 * <p>
 * A presented canary token is refused as unknown, so nothing is kept among its refusals; it is handed to
 * {@link CanaryTrips} instead, which only queues its alert (address, user agent, method and path).
 */
@Component
public class RefusalLog {
    private final TokenRefusalRecorder recorder;
    private final CanaryTrips canaries;
    private final Clock clock;

    RefusalLog(TokenRefusalRecorder recorder, CanaryTrips canaries, Clock clock) {
        this.recorder = recorder;
        this.canaries = canaries;
        this.clock = clock;
    }

    /** A refusal of this request itself (its own method and path); nothing when no token was identified. */
    public void refused(Decision decision, HttpServletRequest request) {
        refused(decision, null, request.getMethod(), request.getRequestURI(), request);
    }

    /**
     * Only the alert of a canary token, if the decision refused one: for a refusal whose token is not kept among
     * recent refusals (the bearer credentials of a service calling introspection).
     */
    public void canary(Decision decision, HttpServletRequest request) {
        trip(decision, request.getMethod(), request.getRequestURI(), request);
    }

    /** Queues the alert of the canary the decision refused, if any: in memory only, never a write here. */
    private void trip(Decision decision, String method, String path, HttpServletRequest request) {
        decision.trippedCanary()
                .ifPresent(canary -> canaries.tripped(
                        canary,
                        new CanaryUse(
                                clock.instant(),
                                request.getRemoteAddr(),
                                request.getHeader(HttpHeaders.USER_AGENT),
                                method,
                                path,
                                null)));
    }

    /**
     * A refusal of a request another service received (forward authentication: the method and path the proxy
     * forwarded, as given), with the reason the answer gives ({@code reason} null: the decision's own).
     */
    public void refused(
            Decision decision, DenialReason reason, String method, String path, HttpServletRequest request) {
        trip(decision, method, path, request);
        AccessToken token = decision.identifiedToken().orElse(null);
        DenialReason why = reason != null
                ? reason
                : decision.allowed() ? null : decision.denial().reason();
        if (token == null || why == null) {
            return;
        }
        recorder.record(new TokenRefusal(
                token.workspace(),
                token.id(),
                clock.instant(),
                method,
                path,
                why,
                request.getRemoteAddr(),
                request.getHeader(HttpHeaders.USER_AGENT)));
    }
}
