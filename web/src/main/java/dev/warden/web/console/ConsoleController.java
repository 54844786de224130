package dev.warden.web.console;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.http.HttpStatus;

/** Login page, landing redirect, and the Admin Console tabs whose features are still to come. */
@Controller
class ConsoleController {
    record Tab(String slug, String title, String comingSoon) {
    }

    static final List<Tab> ADMIN_TABS = List.of(
            new Tab("users", "Users", "Users of this workspace: search, create, deactivate, and see each user's groups,"
                    + " roles and tokens. Coming with the directory."),
            new Tab("groups", "Groups", "Groups with their members, roles and access tokens. Coming with the directory."),
            new Tab("service-principals", "Service principals", "Machine identities with their application ids and"
                    + " credentials. Coming with the directory."),
            new Tab("workspace", "Workspace settings", "Personal Access Tokens: the on/off switch, maximum lifetime,"
                    + " and Permission Settings → Token Usage. Coming with token usage permissions."),
            new Tab("tokens", "Access tokens", "Every token in the workspace, organisation and group tokens, and bulk"
                    + " revocation. Coming with token management."),
            new Tab("audit", "Audit log", "Every change and log-in, who made it and from where. The events are already"
                    + " recorded; their page is coming."));

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/settings/user/tokens";
    }

    @GetMapping({"/settings", "/settings/admin"})
    String adminConsole() {
        return "redirect:/settings/admin/users";
    }

    @GetMapping("/settings/admin/{slug}")
    String adminTab(@PathVariable String slug, Model model) {
        Tab tab = ADMIN_TABS.stream().filter(t -> t.slug().equals(slug)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("tabs", ADMIN_TABS);
        model.addAttribute("tab", tab);
        return "admin/placeholder";
    }
}
