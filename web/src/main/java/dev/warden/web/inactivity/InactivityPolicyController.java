package dev.warden.web.inactivity;

import dev.warden.core.inactivity.InactivityPolicy;
import dev.warden.core.principal.Actor;
import dev.warden.core.settings.SettingsService;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.web.console.ConsolePage;
import dev.warden.web.settings.InactivityPreviewModel;
import dev.warden.web.settings.WorkspaceSettingsPage;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Workspace settings → Inactivity policy: the number of days, saved as the workspace-conf key {@value
 * SettingsService#REVOKE_UNUSED_DAYS} (so audited as a settings change), and its preview, fetched by htmx as the admin
 * types and shown before anything is saved.
 */
@Controller
@RequestMapping(WorkspaceSettingsPage.PATH + "/inactivity")
class InactivityPolicyController implements ConsolePage {
    static final String PREVIEW = "admin/workspace/fragments :: inactivity-preview";

    private final SettingsService settings;
    private final InactivityPolicy policy;
    private final WorkspaceSettingsPage page;

    InactivityPolicyController(SettingsService settings, InactivityPolicy policy, WorkspaceSettingsPage page) {
        this.settings = settings;
        this.policy = policy;
        this.page = page;
    }

    /** The preview of what the typed number of days would do today (empty: the policy is off). */
    @GetMapping("/preview")
    String preview(Actor actor, @RequestParam(defaultValue = "") String days, Model model) {
        InactivityPreviewModel.add(policy, actor, days, model);
        return PREVIEW;
    }

    @PostMapping
    String save(Actor actor, @RequestParam(defaultValue = "") String days, Model model) {
        Map<String, String> change = new HashMap<>();
        change.put(SettingsService.REVOKE_UNUSED_DAYS, days);
        try {
            settings.update(actor, change);
            return "redirect:" + WorkspaceSettingsPage.PATH + "?saved=inactivity";
        } catch (InvalidParameterException e) {
            model.addAttribute("inactivityError", e.getMessage());
            model.addAttribute("inactivityDays", days);
            return page.render(actor, model);
        }
    }
}
