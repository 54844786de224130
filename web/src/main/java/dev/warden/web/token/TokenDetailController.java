package dev.warden.web.token;

import dev.warden.core.access.TokenSuspensions;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.group.Group;
import dev.warden.core.group.GroupNames;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalNames;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TechnicalToken;
import dev.warden.core.token.TechnicalTokenService;
import dev.warden.core.token.TokenAction;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenManagementService;
import dev.warden.web.access.CheckAccessForm;
import dev.warden.web.access.TokenAccessConsole;
import dev.warden.web.console.ConsoleAccess;
import dev.warden.web.console.ConsolePage;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRedirectView;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;

/**
 * Admin Console → Access tokens → one token: its lineage, scopes, usage, status and audit history, with revoke,
 * restore and delete. The page's buttons post to the same URLs as the inventory's rows; htmx names the page's
 * region as its target ({@value #TARGET}), which selects these handlers, so they answer with the region rather than
 * a table row. Reading needs {@code token-management:read}. The Scopes panel and "Check access" come from
 * {@link TokenAccessConsole}.
 */
@Controller
@RequestMapping(TokenInventoryController.PATH + "/{id}")
class TokenDetailController implements ConsolePage {
    static final String TARGET = "token-detail";
    static final int HISTORY = 200;
    private static final String PAGE = "admin/tokens/detail";
    private static final String REGION = PAGE + " :: " + TARGET;

    private final TokenManagementService management;
    private final TechnicalTokenService technical;
    private final TokenSuspensions suspensions;
    private final PrincipalNames principals;
    private final GroupNames groups;
    private final ConsoleAccess access;
    private final TokenAccessConsole accessPanels;
    private final Clock clock;

    TokenDetailController(
            TokenManagementService management,
            TechnicalTokenService technical,
            TokenSuspensions suspensions,
            PrincipalNames principals,
            GroupNames groups,
            ConsoleAccess access,
            TokenAccessConsole accessPanels,
            Clock clock) {
        this.management = management;
        this.technical = technical;
        this.suspensions = suspensions;
        this.principals = principals;
        this.groups = groups;
        this.access = access;
        this.accessPanels = accessPanels;
        this.clock = clock;
    }

    /** With {@code method} and {@code path} (a recent refusal's link), Check access is pre-filled and answered. */
    @GetMapping
    String detail(
            Actor actor,
            @PathVariable String id,
            @RequestParam(name = "method", required = false) String method,
            @RequestParam(name = "path", required = false) String path,
            Model model) {
        model.addAttribute("token", view(actor, management.get(actor, new TokenId(id))));
        model.addAttribute("canWrite", access.of(actor).holds(Permission.TOKEN_MANAGEMENT_WRITE));
        accessPanels.addPanels(actor, new TokenId(id), page(id), model);
        accessPanels.prefill(actor, new TokenId(id), page(id), method, path, model);
        return PAGE;
    }

    /** "Check access": htmx gets the form with the verdict and trace (or its field error), a plain post the page. */
    @PostMapping("/check-access")
    String checkAccess(
            Actor actor,
            @PathVariable String id,
            @ModelAttribute(TokenAccessConsole.FORM) CheckAccessForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx) {
        AccessToken token = management.get(actor, new TokenId(id));
        accessPanels.check(actor, token.id(), page(id), form, binding, model);
        if (htmx.isHtmxRequest()) {
            return TokenAccessConsole.CHECK_ACCESS;
        }
        return detail(actor, id, null, null, model);
    }

    @HxRequest(target = TARGET)
    @PostMapping("/revoke")
    String revoke(Actor actor, @PathVariable String id, Model model) {
        model.addAttribute("token", view(actor, management.revoke(actor, new TokenId(id))));
        model.addAttribute("canWrite", true);
        accessPanels.addPanels(actor, new TokenId(id), page(id), model);
        return REGION;
    }

    @HxRequest(target = TARGET)
    @PostMapping("/restore")
    String restore(Actor actor, @PathVariable String id, Model model) {
        model.addAttribute("token", view(actor, management.restore(actor, new TokenId(id))));
        model.addAttribute("canWrite", true);
        accessPanels.addPanels(actor, new TokenId(id), page(id), model);
        return REGION;
    }

    /** The token is gone, so is its page: htmx goes back to the inventory. */
    @HxRequest(target = TARGET)
    @DeleteMapping
    View delete(Actor actor, @PathVariable String id) {
        management.delete(actor, new TokenId(id));
        return new HtmxRedirectView(TokenInventoryController.PATH, true);
    }

    private static String page(String id) {
        return TokenInventoryController.PATH + "/" + id;
    }

    private TokenDetailView view(Actor actor, AccessToken token) {
        Instant now = clock.instant();
        Set<PrincipalId> ids = new HashSet<>(List.of(token.owner(), token.createdBy()));
        if (token.revokedBy() != null) {
            ids.add(token.revokedBy());
        }
        Map<PrincipalId, Principal> named = principals.byId(actor.workspace(), ids);
        TechnicalToken backing = switch (token.kind()) {
            case ORGANISATION -> technical.get(actor, token.id());
            case GROUP -> technical.get(actor, token.group(), token.id());
            default -> null;
        };
        Group group = token.group() == null
                ? null
                : groups.find(actor.workspace(), token.group()).orElse(null);
        TokenSuspensions.Suspension suspension =
                suspensions.of(actor.workspace(), List.of(token)).of(token, now).orElse(null);
        List<AuditEvent> history = management.history(actor, token.id(), HISTORY);
        return TokenDetailView.of(
                token,
                named,
                backing,
                group,
                suspension,
                history,
                management.allows(actor, TokenAction.RESTORE, token),
                management.allows(actor, TokenAction.ROTATE, token),
                now);
    }
}
