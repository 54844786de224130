package dev.warden.e2e;

import example.wiki.WikiApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real resource server that relies on Warden ({@link WikiApplication}: Spring Security's opaque-token
 * introspection pointed at Warden's {@code /oauth2/introspect} with a registered service's client id and secret),
 * started as a second Spring application in the test JVM on a random loopback port. Journeys and API tests reuse it:
 * {@code try (ResourceServerApp wiki = ResourceServerApp.start(wardenUrl, clientId, secret, "wiki:read")) {...}}.
 * <p>
 * It sees nothing of Warden but the introspection endpoint: its own context, its own (unused) in-memory database so
 * that the auto-configuration on this shared classpath has one, no Flyway, no JMX.
 */
public final class ResourceServerApp implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ResourceServerApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * @param readScope the scope {@code GET /pages} needs (its authority is {@code SCOPE_<readScope>})
     */
    public static ResourceServerApp start(
            String wardenBaseUrl, String clientId, String clientSecret, String readScope) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WikiApplication.class)
                .web(WebApplicationType.SERVLET)
                .registerShutdownHook(false)
                .properties(
                        "server.port=0",
                        "server.address=127.0.0.1",
                        "spring.main.banner-mode=off",
                        "spring.application.name=wiki",
                        "spring.jmx.enabled=false",
                        "spring.flyway.enabled=false",
                        "spring.datasource.url=jdbc:h2:mem:wiki-" + UUID.randomUUID(),
                        "spring.thymeleaf.check-template-location=false",
                        "management.endpoints.web.exposure.exclude=*",
                        "spring.security.oauth2.resourceserver.opaquetoken.introspection-uri=" + wardenBaseUrl
                                + "/oauth2/introspect",
                        "spring.security.oauth2.resourceserver.opaquetoken.client-id=" + clientId,
                        "spring.security.oauth2.resourceserver.opaquetoken.client-secret=" + clientSecret,
                        "wiki.read-scope=" + readScope)
                .run();
        return new ResourceServerApp(context);
    }

    public String baseUrl() {
        return "http://127.0.0.1:"
                + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** {@code GET path} with {@code Authorization: Bearer <token>} (none when null). */
    public HttpResponse<String> get(String path, String bearerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .GET();
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
