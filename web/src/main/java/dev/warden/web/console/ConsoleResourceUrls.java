package dev.warden.web.console;

import dev.warden.web.shared.ApiErrorWriter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * The {@link ResourceUrlEncodingFilter}, which rewrites the console's webjar links to their versioned paths, for
 * console pages only. As Boot's Thymeleaf auto-configuration registers it, it wraps every request and response, and
 * every request attribute set on the way passes through its wrapper: about 1 % of an accepted API request (README,
 * "Request cost and caching"). An API or OAuth answer links to no static resource. Boot's registration is conditional
 * on a missing filter bean of this type, so this one, registered the same way, takes its place.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleResourceUrls {
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration =
                new FilterRegistrationBean<>(new ConsolePagesOnly());
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    static final class ConsolePagesOnly extends ResourceUrlEncodingFilter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request instanceof HttpServletRequest http && isMachinePath(http)) {
                chain.doFilter(request, response);
            } else {
                super.doFilter(request, response, chain);
            }
        }

        private static boolean isMachinePath(HttpServletRequest request) {
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            return ApiErrorWriter.isApiPath(path) || ApiErrorWriter.isOAuthPath(path);
        }
    }
}
