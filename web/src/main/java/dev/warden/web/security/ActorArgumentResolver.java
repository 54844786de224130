package dev.warden.web.security;

import dev.warden.core.principal.Actor;
import dev.warden.core.role.AuthorisedActor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves the acting principal for a handler, whether a console user or a token's owner; for a token's read-only
 * request with what its authorisation resolved ({@link AuthorisedActor}).
 */
final class ActorArgumentResolver implements HandlerMethodArgumentResolver {

    /**
     * A GET or HEAD changes nothing, so its services may go by what the decision chain resolved for the token's owner
     * at the workspace's current authorisation version (the permissions that authorised this very request) instead
     * of reading the owner's roles and groups again. A change request carries none: the services re-read the actor's
     * permissions, the delegation checks inside the change's transaction after it took the workspace's version.
     */
    private static boolean readOnly(NativeWebRequest webRequest) {
        String method = webRequest.getNativeRequest(HttpServletRequest.class).getMethod();
        return HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method);
    }

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
            return readOnly(webRequest)
                    ? Actor.authorised(
                            new AuthorisedActor(token.owner(), token.decision().ownerPermissions()), address)
                    : Actor.of(token.owner(), address);
        }
        if (authentication != null && authentication.getPrincipal() instanceof ConsoleUser user) {
            return user.actor(address);
        }
        throw new AuthenticationCredentialsNotFoundException("no authenticated principal");
    }
}
