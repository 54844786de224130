package dev.warden.web.token;

import dev.warden.core.access.AccessCheckService;
import dev.warden.core.access.ScopeState;
import dev.warden.core.notice.TokenHealthService;
import dev.warden.core.principal.Actor;
import dev.warden.core.service.ServiceRegistry;
import dev.warden.core.token.AccessRefusedException;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.TokenAction;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenIssueTerms;
import dev.warden.core.token.TokenLifetimePolicy;
import dev.warden.core.token.TokenService;
import dev.warden.core.token.TokenTarget;
import dev.warden.web.console.ConsolePage;
import dev.warden.web.console.ExpiryControl;
import dev.warden.web.console.ScopePickerView;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Duration;
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
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * User settings → Access tokens: the signed-in user's own personal access tokens. A row action that cannot be done
 * (already revoked elsewhere, expired, gone) is answered by the console's error path ({@code ConsoleErrorAdvice}).
 */
@Controller
@RequestMapping("/settings/user/tokens")
class UserTokensController implements ConsolePage {
    private static final String PAGE = "tokens/list";
    /** Tokens per page of the list. */
    static final int PAGE_SIZE = 25;

    private static final String DIALOG = "tokens/fragments :: generate-dialog";
    /** Core names fields as the API does; the form calls them differently. */
    private static final CreateTokenDialog CREATE = new CreateTokenDialog(
            DIALOG,
            "tokens/fragments :: issued-dialog",
            "tokens-changed",
            Map.of(
                    CreateTokenCommand.COMMENT_FIELD, "name",
                    TokenLifetimePolicy.FIELD, "lifetimeDays",
                    CreateTokenCommand.SCOPES_FIELD, "scopes"),
            null);

    private final TokenService tokens;
    private final WorkspaceAdminNames admins;
    private final ServiceRegistry services;
    private final AccessCheckService checks;
    private final TokenHealthService health;
    private final Clock clock;

    UserTokensController(
            TokenService tokens,
            WorkspaceAdminNames admins,
            ServiceRegistry services,
            AccessCheckService checks,
            TokenHealthService health,
            Clock clock) {
        this.tokens = tokens;
        this.admins = admins;
        this.services = services;
        this.checks = checks;
        this.health = health;
        this.clock = clock;
    }

    @GetMapping
    String list(
            Actor actor, @RequestParam(name = "page", required = false) String page, Model model, HtmxRequest htmx) {
        addTokens(actor, model, pageNumber(page));
        return htmx.isHtmxRequest() ? PAGE + " :: token-table" : PAGE;
    }

    @GetMapping("/new")
    String generateDialog(Actor actor, Model model, HtmxRequest htmx) {
        TokenIssueTerms terms;
        try {
            terms = tokens.termsFor(actor);
        } catch (AccessRefusedException e) {
            if (htmx.isHtmxRequest()) {
                // The page is out of date (permission taken away since): the console's error answer says why.
                throw e;
            }
            addTokens(actor, model);
            return PAGE;
        }
        addFormContext(actor, model, GenerateTokenForm.withDefaults(terms.lifetimes(), clock.instant()), terms);
        if (htmx.isHtmxRequest()) {
            return DIALOG;
        }
        addTokens(actor, model);
        return PAGE;
    }

    @PostMapping
    String generate(
            Actor actor,
            @Valid @ModelAttribute("form") GenerateTokenForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx,
            HtmxResponse htmxResponse,
            HttpServletResponse response) {
        TokenIssueTerms terms = null;
        try {
            terms = tokens.termsFor(actor);
        } catch (AccessRefusedException e) {
            model.addAttribute(CreateTokenDialog.FORM_ERROR, e.getMessage());
        }
        TokenLifetimePolicy lifetimes = terms == null ? tokens.lifetimes() : terms.lifetimes();
        binding = CREATE.bound(form, binding, model);
        Duration lifetime = CREATE.check(
                binding,
                model,
                () -> ExpiryControl.lifetime(
                        form.expiresIn(), form.expirationDate(), form.lifetimeDays(), lifetimes, clock.instant()));
        String fragment = CREATE.submit(
                binding,
                model,
                htmx,
                htmxResponse,
                response,
                () -> IssuedTokenView.of(
                        tokens.create(actor, new CreateTokenCommand(form.name(), lifetime, form.scopes()))));
        if (model.getAttribute("issued") == null) {
            addFormContext(actor, model, form, terms);
        }
        if (fragment != null) {
            return fragment;
        }
        addTokens(actor, model);
        return PAGE;
    }

    @PostMapping("/{id}/revoke")
    String revoke(Actor actor, @PathVariable String id, Model model) {
        model.addAttribute("token", row(actor, tokens.revoke(actor, new TokenId(id))));
        return "tokens/fragments :: token-row";
    }

    @PostMapping("/{id}/restore")
    String restore(Actor actor, @PathVariable String id, Model model) {
        model.addAttribute("token", row(actor, tokens.restore(actor, new TokenId(id))));
        return "tokens/fragments :: token-row";
    }

    /** Answers with nothing, so htmx swaps the row out of the table. */
    @DeleteMapping("/{id}")
    @ResponseBody
    String delete(Actor actor, @PathVariable String id, HttpServletResponse response) {
        tokens.delete(actor, new TokenId(id));
        // the table reloads itself (its page, its total; its empty state after the last token)
        response.setHeader("HX-Trigger", "tokens-changed");
        return "";
    }

    private void addTokens(Actor actor, Model model) {
        addTokens(actor, model, 1);
    }

    /** 1 for anything that is not a page number (a bad link shows the first page rather than an error). */
    static int pageNumber(String raw) {
        try {
            return raw == null ? 1 : Math.max(1, Integer.parseInt(raw.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * One page of the user's tokens, newest first, with the total and the links to the pages around it, and, when
     * no new token may be had now, why and whom to ask (tokens then marked Suspended). A page past the end shows the
     * last one (after deleting the last token of the last page).
     */
    private void addTokens(Actor actor, Model model, int page) {
        TokenRefusal refusal = null;
        try {
            tokens.termsFor(actor);
        } catch (AccessRefusedException e) {
            refusal = TokenRefusal.of(e, admins.of(actor), actor.label());
        }
        boolean suspended = refusal != null && refusal.suspended();
        model.addAttribute("refusal", refusal);
        List<AccessToken> all = tokens.listOwn(actor);
        model.addAttribute(
                "expiringSoon",
                ExpiringSoonBanner.of(
                        all,
                        health.expiringSoon(actor.workspace()),
                        clock.instant(),
                        OwnTokenController.PATH,
                        t -> tokens.allows(actor, TokenAction.ROTATE, t, TokenTarget.own(t.id()))));
        int pages = Math.max(1, (all.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int shown = Math.min(page, pages);
        int from = (shown - 1) * PAGE_SIZE;
        List<AccessToken> own = all.subList(from, Math.min(all.size(), from + PAGE_SIZE));
        model.addAttribute("page", shown);
        model.addAttribute(
                "pageText",
                all.isEmpty()
                        ? null
                        : (from + 1) + "–" + (from + own.size()) + " of " + all.size()
                                + (all.size() == 1 ? " token" : " tokens"));
        model.addAttribute("previousPage", shown > 1 ? shown - 1 : null);
        model.addAttribute("nextPage", shown < pages ? shown + 1 : null);
        Map<TokenId, List<ScopeState>> dead = checks.deadScopes(actor, own);
        model.addAttribute(
                "tokens",
                own.stream()
                        .map(t -> view(actor, t).withDeadScopes(dead.get(t.id()), true))
                        .map(v -> suspended ? v.suspended() : v)
                        .toList());
    }

    private void addFormContext(Actor actor, Model model, GenerateTokenForm form, TokenIssueTerms terms) {
        model.addAttribute(CreateTokenDialog.FORM, form);
        TokenLifetimePolicy lifetimes = terms == null ? tokens.lifetimes() : terms.lifetimes();
        model.addAttribute("maxDays", lifetimes.maxDays());
        model.addAttribute("expiry", ExpiryControl.of(lifetimes, clock.instant()));
        // What the user's roles grant now; when tokens are refused altogether, the form error says so instead.
        model.addAttribute(
                "scopePicker",
                ScopePickerView.forOwner(
                                "token",
                                services.catalogue(actor.workspace()),
                                terms == null ? Set.of() : terms.grantable(),
                                form.scopes())
                        .withServiceTitles(services.displayNames(actor.workspace())));
    }

    private TokenFacts view(Actor actor, AccessToken token) {
        TokenTarget own = TokenTarget.own(token.id());
        return TokenFacts.of(token, tokens.allows(actor, TokenAction.RESTORE, token, own), clock.instant())
                .withRotate(tokens.allows(actor, TokenAction.ROTATE, token, own));
    }

    /** One row, as the list shows it (its dead scopes marked), after a revoke or restore. */
    private TokenFacts row(Actor actor, AccessToken token) {
        return view(actor, token)
                .withDeadScopes(checks.deadScopes(actor, List.of(token)).get(token.id()), true);
    }
}
