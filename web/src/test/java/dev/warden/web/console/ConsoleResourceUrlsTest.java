package dev.warden.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ConsoleResourceUrlsTest {
    private final ConsoleResourceUrls.ConsolePagesOnly filter = new ConsoleResourceUrls.ConsolePagesOnly();

    @ParameterizedTest
    @ValueSource(strings = {"/api/2.0/token/list", "/api", "/oauth2/introspect", "/oidc/logout"})
    void passesApiAndOAuthRequestsOnUnwrapped(String path) throws ServletException, IOException {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        MockHttpServletResponse response = new MockHttpServletResponse();

        MockFilterChain chain = filter(request, response);

        assertThat(chain.getRequest()).isSameAs(request);
        assertThat(chain.getResponse()).isSameAs(response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/settings/user/tokens", "/login", "/apiary"})
    void wrapsConsolePagesSoThatTheirWebjarLinksAreRewritten(String path) throws ServletException, IOException {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        MockHttpServletResponse response = new MockHttpServletResponse();

        MockFilterChain chain = filter(request, response);

        assertThat(chain.getRequest()).isNotSameAs(request);
        assertThat(chain.getResponse()).isNotSameAs(response);
    }

    /** The chain after the filter, which holds what the filter passed on. */
    private MockFilterChain filter(MockHttpServletRequest request, MockHttpServletResponse response)
            throws ServletException, IOException {
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        return chain;
    }
}
