package dev.warden.web.webhook;

import dev.warden.core.principal.Actor;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Page;
import dev.warden.core.shared.PageRequest;
import dev.warden.core.webhook.DeliveryAttempt;
import dev.warden.core.webhook.Webhook;
import dev.warden.core.webhook.WebhookService;
import dev.warden.web.console.ConsolePage;
import dev.warden.web.settings.WorkspaceSettingsPage;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Workspace settings → Notifications → Webhooks: add (the secret then shown once in the copy dialog), enable or
 * disable, send a test, delete, and the delivery log. Plain form posts (Thymeleaf adds the CSRF token to each); a bad
 * value re-renders the page with the message next to its field and keeps what was typed.
 */
@Controller
@RequestMapping(WebhookConsoleController.PATH)
class WebhookConsoleController implements ConsolePage {
    static final String PATH = WorkspaceSettingsPage.PATH + "/webhooks";
    static final int LOG_PAGE = 50;

    /** What the copy dialog shows. */
    record IssuedSecret(String name, String secret) {}

    private final WebhookService webhooks;
    private final WorkspaceSettingsPage page;

    WebhookConsoleController(WebhookService webhooks, WorkspaceSettingsPage page) {
        this.webhooks = webhooks;
        this.page = page;
    }

    @PostMapping
    String add(
            Actor actor,
            @RequestParam(defaultValue = "") String url,
            @RequestParam(name = "eventTypes", required = false) List<String> eventTypes,
            Model model) {
        try {
            WebhookService.Created created =
                    webhooks.create(actor, url, eventTypes == null ? List.of() : eventTypes, true);
            return issued(created, model);
        } catch (InvalidParameterException e) {
            model.addAttribute("webhookError", e.getMessage());
            model.addAttribute("webhookErrorField", e.field());
            model.addAttribute("webhookUrl", url);
            model.addAttribute("webhookTypes", eventTypes == null ? List.of() : eventTypes);
            return page.render(actor, model);
        }
    }

    /** A new signing secret, shown once in the same dialog; the old one stops at once. */
    @PostMapping("/{id}/rotate-secret")
    String rotate(Actor actor, @PathVariable long id, Model model) {
        return issued(webhooks.rotateSecret(actor, id), model);
    }

    private static String issued(WebhookService.Created created, Model model) {
        model.addAttribute("issued", new IssuedSecret(created.webhook().url(), created.secret()));
        model.addAttribute("issuedTitle", "Copy the webhook's signing secret");
        model.addAttribute(
                "issuedWarning",
                "Copy it now: you will not be able to view the secret again. The receiver verifies each"
                        + " delivery's signature with it.");
        model.addAttribute(
                "issuedLabel", "Signing secret of " + created.webhook().url());
        model.addAttribute(
                "issuedSummary",
                "Webhook " + created.webhook().id() + " · events: "
                        + (created.webhook().eventTypes().isEmpty()
                                ? "all"
                                : String.join(", ", created.webhook().eventTypes()))
                        + ". Standard Webhooks signatures (webhook-id, webhook-timestamp, webhook-signature).");
        model.addAttribute("donePath", WorkspaceSettingsPage.PATH + "#webhooks");
        return "admin/workspace/webhook-issued";
    }

    @PostMapping("/{id}/enabled")
    String enable(Actor actor, @PathVariable long id, @RequestParam boolean enabled) {
        webhooks.update(actor, id, null, null, enabled);
        return "redirect:" + WorkspaceSettingsPage.PATH + "?saved=webhooks#webhooks";
    }

    @PostMapping("/{id}/test")
    String test(Actor actor, @PathVariable long id, Model model) {
        model.addAttribute("webhookTested", id);
        model.addAttribute("webhookTest", webhooks.test(actor, id));
        return page.render(actor, model);
    }

    @PostMapping("/{id}/delete")
    String delete(Actor actor, @PathVariable long id) {
        webhooks.delete(actor, id);
        return "redirect:" + WorkspaceSettingsPage.PATH + "?saved=webhooks#webhooks";
    }

    @GetMapping("/{id}/deliveries")
    String deliveries(Actor actor, @PathVariable long id, @RequestParam(defaultValue = "0") int offset, Model model) {
        Webhook webhook = webhooks.get(actor, id);
        Page<DeliveryAttempt> log =
                webhooks.deliveries(actor, id, new PageRequest(Math.max(0, Math.min(offset, 100_000)), LOG_PAGE));
        model.addAttribute("webhook", webhook);
        model.addAttribute("log", log);
        model.addAttribute("nextOffset", log.hasNext() ? log.request().offset() + LOG_PAGE : null);
        return "admin/workspace/webhook-deliveries";
    }
}
