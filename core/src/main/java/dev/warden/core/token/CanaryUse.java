package dev.warden.core.token;

import java.time.Instant;

/**
 * One use of a canary token, as its alert describes it: never the value itself.
 *
 * @param clientAddress the address the request came from (as the server saw it)
 * @param userAgent the request's User-Agent; null when it sent none
 * @param method the HTTP method of the request the canary was presented to (for forward authentication, the one the
 *     proxy forwarded)
 * @param endpoint the path it was presented to, without the query string
 * @param source where it was found, for a canary reported as leaked; null for a use
 */
public record CanaryUse(
        Instant at, String clientAddress, String userAgent, String method, String endpoint, String source) {
    public CanaryUse {
        int query = endpoint == null ? -1 : endpoint.indexOf('?');
        if (query >= 0) {
            endpoint = endpoint.substring(0, query); // a query string may carry secrets of its own
        }
    }
}
