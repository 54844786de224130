package dev.warden.web.access;

import dev.warden.core.access.AccessCheckService;
import dev.warden.core.access.Decision;
import dev.warden.core.access.Denial;
import dev.warden.core.group.GroupId;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Validation;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenNotFoundException;
import dev.warden.web.access.AccessCheckModels.CheckRequest;
import dev.warden.web.access.AccessCheckModels.CheckResponse;
import dev.warden.web.access.AccessCheckModels.RefusalsResponse;
import dev.warden.web.access.AccessCheckModels.RouteView;
import dev.warden.web.access.AccessCheckModels.ScopesResponse;
import dev.warden.web.access.AccessCheckModels.StepView;
import dev.warden.web.shared.ApiController;
import dev.warden.web.shared.ApiRoutes;
import dev.warden.web.shared.ApiRoutes.Match;
import dev.warden.web.shared.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Can this token call this endpoint, and if not, why?": the verdict of the decision chain with every step, from
 * {@link AccessCheckService}, which walks the same {@code DecisionChain} as real requests; the endpoint's permission
 * and group come from {@link ApiRoutes}, i.e. from the same declarations the permission interceptor enforces.
 * <p>
 * A method and path that no API endpoint answers is 400 naming {@code path} (with the methods the path does
 * answer, if any): there is no verdict to give about an endpoint that does not exist, and a real request would
 * get 404 or 405 before any permission step.
 * <p>
 * Both endpoints declare {@code tokens:read}: the owner asks about their own token, and needs no more than to read
 * their own tokens; asking about somebody else's token additionally needs {@code token-management:read}, which
 * {@link AccessCheckService} enforces (for everyone else the token does not exist: 404). Admins and auditors hold
 * both.
 */
@ApiController
@Tag(
        name = "Check access",
        description = "The decision chain's verdict for a token and an endpoint, step by step,"
                + " and the token's live and dead scopes (Warden extension)")
@RequestMapping(path = "/api/2.0/access", produces = "application/json")
class AccessCheckApiController {
    /** The interceptor's reason for a handler that declares no permission (it refuses every call). */
    static final String UNDECLARED = "PERMISSION_UNDECLARED";

    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

    private final AccessCheckService checks;
    private final ApiRoutes routes;

    AccessCheckApiController(AccessCheckService checks, ApiRoutes routes) {
        this.checks = checks;
        this.routes = routes;
    }

    @PostMapping("/check")
    @RequiresPermission("tokens:read")
    @Operation(
            summary = "The verdict and the whole decision chain for a token calling METHOD PATH, or needing a"
                    + " permission")
    CheckResponse check(Actor actor, @RequestBody CheckRequest request) {
        TokenId id = tokenId(request.tokenId());
        boolean pathForm = request.method() != null || request.path() != null;
        if (pathForm && request.permission() != null) {
            throw new InvalidParameterException(
                    "permission", "Give either 'method' and 'path' or 'permission'," + " not both.");
        }
        if (!pathForm && request.permission() == null) {
            throw new InvalidParameterException(
                    "path",
                    "Give 'method' and 'path' of the endpoint (e.g. POST"
                            + " /api/2.0/token/create), or the 'permission' it needs.");
        }
        return pathForm ? checkRoute(actor, id, request) : checkPermission(actor, id, request);
    }

    @GetMapping("/scopes")
    @RequiresPermission("tokens:read")
    @Operation(summary = "The token's scopes, each live or dead (and why), and its effective permissions now")
    ScopesResponse scopes(Actor actor, @RequestParam("token_id") String tokenId) {
        TokenId id = tokenId(tokenId);
        return ScopesResponse.of(id.value(), checks.scopes(actor, id));
    }

    @GetMapping("/refusals")
    @RequiresPermission("tokens:read")
    @Operation(
            summary = "The token's recent refusals (at most 20, newest first): time, method and path, reason,"
                    + " client address and user agent; who may ask is who may ask about its scopes")
    RefusalsResponse refusals(Actor actor, @RequestParam(name = "token_id", required = false) String tokenId) {
        return RefusalsResponse.of(checks.refusals(actor, tokenId(tokenId)));
    }

    private CheckResponse checkPermission(Actor actor, TokenId id, CheckRequest request) {
        Permission permission = Permission.fromKey(request.permission().strip())
                .orElseThrow(() -> new InvalidParameterException(
                        "permission",
                        "Unknown permission " + Validation.echo(request.permission())
                                + ". Known permissions: "
                                + Permission.warden().stream()
                                        .map(Permission::key)
                                        .collect(Collectors.joining(", "))
                                + "."));
        GroupId group = request.groupId() == null ? null : new GroupId(request.groupId());
        return verdict(id, checks.check(actor, id, permission, group), permission, group, null);
    }

    private CheckResponse checkRoute(Actor actor, TokenId id, CheckRequest request) {
        if (request.method() == null || request.method().isBlank()) {
            throw new InvalidParameterException("method", "Give the HTTP 'method' together with the 'path'.");
        }
        String method = request.method().strip().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new InvalidParameterException(
                    "method", "Unknown HTTP method " + Validation.echo(request.method()) + ".");
        }
        if (request.path() == null || request.path().isBlank()) {
            throw new InvalidParameterException(
                    "path", "Give the 'path' together with the 'method', e.g." + " /api/2.0/token/list.");
        }
        if (request.groupId() != null) {
            throw new InvalidParameterException(
                    "group_id",
                    "'group_id' goes with 'permission'; with a path, the" + " group is the one the path names.");
        }
        String path = pathOf(request.path());
        Match match = resolve(method, path)
                .orElseThrow(() -> new InvalidParameterException("path", noSuchEndpoint(method, path)));
        ApiRoutes.Route route = match.route();
        RouteView view = new RouteView(route.method(), route.path());
        if (route.permission() == null) {
            // As the interceptor: authenticated, then refused because the handler declares nothing.
            Decision authenticated = checks.check(actor, id, null, null);
            if (!authenticated.allowed()) {
                return verdict(id, authenticated, null, null, view);
            }
            return new CheckResponse(
                    id.value(),
                    false,
                    403,
                    UNDECLARED,
                    "This endpoint declares no required permission, so Warden refuses every call to it.",
                    null,
                    null,
                    view,
                    Map.of(),
                    authenticated.trace().stream().map(StepView::of).toList());
        }
        return verdict(
                id,
                checks.check(actor, id, route.permission(), match.group()),
                route.permission(),
                match.group(),
                view);
    }

    /** Spring answers HEAD with the GET handler; so does this. */
    private Optional<Match> resolve(String method, String path) {
        Optional<Match> match = routes.resolve(method, path);
        return match.isEmpty() && method.equals("HEAD") ? routes.resolve("GET", path) : match;
    }

    private String noSuchEndpoint(String method, String path) {
        List<String> answering = METHODS.stream()
                .filter(other -> routes.resolve(other, path).isPresent())
                .sorted()
                .toList();
        return "No API endpoint answers " + method + " " + path
                + (answering.isEmpty()
                        ? ". The OpenAPI description at /v3/api-docs lists every endpoint."
                        : "; this path answers " + String.join(", ", answering) + ".");
    }

    private static CheckResponse verdict(
            TokenId id, Decision decision, Permission permission, GroupId group, RouteView route) {
        List<StepView> steps = decision.trace().stream().map(StepView::of).toList();
        String required = permission == null ? null : permission.key();
        Long groupId = group == null ? null : group.value();
        if (decision.allowed()) {
            return new CheckResponse(
                    id.value(),
                    true,
                    null,
                    null,
                    "Every step passes: a request with this token"
                            + " gets through the decision chain (the endpoint may still refuse bad input or unknown ids).",
                    required,
                    groupId,
                    route,
                    null,
                    steps);
        }
        Denial denial = decision.denial();
        return new CheckResponse(
                id.value(),
                false,
                denial.reason().httpStatus(),
                denial.reason().name(),
                denial.message(),
                required,
                groupId,
                route,
                denial.facts(),
                steps);
    }

    /** The path of a path or a full URL, e.g. {@code https://warden.example/api/2.0/token/list?x=1}. */
    private static String pathOf(String value) {
        String trimmed = value.strip();
        if (trimmed.regionMatches(true, 0, "http://", 0, 7) || trimmed.regionMatches(true, 0, "https://", 0, 8)) {
            try {
                String raw = URI.create(trimmed).getRawPath();
                return raw == null || raw.isEmpty() ? "/" : raw;
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException("path", Validation.echo(value) + " is not a path or URL.");
            }
        }
        if (!trimmed.startsWith("/")) {
            throw new InvalidParameterException("path", "The path must start with '/', e.g. /api/2.0/token/list.");
        }
        return trimmed;
    }

    private static TokenId tokenId(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidParameterException(
                    "token_id", "'token_id' is required: the id of the token to check" + " (not its secret).");
        }
        String trimmed = value.strip();
        if (trimmed.length() > TokenId.MAX_LENGTH) {
            throw new TokenNotFoundException(new TokenId(trimmed.substring(0, TokenId.MAX_LENGTH) + "…"));
        }
        return new TokenId(trimmed);
    }
}
