package dev.warden.web.oauth;

import dev.warden.core.oauth.CreatedSecret;
import dev.warden.core.oauth.SecretId;
import dev.warden.core.oauth.ServicePrincipalSecretService;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.web.console.ConsolePage;
import dev.warden.web.console.InstantText;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import java.time.Duration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings → Admin Console → Service principals → one service principal → OAuth secrets: generate one (a lifetime
 * preset; its value shown once in the copy dialog), and delete one (which revokes the tokens it obtained). The
 * section itself is part of the service principal's page; htmx reloads it after each change.
 */
@Controller
@RequestMapping(SecretsPageController.PATH)
class SecretsPageController implements ConsolePage {
    static final String PATH = "/settings/admin/service-principals/{id}/secrets";
    static final String CHANGED = "secrets-changed";
    private static final String TEMPLATE = "admin/principals/secrets";

    private final ServicePrincipalSecretService secrets;
    private final SecretsPanels panels;

    SecretsPageController(ServicePrincipalSecretService secrets, SecretsPanels panels) {
        this.secrets = secrets;
        this.panels = panels;
    }

    static String path(long servicePrincipal) {
        return "/settings/admin/service-principals/" + servicePrincipal + "/secrets";
    }

    private static String page(long servicePrincipal) {
        return "/settings/admin/service-principals/" + servicePrincipal;
    }

    /** The section alone for htmx; a plain request goes to the service principal's page, which shows it. */
    @GetMapping
    String section(Actor actor, @PathVariable long id, Model model, HtmxRequest htmx) {
        if (!htmx.isHtmxRequest() || htmx.isHistoryRestoreRequest()) {
            return "redirect:" + page(id) + "#client-secrets";
        }
        return section(actor, id, model);
    }

    @PostMapping
    String generate(
            Actor actor,
            @PathVariable long id,
            @RequestParam(name = "lifetimeDays", required = false) String lifetimeDays,
            Model model,
            HtmxRequest htmx,
            HtmxResponse htmxResponse) {
        CreatedSecret created = secrets.create(actor, new PrincipalId(id), days(lifetimeDays));
        String clientId = secrets.clientIdOf(actor, new PrincipalId(id));
        model.addAttribute("issued", IssuedSecretView.of(created));
        model.addAttribute("issuedTitle", "Copy the new OAuth secret");
        model.addAttribute(
                "issuedWarning",
                "Copy it now: you will not be able to view the secret again, and Warden keeps only its hash.");
        model.addAttribute("issuedLabel", "Secret " + created.secret().displayHint());
        model.addAttribute(
                "issuedSummary",
                "Client id " + clientId + " · expires "
                        + InstantText.format(created.secret().expiresAt())
                        + ". Tools get access tokens with both at /oidc/v1/token (the Databricks SDK: auth type"
                        + " oauth-m2m, DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET).");
        model.addAttribute("donePath", page(id) + "#client-secrets");
        if (htmx.isHtmxRequest()) {
            htmxResponse.addTrigger(CHANGED);
            return TEMPLATE + " :: secret-issued-dialog";
        }
        return "admin/principals/secret-issued";
    }

    @DeleteMapping("/{secretId}")
    String delete(
            Actor actor,
            @PathVariable long id,
            @PathVariable String secretId,
            Model model,
            HtmxRequest htmx,
            HtmxResponse htmxResponse) {
        if (!SecretId.isWellFormed(secretId)) {
            throw new ResourceNotFoundException("This service principal has no such secret.");
        }
        int revoked = secrets.delete(actor, new PrincipalId(id), new SecretId(secretId))
                .revokedTokens()
                .size();
        if (!htmx.isHtmxRequest()) {
            return "redirect:" + page(id) + "#client-secrets";
        }
        model.addAttribute(
                "secretsMessage",
                "Secret deleted"
                        + (revoked == 0
                                ? "."
                                : "; " + revoked + " token" + (revoked == 1 ? "" : "s") + " it obtained "
                                        + (revoked == 1 ? "was" : "were") + " revoked."));
        return section(actor, id, model);
    }

    private String section(Actor actor, long id, Model model) {
        model.addAttribute("secrets", panels.of(actor, id));
        return TEMPLATE + " :: client-secrets";
    }

    /** The form's preset; the service checks it against the workspace's longest. */
    private static Duration days(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Duration.ofDays(Long.parseLong(raw.strip()));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidParameterException(
                    ServicePrincipalSecretService.LIFETIME_FIELD, "Choose one of the lifetimes offered.");
        }
    }
}
