package dev.warden.web.webhook;

import dev.warden.core.webhook.WebhookSender;
import dev.warden.core.webhook.WebhookSigner;
import dev.warden.web.config.WebhookProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Posts over the JDK's HTTP client: redirects never followed (a 3xx is a failed try: a receiver must give its final
 * address), short connect and read timeouts, and the response body discarded unread, so that no answer of an intranet
 * page reaches the delivery log or anyone who reads it.
 */
@Component
class HttpWebhookSender implements WebhookSender {
    private final HttpClient client;
    private final WebhookProperties properties;

    HttpWebhookSender(WebhookProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.connectTimeout())
                .build();
    }

    @Override
    public Outcome post(String url, String secret, String messageId, long timestamp, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(properties.readTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Warden-Webhooks")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            request.header("webhook-id", messageId);
            request.header("webhook-timestamp", Long.toString(timestamp));
            request.header("webhook-signature", "v1," + sign(secret, messageId, timestamp, body));
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return new Outcome(response.statusCode(), null);
        } catch (IOException | IllegalArgumentException e) {
            return new Outcome(null, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, e.getClass().getSimpleName());
        }
    }

    /** Base64 of HMAC-SHA256 over {@code id.timestamp.body}, keyed with the base64-decoded part after {@code whsec_}. */
    static String sign(String secret, String messageId, long timestamp, String body) {
        byte[] key = Base64.getDecoder().decode(secret.substring(WebhookSigner.PREFIX.length()));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder()
                    .encodeToString(
                            mac.doFinal((messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
