package dev.warden.web.token;

import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenSecret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Leak reports over real HTTP, each from a client address of its own (through the trusted loopback proxy). */
final class LeakReportRequests {
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    LeakReportRequests(int port) {
        this.port = port;
    }

    /** A client address no other report used ({@code X-Forwarded-For} from the trusted loopback proxy). */
    static String freshAddress() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return "198.51." + (n / 250) + "." + (1 + n % 250);
    }

    HttpResponse<String> send(String address, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + LeakReportFilter.PATH))
                .timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", address)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> text(String address, String text) {
        return send(address, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> json(String address, String json, String... headers) {
        return send(address, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    static AccessToken stored(TokenRepository tokens, String value) {
        return tokens.findByDigest(new TokenSecret(value).digest()).orElseThrow();
    }
}
