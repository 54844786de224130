package dev.warden.web.shared;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * An API or OAuth path that no route serves is not found here, before Spring MVC asks the static resource handler,
 * which Boot maps to every path. That handler looked the path up in every jar on the class path before it gave up:
 * an authenticated request to a mistyped API path cost about seven times an answered one (900 µs of server CPU
 * against 130 µs for {@code token/list}). The 404 itself is the one every unknown route gets
 * ({@link WardenErrorController}). A route that exists but does not take the method still answers 405: the
 * application's request mappings, asked first, say so. The paths are those {@link ApiErrorWriter#isApiPath} and
 * {@link ApiErrorWriter#isOAuthPath} answer for, as URL patterns.
 */
@Configuration(proxyBeanMethods = false)
class MachinePathsNotFound {

    /** After the application's and Actuator's request mappings, before the static resources. */
    static final int ORDER = Ordered.LOWEST_PRECEDENCE - 2;

    @Bean
    SimpleUrlHandlerMapping machinePathsNotFoundMapping() {
        HttpRequestHandler notFound = (request, response) -> {
            throw new NoHandlerFoundException(
                    request.getMethod(), request.getRequestURI(), new ServletServerHttpRequest(request).getHeaders());
        };
        return new SimpleUrlHandlerMapping(
                Map.of("/api/**", notFound, "/oauth2/**", notFound, "/oidc/**", notFound), ORDER);
    }
}
