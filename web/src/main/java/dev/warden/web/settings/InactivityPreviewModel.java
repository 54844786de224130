package dev.warden.web.settings;

import dev.warden.core.inactivity.InactivityPolicy;
import dev.warden.core.principal.Actor;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.web.console.InstantText;
import org.springframework.ui.Model;

/** The inactivity policy's preview beside its field: for the settings page and for the field's live update. */
public final class InactivityPreviewModel {
    private InactivityPreviewModel() {}

    /**
     * Adds {@code inactivityPreview} and {@code inactivityStarts} (when it may first revoke, as text), or {@code
     * inactivityPreviewError}, for these days; nothing when blank.
     */
    public static void add(InactivityPolicy policy, Actor actor, String days, Model model) {
        if (days == null || days.isBlank()) {
            return;
        }
        try {
            InactivityPolicy.Preview preview = policy.preview(actor, days);
            model.addAttribute("inactivityPreview", preview);
            model.addAttribute("inactivityStarts", InstantText.format(preview.startsAt()));
        } catch (InvalidParameterException e) {
            model.addAttribute("inactivityPreviewError", e.getMessage());
        }
    }
}
