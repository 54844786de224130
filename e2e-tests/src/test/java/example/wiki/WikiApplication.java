package example.wiki;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An intranet wiki that relies on Warden, written as anyone would write one with Spring Boot and nothing of Warden's:
 * Spring Security's resource server with opaque-token introspection, configured only by the standard properties
 * ({@code spring.security.oauth2.resourceserver.opaquetoken.*}). {@code GET /pages} needs the authority
 * {@code SCOPE_<wiki.read-scope>}, which Spring derives from the {@code scope} member of the introspection answer.
 * <p>
 * Deliberately outside {@code dev.warden}: Warden's application, started in the same test JVM, scans
 * {@code dev.warden} and must not pick this configuration up.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class WikiApplication {

    @Bean
    SecurityFilterChain wiki(HttpSecurity http, @Value("${wiki.read-scope}") String readScope) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.requestMatchers("/pages")
                        .hasAuthority("SCOPE_" + readScope)
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(server -> server.opaqueToken(Customizer.withDefaults()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /** Registered as a member class of this configuration. */
    @RestController
    static class Pages {
        @GetMapping("/pages")
        String pages(Principal reader, HttpServletRequest request) {
            return "pages for " + reader.getName();
        }
    }
}
