package dev.warden.web.console;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxMvcAutoConfiguration;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxViewResolver;
import java.util.List;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * htmx-spring-boot's configuration, unchanged but for one thing: its handler interceptor runs for the console and
 * not for {@code /api/**}. As auto-configured, the interceptor ran before every handler and looked up eleven htmx
 * annotations on it; no API handler has any, yet on an accepted API request that lookup was about a twentieth of the
 * server's CPU (DESIGN, "Request cost"). The library offers no path setting, so its auto-configuration is excluded
 * ({@link dev.warden.WardenApplication}) and its configuration object is made here, not as a bean of its own, and
 * every registration is handed to it as before.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleHtmxConfiguration implements WebMvcConfigurer, WebMvcRegistrations {
    /** Its constructor is not public; Spring's own instantiation makes it accessible, as for any configuration. */
    private final HtmxMvcAutoConfiguration htmx = BeanUtils.instantiateClass(HtmxMvcAutoConfiguration.class);

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        htmx.addInterceptors(new InterceptorRegistry() {
            @Override
            public InterceptorRegistration addInterceptor(HandlerInterceptor interceptor) {
                return registry.addInterceptor(interceptor).excludePathPatterns("/api/**");
            }
        });
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        htmx.addArgumentResolvers(resolvers);
    }

    @Override
    public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
        return htmx.getRequestMappingHandlerMapping();
    }

    @Override
    public RequestMappingHandlerAdapter getRequestMappingHandlerAdapter() {
        return htmx.getRequestMappingHandlerAdapter();
    }

    @Override
    public ExceptionHandlerExceptionResolver getExceptionHandlerExceptionResolver() {
        return htmx.getExceptionHandlerExceptionResolver();
    }

    @Bean
    HtmxViewResolver htmxViewResolver() {
        return htmx.htmxViewResolver();
    }
}
