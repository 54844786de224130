package dev.warden.web.security;

import dev.warden.core.principal.Actor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves the acting principal for a handler, whether a console user or a token's owner. */
final class ActorArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Actor.class.equals(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mav,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String address = webRequest.getNativeRequest(HttpServletRequest.class).getRemoteAddr();
        if (authentication instanceof TokenAuthentication token) {
            return Actor.of(token.owner(), address);
        }
        if (authentication != null && authentication.getPrincipal() instanceof ConsoleUser user) {
            return user.actor(address);
        }
        throw new AuthenticationCredentialsNotFoundException("no authenticated principal");
    }
}
