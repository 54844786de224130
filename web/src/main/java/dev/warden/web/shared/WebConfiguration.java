package dev.warden.web.shared;

import dev.warden.web.security.RequiredPermissionInterceptor;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {
    private final RequiredPermissionInterceptor requiredPermission;

    WebConfiguration(RequiredPermissionInterceptor requiredPermission) {
        this.requiredPermission = requiredPermission;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ActorArgumentResolver());
    }

    /** Step 7 of the decision chain: the route's declared permission against the token owner's roles. */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(requiredPermission).addPathPatterns("/api/**");
    }
}
