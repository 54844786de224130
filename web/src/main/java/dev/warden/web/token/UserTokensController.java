package dev.warden.web.token;

import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Actor;
import dev.warden.core.shared.DomainException;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenLifetimePolicy;
import dev.warden.core.token.TokenService;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxReswap;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;

/** User settings → Access tokens: the signed-in user's own personal access tokens. */
@Controller
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
    private final Clock clock;

    UserTokensController(TokenService tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @GetMapping
    String list(Actor actor, Model model, HtmxRequest htmx) {
        addTokens(actor, model);
        return htmx.isHtmxRequest() ? PAGE + " :: token-table" : PAGE;
    }

    @GetMapping("/new")
    String generateDialog(Actor actor, Model model, HtmxRequest htmx) {
        addFormContext(model, GenerateTokenForm.withDefaults(tokens.lifetimes().defaultDays()));
        if (htmx.isHtmxRequest()) {
            return "tokens/fragments :: generate-dialog";
        }
        addTokens(actor, model);
        return PAGE;
    }

    @PostMapping
    String generate(Actor actor, @ModelAttribute("form") GenerateTokenForm form, BindingResult binding, Model model,
                    HtmxRequest htmx, HtmxResponse htmxResponse, HttpServletResponse response) {
        validate(form, binding);
        if (!binding.hasErrors()) {
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
                addTokens(actor, model);
                return PAGE;
            } catch (InvalidParameterException e) {
                binding.rejectValue(FORM_FIELDS.getOrDefault(e.field(), "name"), "invalid", e.getMessage());
            }
        }
        addFormContext(model, form);
        if (htmx.isHtmxRequest()) {
            return "tokens/fragments :: generate-dialog";
        }
        addTokens(actor, model);
        return PAGE;
    }

    @PostMapping("/{id}/revoke")
    String revoke(Actor actor, @PathVariable String id, Model model) {
        model.addAttribute("token", TokenView.of(tokens.revoke(actor, new TokenId(id)), clock.instant()));
        return "tokens/fragments :: token-row";
    }

    @PostMapping("/{id}/restore")
    String restore(Actor actor, @PathVariable String id, Model model) {
        model.addAttribute("token", TokenView.of(tokens.restore(actor, new TokenId(id)), clock.instant()));
        return "tokens/fragments :: token-row";
    }

    /** Answers with nothing, so htmx swaps the row out of the table. */
    @DeleteMapping("/{id}")
    @ResponseBody
    String delete(Actor actor, @PathVariable String id) {
        tokens.delete(actor, new TokenId(id));
        return "";
    }

    /** A row action that cannot be done (already revoked elsewhere, expired, gone): say why above the table. */
    @ExceptionHandler(DomainException.class)
    @ResponseStatus(HttpStatus.OK)
    String refused(DomainException e, Model model, HtmxResponse htmx) {
        htmx.setReswap(HtmxReswap.none());
        model.addAttribute("message", e.getMessage());
        return "tokens/fragments :: flash-error";
    }

    private void validate(GenerateTokenForm form, BindingResult binding) {
        if (form.getName() == null || form.getName().isBlank()) {
            binding.rejectValue("name", "required", "Give the token a name, so you can recognise it later.");
        }
        long maxDays = tokens.lifetimes().maxDays();
        if (!binding.hasFieldErrors("lifetimeDays")
                && (form.getLifetimeDays() == null || form.getLifetimeDays() < 1 || form.getLifetimeDays() > maxDays)) {
            binding.rejectValue("lifetimeDays", "range", "Enter a lifetime from 1 to " + maxDays + " days.");
        }
        if (form.getScopes().isEmpty()) {
            binding.rejectValue("scopes", "required", "Choose at least one scope.");
        }
    }

    private void addTokens(Actor actor, Model model) {
        model.addAttribute("tokens", tokens.listOwn(actor).stream().map(t -> TokenView.of(t, clock.instant())).toList());
    }

    private void addFormContext(Model model, GenerateTokenForm form) {
        model.addAttribute("form", form);
        model.addAttribute("maxDays", tokens.lifetimes().maxDays());
        model.addAttribute("scopeCatalogue", Scope.catalogue());
    }
}
