package dev.warden.web.settings;

import dev.warden.core.inactivity.InactivityPolicy;
import dev.warden.core.notice.NoticeService;
import dev.warden.core.notice.NoticeSettings;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.settings.SettingsService;
import dev.warden.core.webhook.WebhookService;
import dev.warden.web.console.ConsoleAccess;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The Workspace settings page as a whole, for its own controller and for the dialogs that open on it (Token Usage)
 * when they are loaded as a full page.
 */
@Component
public class WorkspaceSettingsPage {
    public static final String PATH = "/settings/admin/workspace";
    static final String VIEW = "admin/workspace/settings";

    private final SettingsService settings;
    private final NoticeService notices;
    private final WebhookService webhooks;
    private final ConsoleAccess access;
    private final InactivityPolicy inactivity;

    WorkspaceSettingsPage(
            SettingsService settings,
            NoticeService notices,
            WebhookService webhooks,
            ConsoleAccess access,
            InactivityPolicy inactivity) {
        this.settings = settings;
        this.notices = notices;
        this.webhooks = webhooks;
        this.access = access;
        this.inactivity = inactivity;
    }

    /** Adds the settings form (unless one is being answered) and what the actor may do; returns the page view. */
    public String render(Actor actor, Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", TokenSettingsForm.of(settings.get(actor)));
        }
        if (!model.containsAttribute("noticeLeadDays")) {
            NoticeSettings current = notices.settings(actor);
            model.addAttribute(
                    "noticeLeadDays",
                    current.leadDays().stream().map(String::valueOf).collect(Collectors.joining(", ")));
            model.addAttribute("noticeExtraAddresses", String.join("\n", current.extraAddresses()));
            model.addAttribute("noticeRecipients", NoticeService.keys(current.recipients()));
        }
        if (!model.containsAttribute("inactivityDays")) {
            Integer days = settings.get(actor).revokeUnusedAfterDays();
            model.addAttribute("inactivityDays", days == null ? "" : days.toString());
        }
        // the policy's preview beside the field, for the saved days or the ones just refused
        if (!model.containsAttribute("inactivityError")) {
            InactivityPreviewModel.add(inactivity, actor, (String) model.getAttribute("inactivityDays"), model);
        }
        model.addAttribute("mailConfigured", notices.canSend());
        model.addAttribute("webhooks", webhooks.list(actor));
        model.addAttribute("webhookEventTypes", WebhookService.eventTypes());
        var can = access.of(actor);
        model.addAttribute("editable", can.holds(Permission.SETTINGS_WRITE));
        model.addAttribute("canSeeTokenUsage", can.holds(Permission.PERMISSIONS_READ));
        return VIEW;
    }
}
