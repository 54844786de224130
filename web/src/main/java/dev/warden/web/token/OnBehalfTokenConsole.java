package dev.warden.web.token;

import dev.warden.core.principal.Actor;
import dev.warden.core.service.ServiceRegistry;
import dev.warden.core.token.AccessRefusedException;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.TokenIssueTerms;
import dev.warden.core.token.TokenLifetimePolicy;
import dev.warden.core.token.TokenManagementService;
import dev.warden.core.token.TokenService;
import dev.warden.web.console.ExpiryControl;
import dev.warden.web.console.ScopePickerView;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;

/**
 * "Create token" on a service principal's page: the personal token dialog (name, lifetime, scope picker), posting
 * to the service principal's page, for a token on behalf of it ({@link TokenManagementService#createOnBehalfOf}).
 * The scopes offered are those its roles grant now; core refuses the rest, and whatever the creator could not
 * receive. The secret is shown once; Done reloads the page, which lists the new token.
 */
@Component
public class OnBehalfTokenConsole {
    public static final String DIALOG = "tokens/fragments :: generate-dialog";
    private static final CreateTokenDialog CREATE = new CreateTokenDialog(
            DIALOG,
            "tokens/fragments :: issued-dialog",
            "principal-tokens-changed",
            Map.of(
                    CreateTokenCommand.COMMENT_FIELD,
                    "name",
                    TokenLifetimePolicy.FIELD,
                    "lifetimeDays",
                    CreateTokenCommand.SCOPES_FIELD,
                    "scopes",
                    "application_id",
                    "name"),
            "scopes");

    private final TokenManagementService management;
    private final TokenService tokens;
    private final ServiceRegistry services;
    private final Clock clock;

    OnBehalfTokenConsole(
            TokenManagementService management, TokenService tokens, ServiceRegistry services, Clock clock) {
        this.management = management;
        this.tokens = tokens;
        this.services = services;
        this.clock = clock;
    }

    /** The empty dialog; when no token may be had for it now, the dialog says why above the form. */
    public void addDialog(Actor actor, String applicationId, String name, String pagePath, Model model) {
        TokenIssueTerms terms = terms(actor, applicationId, model);
        TokenLifetimePolicy lifetimes = terms == null ? tokens.lifetimes() : terms.lifetimes();
        addFormContext(actor, name, pagePath, GenerateTokenForm.withDefaults(lifetimes, clock.instant()), terms, model);
    }

    /**
     * Creates the token when the form is valid.
     * @return the fragment that answers htmx (the copy dialog, or the dialog with its errors); null when the caller
     *     renders its page, which then shows one of them
     */
    public String create(
            Actor actor,
            String applicationId,
            String name,
            String pagePath,
            GenerateTokenForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx,
            HtmxResponse htmxResponse,
            HttpServletResponse response) {
        TokenIssueTerms terms = terms(actor, applicationId, model);
        TokenLifetimePolicy lifetimes = terms == null ? tokens.lifetimes() : terms.lifetimes();
        BindingResult bound = CREATE.bound(form, binding, model);
        Duration lifetime = CREATE.check(
                bound,
                model,
                () -> ExpiryControl.lifetime(
                        form.expiresIn(), form.expirationDate(), form.lifetimeDays(), lifetimes, clock.instant()));
        model.addAttribute("donePath", pagePath);
        model.addAttribute("issuedReloads", true);
        String fragment = CREATE.submit(
                bound,
                model,
                htmx,
                htmxResponse,
                response,
                () -> IssuedTokenView.of(management.createOnBehalfOf(
                        actor, applicationId, new CreateTokenCommand(form.name(), lifetime, form.scopes()))));
        if (model.getAttribute("issued") == null) {
            addFormContext(actor, name, pagePath, form, terms, model);
        }
        return fragment;
    }

    /** The terms of a token for it, or null with the refusal as the form's error. */
    private TokenIssueTerms terms(Actor actor, String applicationId, Model model) {
        try {
            return management.termsOnBehalfOf(actor, applicationId);
        } catch (AccessRefusedException e) {
            model.addAttribute(CreateTokenDialog.FORM_ERROR, e.getMessage());
            return null;
        }
    }

    private void addFormContext(
            Actor actor, String name, String pagePath, GenerateTokenForm form, TokenIssueTerms terms, Model model) {
        model.addAttribute(CreateTokenDialog.FORM, form);
        model.addAttribute("generatePath", pagePath + "/tokens");
        model.addAttribute("generateTitle", "Create a token for " + name);
        TokenLifetimePolicy lifetimes = terms == null ? tokens.lifetimes() : terms.lifetimes();
        model.addAttribute("maxDays", lifetimes.maxDays());
        model.addAttribute("expiry", ExpiryControl.of(lifetimes, clock.instant()));
        ScopePickerView picker = ScopePickerView.forOwner(
                        "token",
                        services.catalogue(actor.workspace()),
                        terms == null ? Set.of() : terms.grantable(),
                        form.scopes())
                .withServiceTitles(services.displayNames(actor.workspace()));
        // The owner is the service principal: the picker speaks of its roles, not the viewer's.
        model.addAttribute(
                "scopePicker",
                new ScopePickerView(
                        picker.idPrefix(),
                        "Choose only what the token needs. A scope never grants more than the roles of " + name + ".",
                        "its roles don't grant this",
                        picker.roleDriven(),
                        picker.groups()));
    }
}
