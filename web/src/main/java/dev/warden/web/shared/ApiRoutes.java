package dev.warden.web.shared;

import dev.warden.core.group.GroupId;
import dev.warden.core.permission.Permission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The API's endpoints and the permission each declares with {@link RequiresPermission}, read from the handler
 * mappings Spring routes requests with: the scope catalogue, the OpenAPI description and check access all come from
 * here, so none of them can drift from what the decision chain enforces.
 */
@Component
public class ApiRoutes {
    private static final String API = "/api/";

    private final RequestMappingHandlerMapping mappings;
    private volatile List<Route> routes;

    ApiRoutes(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        this.mappings = mappings;
    }

    /**
     * One endpoint.
     * @param permission null when the handler declares none (Warden refuses every call to it)
     * @param groupVariable the path variable naming a group the permission may be held on; empty for none
     */
    public record Route(String method, String path, Permission permission, String groupVariable, PathPattern pattern) {
        /** "GET /api/2.0/token/list" */
        public String label() {
            return method + " " + path;
        }
    }

    /** A request's endpoint, with the group its path names (null when none, or when the value is no group id). */
    public record Match(Route route, GroupId group) {}

    /** Every {@code /api/**} endpoint, by path then method. */
    public List<Route> all() {
        List<Route> known = routes;
        if (known == null) {
            known = read();
            routes = known;
        }
        return known;
    }

    /** The endpoints that need this permission. */
    public List<Route> needing(Permission permission) {
        return all().stream()
                .filter(route -> permission.equals(route.permission()))
                .toList();
    }

    /**
     * The endpoint Spring would route {@code METHOD path} to: of the routes whose method and pattern match, the
     * most specific pattern wins, as in Spring's own matching.
     */
    public Optional<Match> resolve(String method, String path) {
        String verb = method == null ? "" : method.strip().toUpperCase(Locale.ROOT);
        String bare = path == null ? "" : path.strip().replaceFirst("[?#].*$", "");
        PathContainer container = PathContainer.parsePath(bare);
        return all().stream()
                .filter(route -> route.method().equals(verb) && route.pattern().matches(container))
                .min(Comparator.comparing(Route::pattern, PathPattern.SPECIFICITY_COMPARATOR))
                .map(route -> new Match(route, groupOf(route, container)));
    }

    /** The methods of the endpoints at this path, as a 405's {@code Allow} header lists them. */
    public List<String> methodsAt(String path) {
        String bare = path == null ? "" : path.strip().replaceFirst("[?#].*$", "");
        PathContainer container = PathContainer.parsePath(bare);
        return all().stream()
                .filter(route -> route.pattern().matches(container))
                .map(Route::method)
                .distinct()
                .sorted()
                .toList();
    }

    private static GroupId groupOf(Route route, PathContainer path) {
        if (route.groupVariable().isEmpty()) {
            return null;
        }
        PathPattern.PathMatchInfo info = route.pattern().matchAndExtract(path);
        String value = info == null ? null : info.getUriVariables().get(route.groupVariable());
        try {
            return value == null ? null : new GroupId(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private List<Route> read() {
        List<Route> found = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            if (info.getPathPatternsCondition() == null) {
                continue;
            }
            RequiresPermission declared = entry.getValue().getMethodAnnotation(RequiresPermission.class);
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                if (!pattern.getPatternString().startsWith(API)) {
                    continue;
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    found.add(new Route(
                            method.name(),
                            pattern.getPatternString(),
                            declared == null ? null : RequiresPermission.Read.permission(declared),
                            declared == null ? "" : declared.group(),
                            pattern));
                }
            }
        }
        found.sort(Comparator.comparing(Route::path).thenComparing(Route::method));
        return List.copyOf(found);
    }
}
