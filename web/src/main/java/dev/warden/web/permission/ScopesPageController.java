package dev.warden.web.permission;

import dev.warden.core.principal.Actor;
import dev.warden.core.service.ServiceRegistry;
import dev.warden.web.console.ConsolePage;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings → Scopes: the scope catalogue for every signed-in user (it says what a token's scopes mean, and shows
 * nothing about the workspace), grouped by resource, with the endpoints each scope lets a token call; a registered
 * service's scopes are grouped under its display name and open that service rather than Warden endpoints. The filter
 * box narrows it on the server ({@code ?q=}); htmx swaps the table in as one types, a plain form submit works too.
 */
@Controller
@RequestMapping("/settings/scopes")
class ScopesPageController implements ConsolePage {
    static final String PAGE = "scopes/list";

    private final ScopeCatalogue catalogue;
    private final ServiceRegistry services;

    ScopesPageController(ScopeCatalogue catalogue, ServiceRegistry services) {
        this.catalogue = catalogue;
        this.services = services;
    }

    @GetMapping
    String list(Actor actor, @RequestParam(required = false) String q, Model model, HtmxRequest htmx) {
        model.addAttribute("q", q == null ? "" : q.strip());
        model.addAttribute(
                "groups",
                catalogue.grouped(services.catalogue(actor.workspace()), services.displayNames(actor.workspace()), q));
        model.addAttribute("endpointCount", catalogue.endpointCount());
        return htmx.isHtmxRequest() ? PAGE + " :: scope-table" : PAGE;
    }
}
