package dev.warden.web.console;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRedirectView;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Sends the browser to another console page: htmx follows {@code HX-Redirect} with a full page load, a plain
 * request gets a 302. (A "redirect:htmx:" view name would reach Thymeleaf's resolver first and become a 302 to
 * "htmx:/…", so the views are made here.)
 */
public final class Redirects {
    private Redirects() {}

    public static View to(String path, HtmxRequest htmx) {
        return htmx.isHtmxRequest() ? new HtmxRedirectView(path, true) : new RedirectView(path, true);
    }
}
