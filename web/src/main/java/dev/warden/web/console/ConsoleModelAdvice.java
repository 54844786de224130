package dev.warden.web.console;

import dev.warden.web.security.ConsoleUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Model values every console page's layout needs. Only for {@link ConsolePage} controllers: Spring runs an advice's
 * {@code @ModelAttribute} methods before every handler it applies to, and an API handler (a {@code @RestController},
 * so also a {@code Controller}) renders no page; on {@code GET /api/2.0/token/list} they were an eighth of the
 * request's CPU (README, "Request cost and caching").
 */
@ControllerAdvice(assignableTypes = ConsolePage.class)
class ConsoleModelAdvice {
    static final String ADMIN_PATH = "/settings/admin";
    private final ConsoleAccess access;

    ConsoleModelAdvice(ConsoleAccess access) {
        this.access = access;
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return pathOf(request);
    }

    /** What the signed-in user may do, for the Admin Console's pages to show only what works. */
    @ModelAttribute("can")
    Abilities can(HttpServletRequest request) {
        ConsoleUser user = consoleUser();
        return user == null || !pathOf(request).startsWith(ADMIN_PATH)
                ? null
                : access.of(user.actor(request.getRemoteAddr()));
    }

    @ModelAttribute("adminTabs")
    List<AdminTab> adminTabs(HttpServletRequest request) {
        Abilities abilities = can(request);
        return abilities == null ? null : AdminTab.visibleTabs(abilities);
    }

    static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static ConsoleUser consoleUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof ConsoleUser user ? user : null;
    }
}
