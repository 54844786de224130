package dev.warden.web.token;

import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalNames;
import dev.warden.core.role.AccessPolicy;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TokenFilter;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenManagementService;
import dev.warden.core.token.TokenNotFoundException;
import dev.warden.web.console.ConsolePage;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
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
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Admin Console → Access tokens → Canary tokens: the workspace's canaries with when each was last triggered, Create
 * canary token (a name saying where it will be planted; the value in the copy-once dialog), Revoke (disarms it) and
 * Delete. Reading needs {@code token-management:read}, changes {@code token-management:write} (core checks both).
 */
@Controller
@RequestMapping(CanaryTokensController.PATH)
class CanaryTokensController implements ConsolePage {
    static final String PATH = "/settings/admin/tokens/canaries";
    private static final String PAGE = "admin/tokens/canaries";
    private static final String TABLE = PAGE + " :: canary-tokens";
    private static final String ROW = PAGE + " :: canary-row";
    private static final String DIALOG = PAGE + " :: create-canary-dialog";
    private static final String ISSUED = PAGE + " :: issued-dialog";
    private static final String CHANGED = "canary-tokens-changed";
    /** The most canaries the page lists; a workspace plants a handful. */
    private static final int MAX_LISTED = TokenManagementService.MAX_PAGE;

    private static final CreateTokenDialog CREATE =
            new CreateTokenDialog(DIALOG, ISSUED, CHANGED, Map.of(CreateTokenCommand.COMMENT_FIELD, "name"), null);

    private final TokenManagementService management;
    private final PrincipalNames principals;
    private final AccessPolicy access;
    private final Clock clock;

    CanaryTokensController(
            TokenManagementService management, PrincipalNames principals, AccessPolicy access, Clock clock) {
        this.management = management;
        this.principals = principals;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping
    String list(Actor actor, Model model, HtmxRequest htmx) {
        addList(actor, model);
        return htmx.isHtmxRequest() && !htmx.isHistoryRestoreRequest() ? TABLE : PAGE;
    }

    @GetMapping("/new")
    String createDialog(Actor actor, Model model, HtmxRequest htmx) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_WRITE);
        model.addAttribute(CreateTokenDialog.FORM, new CreateCanaryForm(null));
        if (htmx.isHtmxRequest()) {
            return DIALOG;
        }
        addList(actor, model);
        return PAGE;
    }

    @PostMapping
    String create(
            Actor actor,
            @Valid @ModelAttribute("form") CreateCanaryForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx,
            HtmxResponse htmxResponse,
            HttpServletResponse response) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_WRITE);
        BindingResult bound = CREATE.bound(form, binding, model);
        model.addAttribute("issuedTitle", "Copy your new canary token");
        String view = CREATE.submit(bound, model, htmx, htmxResponse, response, () -> {
            IssuedToken issued = management.createCanary(actor, form.name().strip(), null);
            return new CanaryIssuedView(
                    issued.token().comment(), issued.secret().reveal());
        });
        if (view != null) {
            return view;
        }
        addList(actor, model);
        return PAGE;
    }

    @PostMapping("/{id}/revoke")
    String revoke(Actor actor, @PathVariable String id, Model model) {
        AccessToken revoked = management.revoke(actor, canary(actor, id));
        model.addAttribute("token", rows(actor, List.of(revoked)).get(0));
        model.addAttribute("canWriteTokens", true);
        return ROW;
    }

    /** Answers with nothing, so htmx swaps the row out of the table; the list reloads for its empty state. */
    @DeleteMapping("/{id}")
    @ResponseBody
    String delete(Actor actor, @PathVariable String id, HttpServletResponse response) {
        management.delete(actor, canary(actor, id));
        response.setHeader("HX-Trigger", CHANGED);
        return "";
    }

    /** What the copy dialog shows, once: the value and the name. */
    public record CanaryIssuedView(String name, String secret) {
        @Override
        public String toString() {
            return "CanaryIssuedView[name=" + name + ", secret=(redacted)]";
        }
    }

    /** Only canaries are managed here: another token's id is unknown on this page. */
    private TokenId canary(Actor actor, String id) {
        TokenId token = new TokenId(id);
        AccessToken found = management.get(actor, token);
        if (found.kind() != TokenKind.CANARY) {
            throw new TokenNotFoundException(token);
        }
        return token;
    }

    private void addList(Actor actor, Model model) {
        TokenFilter filter = TokenFilter.ofKind(TokenKind.CANARY, clock.instant());
        model.addAttribute("tokens", rows(actor, management.list(actor, filter, null, MAX_LISTED)));
        model.addAttribute("canWriteTokens", access.permissionsOf(actor).holds(Permission.TOKEN_MANAGEMENT_WRITE));
    }

    private List<CanaryTokenRow> rows(Actor actor, List<AccessToken> found) {
        Instant now = clock.instant();
        Set<PrincipalId> creators = new HashSet<>();
        found.forEach(token -> creators.add(token.createdBy()));
        Map<PrincipalId, Principal> named = principals.byId(actor.workspace(), creators);
        return found.stream()
                .map(token -> CanaryTokenRow.of(token, named.get(token.createdBy()), PATH, now))
                .toList();
    }
}
