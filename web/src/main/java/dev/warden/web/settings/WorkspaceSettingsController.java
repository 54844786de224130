package dev.warden.web.settings;

import dev.warden.core.access.TokenStopImpact;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.settings.SettingsService;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.web.console.ConsoleAccess;
import dev.warden.web.console.ConsolePage;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings → Admin Console → Workspace settings: the Personal Access Tokens form. Switching tokens off (every kind)
 * asks first, with the number of working tokens of each kind that would stop. Its Token Usage dialog
 * (Permission Settings) belongs to the token usage feature ({@code web.tokenusage}).
 */
@Controller
@RequestMapping(WorkspaceSettingsPage.PATH)
class WorkspaceSettingsController implements ConsolePage {
    private final SettingsService settings;
    private final ConsoleAccess access;
    private final WorkspaceSettingsPage page;
    private final TokenStopImpact impact;

    WorkspaceSettingsController(
            SettingsService settings, ConsoleAccess access, WorkspaceSettingsPage page, TokenStopImpact impact) {
        this.settings = settings;
        this.access = access;
        this.page = page;
        this.impact = impact;
    }

    @GetMapping
    String page(Actor actor, @RequestParam(required = false) String saved, Model model) {
        model.addAttribute(
                "saved",
                saved == null
                        ? null
                        : switch (saved) {
                            case "token-usage" -> "Token usage saved.";
                            case "notifications" -> "Notification settings saved.";
                            case "inactivity" -> "Inactivity policy saved.";
                            case "webhooks" -> "Webhooks saved.";
                            default -> "Settings saved.";
                        });
        return page.render(actor, model);
    }

    @PostMapping
    String save(
            Actor actor,
            @ModelAttribute("form") TokenSettingsForm form,
            BindingResult binding,
            @RequestParam(defaultValue = "false") boolean confirmDisable,
            Model model,
            HtmxRequest htmx) {
        boolean wasOn = settings.get(actor).tokensEnabled();
        access.require(actor, Permission.SETTINGS_WRITE);
        if (!binding.hasErrors() && wasOn && !form.isEnableTokensConfig() && !confirmDisable) {
            // The switch stops every token of every kind at once: ask first, with what stops, and save nothing yet.
            model.addAttribute("disableImpact", impact.ofDisablingTokens(actor));
        } else if (!binding.hasErrors()) {
            try {
                model.addAttribute("form", TokenSettingsForm.of(settings.update(actor, form.asConf())));
                model.addAttribute("saved", "Settings saved.");
            } catch (InvalidParameterException e) {
                String field = SettingsService.KEYS.contains(e.field()) ? e.field() : SettingsService.TOKEN_QUOTA;
                binding.rejectValue(field, "invalid", e.getMessage());
            }
        }
        String view = page.render(actor, model);
        return htmx.isHtmxRequest() ? view + " :: token-settings" : view;
    }
}
