package dev.warden.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.web.shared.ApiErrorWriter;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;
import tools.jackson.databind.json.JsonMapper;

/** The fail-closed cases of step 7, which no real route can show (every route declares its permission). */
class RequiredPermissionInterceptorTest {
    private final RequiredPermissionInterceptor interceptor = new RequiredPermissionInterceptor(
            null, new ApiErrorWriter(JsonMapper.builder().build()), null);

    @Test
    void aHandlerWithoutADeclaredPermissionIsRefused() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        HandlerMethod undeclared = new HandlerMethod(new Undeclared(), Undeclared.class.getDeclaredMethod("handle"));

        boolean proceed = interceptor.preHandle(new MockHttpServletRequest("GET", "/api/2.0/x"), response, undeclared);

        assertThat(proceed).isFalse();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString())
                .contains("\"error_code\":\"PERMISSION_DENIED\"")
                .contains("PERMISSION_UNDECLARED");
    }

    @Test
    void anyOtherKindOfHandlerIsRefused() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        boolean proceed = interceptor.preHandle(
                new MockHttpServletRequest("GET", "/api/2.0/x"), response, (org.springframework.web.HttpRequestHandler)
                        (request, ignored) -> {});

        assertThat(proceed).isFalse();
        assertThat(response.getStatus()).isEqualTo(403);
    }

    @Test
    void theResourceHandlerPassesSoAnUnknownRouteStays404() throws Exception {
        assertThat(interceptor.preHandle(
                        new MockHttpServletRequest("GET", "/api/2.0/none"),
                        new MockHttpServletResponse(),
                        new ResourceHttpRequestHandler()))
                .isTrue();
    }

    static class Undeclared {
        void handle() {}
    }
}
