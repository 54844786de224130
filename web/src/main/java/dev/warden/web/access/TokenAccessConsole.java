package dev.warden.web.access;

import dev.warden.core.access.AccessCheckService;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.shared.Validation;
import dev.warden.core.token.TokenId;
import dev.warden.web.shared.ApiRoutes;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;

/**
 * A token page's Scopes panel and "Check access" form, for the admin's page of any token and the owner's page of
 * their own (each page checks first that the actor may see the token, and names its own path, which the form posts
 * to at {@code <page>/check-access}). Both ask {@link AccessCheckService}, which walks the {@code DecisionChain}
 * real requests walk; the endpoints and the permission each needs come from {@link ApiRoutes}, the declarations the
 * API enforces.
 */
@Component
public class TokenAccessConsole {
    public static final String FRAGMENTS = "admin/tokens/access";
    public static final String CHECK_ACCESS = FRAGMENTS + " :: check-access";
    public static final String FORM = "checkForm";
    private static final String EXAMPLE = "GET /api/2.0/token/list";

    private final AccessCheckService checks;
    private final ApiRoutes routes;

    TokenAccessConsole(AccessCheckService checks, ApiRoutes routes) {
        this.checks = checks;
        this.routes = routes;
    }

    /** The endpoints of one permission, for one {@code <optgroup>} of the picker. */
    record EndpointGroup(String label, List<String> endpoints) {}

    /**
     * What the token page at {@code page} needs for both panels (an empty form unless one is being answered).
     * @param page the token page's path, e.g. {@code /settings/user/tokens/0123…}
     */
    public void addPanels(Actor actor, TokenId id, String page, Model model) {
        model.addAttribute("scopesPanel", ScopesPanelView.of(checks.scopes(actor, id)));
        model.addAttribute("refusalsPanel", RefusalsPanelView.of(checks.refusals(actor, id), page));
        addForm(page, model);
    }

    /**
     * After {@link #addPanels}: Check access pre-filled with {@code method} and {@code path} (a recent refusal's link)
     * and answered at once (it only reads); unless both are given, the empty form stays.
     */
    public void prefill(Actor actor, TokenId id, String page, String method, String path, Model model) {
        if (method == null || method.isBlank() || path == null || path.isBlank()) {
            return;
        }
        CheckAccessForm form = new CheckAccessForm();
        form.setRequest(method.strip() + " " + path.strip());
        BindingResult binding = new BeanPropertyBindingResult(form, FORM);
        model.addAttribute(FORM, form);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + FORM, binding);
        check(actor, id, page, form, binding, model);
    }

    /**
     * Checks the form's endpoint for the token: the verdict and trace as {@code checkResult}, or a field error for
     * a request that names no endpoint.
     */
    public void check(Actor actor, TokenId id, String page, CheckAccessForm form, BindingResult binding, Model model) {
        addForm(page, model);
        target(form, binding)
                .ifPresent(match -> model.addAttribute(
                        "checkResult",
                        CheckAccessView.of(
                                match, checks.check(actor, id, match.route().permission(), match.group()))));
    }

    private void addForm(String page, Model model) {
        model.addAttribute("checkAction", page + "/check-access");
        model.addAttribute("endpointGroups", endpointGroups());
        if (!model.containsAttribute(FORM)) {
            model.addAttribute(FORM, new CheckAccessForm());
        }
    }

    /** Every declared endpoint, grouped by the permission it needs, in catalogue order. */
    private List<EndpointGroup> endpointGroups() {
        return Permission.warden().stream()
                .map(p -> new EndpointGroup(
                        p.key() + " (" + p.description() + ")",
                        routes.needing(p).stream().map(ApiRoutes.Route::label).toList()))
                .filter(group -> !group.endpoints().isEmpty())
                .toList();
    }

    private Optional<ApiRoutes.Match> target(CheckAccessForm form, BindingResult binding) {
        String typed = form.getRequest() == null ? "" : form.getRequest().strip();
        String picked = form.getEndpoint() == null ? "" : form.getEndpoint().strip();
        if (!typed.isEmpty()) {
            return typed(typed, binding);
        }
        if (picked.isEmpty()) {
            binding.rejectValue("endpoint", "required", "Pick an endpoint, or type a request such as " + EXAMPLE + ".");
            return Optional.empty();
        }
        Optional<ApiRoutes.Match> match = routes.all().stream()
                .filter(route -> route.label().equals(picked))
                .findFirst()
                .map(route -> new ApiRoutes.Match(route, null));
        if (match.isEmpty()) {
            binding.rejectValue(
                    "endpoint",
                    "unknown",
                    Validation.echo(picked) + " is not an endpoint of this Warden; pick one" + " from the list.");
        }
        return match.filter(m -> declared(m, "endpoint", binding));
    }

    private Optional<ApiRoutes.Match> typed(String typed, BindingResult binding) {
        String[] parts = typed.split("\\s+", 2);
        if (parts.length < 2 || !parts[0].matches("[A-Za-z]+")) {
            binding.rejectValue("request", "format", "Type the method and the path, e.g. " + EXAMPLE + ".");
            return Optional.empty();
        }
        String method = parts[0].toUpperCase(Locale.ROOT);
        String path = pathOf(parts[1].strip());
        if (!path.startsWith("/")) {
            binding.rejectValue("request", "format", "The path starts with '/', e.g. " + EXAMPLE + ".");
            return Optional.empty();
        }
        Optional<ApiRoutes.Match> match = routes.resolve(method, path);
        if (match.isEmpty()) {
            binding.rejectValue(
                    "request",
                    "unknown",
                    "No API endpoint matches " + method + " " + path + "." + otherMethods(path)
                            + " Pick an endpoint from the list, or check the path.");
        }
        return match.filter(m -> declared(m, "request", binding));
    }

    /** " That path answers GET, PATCH." when the path is an endpoint's with another method; else "". */
    private String otherMethods(String path) {
        PathContainer container = PathContainer.parsePath(path.replaceFirst("[?#].*$", ""));
        List<String> methods = routes.all().stream()
                .filter(route -> route.pattern().matches(container))
                .map(ApiRoutes.Route::method)
                .distinct()
                .toList();
        return methods.isEmpty() ? "" : " That path answers " + String.join(", ", methods) + ".";
    }

    /** An endpoint that declares no permission is refused by every request; there is no chain to show. */
    private static boolean declared(ApiRoutes.Match match, String field, BindingResult binding) {
        if (match.route().permission() == null) {
            binding.rejectValue(
                    field,
                    "undeclared",
                    match.route().label() + " declares no required permission, so"
                            + " Warden refuses every call to it (PERMISSION_UNDECLARED).");
            return false;
        }
        return true;
    }

    /** A pasted URL counts by its path: "https://warden.example/api/2.0/token/list" is "/api/2.0/token/list". */
    private static String pathOf(String value) {
        if (value.startsWith("http://") || value.startsWith("https://")) {
            try {
                String path = URI.create(value).getRawPath();
                return path == null || path.isEmpty() ? "/" : path;
            } catch (IllegalArgumentException e) {
                return value;
            }
        }
        return value;
    }
}
