package dev.warden.web.console;

import dev.warden.core.entitlement.ConsoleAccessPolicy;
import dev.warden.core.principal.Actor;
import dev.warden.web.security.NoConsoleAccessException;
import dev.warden.web.security.SignInThrottledException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Login page, landing redirect, the Admin Console's entry and the tabs whose features are still to come. */
@Controller
class ConsoleController implements ConsolePage {
    private final ConsoleAccess access;

    ConsoleController(ConsoleAccess access) {
        this.access = access;
    }

    /**
     * After a refused sign-in the page says why: wrong name or password, or too many failed sign-ins (with how long
     * to wait), both of which read the same whether or not the user exists; or, only after the right password, that
     * the account has no console access (no workspace-access entitlement).
     */
    @GetMapping("/login")
    String login(HttpServletRequest request, Model model) {
        HttpSession session = request.getSession(false);
        Object refusal = request.getParameter("error") != null && session != null
                ? session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION)
                : null;
        if (refusal instanceof SignInThrottledException throttled) {
            model.addAttribute("throttledMinutes", throttled.waitText());
        } else if (refusal instanceof NoConsoleAccessException) {
            model.addAttribute("noConsoleAccess", ConsoleAccessPolicy.refusal());
        }
        return "login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/settings/user/tokens";
    }

    /** The first tab the signed-in principal may see: Users for an admin, Groups for a group admin. */
    @GetMapping({"/settings", "/settings/admin"})
    String adminConsole(Actor actor) {
        List<AdminTab> tabs = AdminTab.visibleTabs(access.of(actor));
        if (tabs.isEmpty()) {
            access.requireAnywhere(actor, AdminTab.USERS.permission()); // refuses: nothing of the console is theirs
        }
        return "redirect:" + tabs.get(0).href();
    }
}
