package dev.warden.web.security;

import dev.warden.core.access.Decision;
import dev.warden.core.access.DecisionChain;
import dev.warden.core.access.Denial;
import dev.warden.core.group.GroupId;
import dev.warden.core.token.DenialReason;
import dev.warden.web.metrics.DecisionMetrics;
import dev.warden.web.shared.ApiError;
import dev.warden.web.shared.ApiErrorWriter;
import dev.warden.web.shared.RefusalLog;
import dev.warden.web.shared.RequiresPermission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * Steps 7 and 8 of the decision chain for {@code /api/**}: once the route is known, the permission it declares
 * with {@link RequiresPermission} must be granted by the token owner's current roles and covered by the token's
 * scopes. A {@code SCOPE_MISSING} refusal also carries the RFC 6750 {@code insufficient_scope} challenge. The
 * bearer filter already walked steps 1 to 6 and left its {@link Decision} in the {@link TokenAuthentication}; this
 * continues that decision.
 * A refusal is answered here, before the handler reads its arguments, so nothing runs and nothing changes.
 * A handler that declares nothing is refused (fail closed).
 */
@Component
public class RequiredPermissionInterceptor implements HandlerInterceptor {
    static final String UNDECLARED = "PERMISSION_UNDECLARED";

    private final DecisionChain chain;
    private final ApiErrorWriter errors;
    private final RefusalLog refusals;

    RequiredPermissionInterceptor(DecisionChain chain, ApiErrorWriter errors, RefusalLog refusals) {
        this.chain = chain;
        this.errors = errors;
        this.refusals = refusals;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (handler instanceof ResourceHttpRequestHandler) {
            return true; // no API route matched: the resource handler serves nothing under /api and answers 404
        }
        RequiresPermission declared =
                handler instanceof HandlerMethod method ? method.getMethodAnnotation(RequiresPermission.class) : null;
        if (declared == null) {
            errors.write(
                    response,
                    403,
                    ApiError.withReason(
                            ApiError.PERMISSION_DENIED,
                            "This endpoint declares no required permission, so Warden refuses every call to it.",
                            UNDECLARED,
                            null));
            return false;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof TokenAuthentication token)) {
            errors.write(response, 401, ApiError.of(ApiError.UNAUTHENTICATED, "Authentication is required."));
            return false;
        }
        Decision decision = chain.authorize(
                token.decision(), RequiresPermission.Read.permission(declared), groupOf(request, declared));
        DecisionMetrics.concluded(request, decision);
        if (decision.allowed()) {
            return true;
        }
        Denial denial = decision.denial();
        refusals.refused(decision, request);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("required", declared.value());
        metadata.put("owner", token.owner().name());
        metadata.put("owner_id", String.valueOf(token.owner().id()));
        if (denial.reason() == DenialReason.ROLE_LACKS_PERMISSION) {
            metadata.put("roles", String.join(", ", denial.fact(Denial.ROLES)));
        } else if (denial.reason() == DenialReason.SCOPE_MISSING) {
            String required = String.join(" ", denial.fact(Denial.REQUIRED_SCOPE));
            String held = String.join(" ", denial.fact(Denial.TOKEN_SCOPES));
            metadata.put(Denial.REQUIRED_SCOPE, required);
            metadata.put(Denial.TOKEN_SCOPES, held);
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, insufficientScope(required, held));
        }
        String code = denial.reason().isUnauthenticated() ? ApiError.UNAUTHENTICATED : ApiError.PERMISSION_DENIED;
        errors.write(
                response,
                denial.reason().httpStatus(),
                ApiError.withReason(code, denial.message(), denial.reason().name(), metadata));
        return false;
    }

    /**
     * RFC 6750 §3.1: {@code insufficient_scope} with the scope the request needs. The description is built from
     * scope keys only, so it stays within the characters the header grammar allows.
     */
    static String insufficientScope(String required, String held) {
        String description = "The token's scopes (" + held + ") do not cover " + required + ".";
        return "Bearer error=\"insufficient_scope\", scope=\"" + required + "\", error_description=\""
                + description.replaceAll("[^\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]", "?") + "\"";
    }

    /** The group a group-scoped declaration names; a path value that is no group id means workspace scope. */
    private static GroupId groupOf(HttpServletRequest request, RequiresPermission declared) {
        if (declared.group().isEmpty()) {
            return null;
        }
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        Object value = variables instanceof Map<?, ?> map ? map.get(declared.group()) : null;
        try {
            return value == null ? null : new GroupId(Long.parseLong(value.toString()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
