package dev.warden.web.security;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The MVC side of security: handlers get the authenticated {@link dev.warden.core.principal.Actor}, and API routes
 * are checked against the permission they declare.
 */
@Configuration(proxyBeanMethods = false)
class SecurityMvcConfiguration implements WebMvcConfigurer {
    private final RequiredPermissionInterceptor requiredPermission;

    SecurityMvcConfiguration(RequiredPermissionInterceptor requiredPermission) {
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
