package dev.warden.web.token;

import dev.warden.core.token.AccessRefusedException;
import dev.warden.core.principal.Actor;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.QuotaExceededException;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TokenAction;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenIssueTerms;
import dev.warden.core.token.TokenLifetimePolicy;
import dev.warden.core.token.TokenService;
import dev.warden.core.token.TokenTarget;
import dev.warden.web.console.ConsolePage;
import dev.warden.web.console.ScopePickerView;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxReswap;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
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
 * User settings → Access tokens: the signed-in user's own personal access tokens. A row action that cannot be done
 * (already revoked elsewhere, expired, gone) is answered by the console's error path ({@code ConsoleErrorAdvice}).
 */
@Controller
@ConsolePage
@RequestMapping("/settings/user/tokens")
class UserTokensController {
    private static final String PAGE = "tokens/list";
    private static final String TOKENS_CHANGED = "tokens-changed";
    /** Core names fields as the API does; the form calls them differently. */
    private static final Map<String, String> FORM_FIELDS = Map.of(
            CreateTokenCommand.COMMENT_FIELD, "name",
            TokenLifetimePolicy.FIELD, "lifetimeDays",
            CreateTokenCommand.SCOPES_FIELD, "scopes");

    private final TokenService tokens;
    private final WorkspaceAdminNames admins;
    private final Clock clock;

    UserTokensController(TokenService tokens, WorkspaceAdminNames admins, Clock clock) {
        this.tokens = tokens;
        this.admins = admins;
        this.clock = clock;
    }

    @GetMapping
    String list(Actor actor, Model model, HtmxRequest htmx) {
        addTokens(actor, model);
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
        addFormContext(model, GenerateTokenForm.withDefaults(terms.lifetimes().defaultDays()), terms);
        if (htmx.isHtmxRequest()) {
            return "tokens/fragments :: generate-dialog";
        }
        addTokens(actor, model);
        return PAGE;
    }

    @PostMapping
    String generate(Actor actor, @ModelAttribute("form") GenerateTokenForm form, BindingResult binding, Model model,
                    HtmxRequest htmx, HtmxResponse htmxResponse, HttpServletResponse response) {
        TokenIssueTerms terms = null;
        try {
            terms = tokens.termsFor(actor);
        } catch (AccessRefusedException e) {
            model.addAttribute("formError", e.getMessage());
        }
        if (terms != null) {
            validate(form, binding, terms);
        }
        if (terms != null && !binding.hasErrors()) {
            try {
                IssuedToken issued = tokens.create(actor, new CreateTokenCommand(form.getName(),
                        Duration.ofDays(form.getLifetimeDays()), form.getScopes()));
                // The secret is in this response only; no cache may keep it.
                response.setHeader("Cache-Control", "no-store");
                model.addAttribute("issued", IssuedTokenView.of(issued));
                if (htmx.isHtmxRequest()) {
                    htmxResponse.addTrigger(TOKENS_CHANGED);
                    htmxResponse.setRetarget("#dialog-slot");
                    htmxResponse.setReswap(HtmxReswap.innerHtml());
                    return "tokens/fragments :: issued-dialog";
                }
                model.addAttribute("form", null); // the copy dialog takes the form's place
                addTokens(actor, model);
                return PAGE;
            } catch (InvalidParameterException e) {
                binding.rejectValue(FORM_FIELDS.getOrDefault(e.field(), "name"), "invalid", e.getMessage());
            } catch (AccessRefusedException | QuotaExceededException e) {
                model.addAttribute("formError", e.getMessage());
            }
        }
        addFormContext(model, form, terms);
        if (htmx.isHtmxRequest()) {
            return "tokens/fragments :: generate-dialog";
        }
        addTokens(actor, model);
        return PAGE;
    }

    @PostMapping("/{id}/revoke")
    String revoke(Actor actor, @PathVariable String id, Model model) {
        model.addAttribute("token", view(actor, tokens.revoke(actor, new TokenId(id))));
        return "tokens/fragments :: token-row";
    }

    @PostMapping("/{id}/restore")
    String restore(Actor actor, @PathVariable String id, Model model) {
        model.addAttribute("token", view(actor, tokens.restore(actor, new TokenId(id))));
        return "tokens/fragments :: token-row";
    }

    /** Answers with nothing, so htmx swaps the row out of the table. */
    @DeleteMapping("/{id}")
    @ResponseBody
    String delete(Actor actor, @PathVariable String id) {
        tokens.delete(actor, new TokenId(id));
        return "";
    }

    private void validate(GenerateTokenForm form, BindingResult binding, TokenIssueTerms terms) {
        if (form.getName() == null || form.getName().isBlank()) {
            binding.rejectValue("name", "required", "Give the token a name, so you can recognise it later.");
        }
        long maxDays = terms.lifetimes().maxDays();
        if (!binding.hasFieldErrors("lifetimeDays")
                && (form.getLifetimeDays() == null || form.getLifetimeDays() < 1 || form.getLifetimeDays() > maxDays)) {
            binding.rejectValue("lifetimeDays", "range", "Enter a lifetime from 1 to " + maxDays + " days.");
        }
        if (form.getScopes().isEmpty()) {
            binding.rejectValue("scopes", "required", "Choose at least one scope.");
        }
    }

    /** The user's tokens and, when no new token may be had now, why and whom to ask (tokens then marked Suspended). */
    private void addTokens(Actor actor, Model model) {
        TokenRefusal refusal = null;
        try {
            tokens.termsFor(actor);
        } catch (AccessRefusedException e) {
            refusal = TokenRefusal.of(e, admins.of(actor));
        }
        boolean suspended = refusal != null && refusal.suspended();
        model.addAttribute("refusal", refusal);
        model.addAttribute("tokens", tokens.listOwn(actor).stream()
                .map(t -> view(actor, t))
                .map(v -> suspended ? v.suspended() : v)
                .toList());
    }

    private void addFormContext(Model model, GenerateTokenForm form, TokenIssueTerms terms) {
        model.addAttribute("form", form);
        model.addAttribute("maxDays", (terms == null ? tokens.lifetimes() : terms.lifetimes()).maxDays());
        // What the user's roles grant now; when tokens are refused altogether, the form error says so instead.
        model.addAttribute("scopePicker", ScopePickerView.forOwner("token",
                terms == null ? Set.of() : terms.grantable(), form.getScopes()));
    }

    private TokenFacts view(Actor actor, AccessToken token) {
        return TokenFacts.of(token, tokens.allows(actor, TokenAction.RESTORE, token, TokenTarget.own(token.id())),
                clock.instant());
    }
}
