package dev.warden.core.webhook;

import java.util.Map;

/** Port: one HTTP POST to a webhook's URL. */
public interface WebhookSender {
    /** What came back: a status code, or the class of the failure when nothing did. Never the body. */
    record Outcome(Integer statusCode, String error) {
        public boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    /** Posts the JSON body with these headers; never throws for a network failure (that is an outcome). */
    Outcome post(String url, Map<String, String> headers, String body);
}
