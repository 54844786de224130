package dev.warden.web.notice;

import dev.warden.core.notice.NoticeService;
import dev.warden.core.principal.Actor;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.web.console.ConsolePage;
import dev.warden.web.settings.WorkspaceSettingsPage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Workspace settings → Notifications: the lead times (comma-separated days) and the extra addresses (one per line).
 * A bad value re-renders the page with the message naming the field and keeps what was typed; nothing is saved.
 */
@Controller
@RequestMapping(WorkspaceSettingsPage.PATH + "/notifications")
class NotificationSettingsController implements ConsolePage {
    private final NoticeService notices;
    private final WorkspaceSettingsPage page;

    NotificationSettingsController(NoticeService notices, WorkspaceSettingsPage page) {
        this.notices = notices;
        this.page = page;
    }

    @PostMapping
    String save(
            Actor actor,
            @RequestParam(defaultValue = "") String leadDays,
            @RequestParam(defaultValue = "") String extraAddresses,
            @RequestParam(name = "recipients", required = false) List<String> recipients,
            Model model) {
        // a checkbox left unticked is not sent: none ticked is no rule at all
        List<String> rules = recipients == null ? List.of() : recipients;
        try {
            notices.update(actor, days(leadDays), addresses(extraAddresses), rules);
            return "redirect:" + WorkspaceSettingsPage.PATH + "?saved=notifications";
        } catch (InvalidParameterException e) {
            model.addAttribute("noticeError", e.getMessage());
            model.addAttribute("noticeLeadDays", leadDays);
            model.addAttribute("noticeExtraAddresses", extraAddresses);
            model.addAttribute("noticeRecipients", rules);
            return page.render(actor, model);
        }
    }

    private static List<Integer> days(String text) {
        List<Integer> days = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                days.add(Integer.valueOf(part));
            } catch (NumberFormatException e) {
                throw new InvalidParameterException(
                        NoticeService.LEAD_DAYS, "Lead times must be whole numbers of days, separated by commas.");
            }
        }
        return days;
    }

    private static List<String> addresses(String text) {
        return Arrays.stream(text.split("[,;\\s]+")).filter(a -> !a.isEmpty()).toList();
    }
}
