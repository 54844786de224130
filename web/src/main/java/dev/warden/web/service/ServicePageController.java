package dev.warden.web.service;

import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.service.ServiceId;
import dev.warden.core.service.ServiceRegistry;
import dev.warden.core.service.ServiceScopeInput;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.web.console.ConsoleAccess;
import dev.warden.web.console.ConsolePage;
import dev.warden.web.console.Redirects;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;

/**
 * One registered service's page: its scopes (add one, remove one, each with the roles that grant it), its service
 * principal, rename, remove. htmx swaps the scopes section after a change; without JavaScript each form posts and
 * the page comes back. {@link ServiceRegistry} checks {@code services:read} / {@code services:write} on every call.
 */
@Controller
@RequestMapping(ServicesPageController.PATH + "/{id}")
class ServicePageController implements ConsolePage {
    static final String DETAIL = "admin/services/detail";

    private final ServiceRegistry services;
    private final ServicePages pages;
    private final ConsoleAccess access;

    ServicePageController(ServiceRegistry services, ServicePages pages, ConsoleAccess access) {
        this.services = services;
        this.pages = pages;
        this.access = access;
    }

    @GetMapping
    String detail(Actor actor, @PathVariable long id, Model model) {
        ServiceDetailView service = pages.detail(actor, id);
        model.addAttribute("service", service);
        model.addAttribute("scopeForm", newScopeForm(service));
        return DETAIL;
    }

    @PostMapping("/scopes")
    String addScope(
            Actor actor,
            @PathVariable long id,
            @ModelAttribute("scopeForm") ServiceScopeForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx) {
        String scope = form.getScope() == null ? "" : form.getScope().strip();
        try {
            // a scope the service already declares keeps its key and takes the new description
            boolean known = services.get(actor, new ServiceId(id)).declares(scope);
            services.update(
                    actor, new ServiceId(id), null, List.of(new ServiceScopeInput(scope, form.getDescription())), null);
            if (!htmx.isHtmxRequest()) {
                return "redirect:" + ServicesPageController.PATH + "/" + id + "#service-scopes";
            }
            ServiceDetailView service = pages.detail(actor, id);
            model.addAttribute(
                    "scopesMessage",
                    known ? "The description of " + scope + " was changed." : "Scope " + scope + " added.");
            model.addAttribute("scopeForm", newScopeForm(service));
            return scopes(service, model, htmx);
        } catch (InvalidParameterException e) {
            binding.rejectValue(
                    e.field() != null && e.field().endsWith("description") ? "description" : "scope",
                    "invalid",
                    e.getMessage());
            return scopes(pages.detail(actor, id), model, htmx);
        }
    }

    @DeleteMapping("/scopes")
    String removeScope(
            Actor actor,
            @PathVariable long id,
            @RequestParam(required = false) String scope,
            Model model,
            HtmxRequest htmx) {
        // a missing scope is core's to refuse, naming the scopes the service has
        services.update(actor, new ServiceId(id), null, null, List.of(scope == null ? "" : scope));
        ServiceDetailView service = pages.detail(actor, id);
        model.addAttribute("scopesMessage", "Scope " + scope + " removed.");
        model.addAttribute("scopeForm", newScopeForm(service));
        return scopes(service, model, htmx);
    }

    @GetMapping("/rename")
    String renameDialog(Actor actor, @PathVariable long id, Model model, HtmxRequest htmx) {
        access.require(actor, Permission.SERVICES_WRITE);
        ServiceDetailView service = pages.detail(actor, id);
        ServiceScopeForm form = new ServiceScopeForm();
        form.setDisplayName(service.displayName());
        model.addAttribute("renameForm", form);
        return renameDialog(service, model, htmx);
    }

    @PostMapping("/rename")
    Object rename(
            Actor actor,
            @PathVariable long id,
            @ModelAttribute("renameForm") ServiceScopeForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx) {
        if (form.getDisplayName() == null || form.getDisplayName().isBlank()) {
            access.require(actor, Permission.SERVICES_WRITE); // a reader learns that first
            binding.rejectValue("displayName", "required", "Enter the name people see for the service.");
            return renameDialog(pages.detail(actor, id), model, htmx);
        }
        try {
            services.update(actor, new ServiceId(id), form.getDisplayName(), null, null);
            return Redirects.to(ServicesPageController.PATH + "/" + id, htmx);
        } catch (InvalidParameterException e) {
            binding.rejectValue("displayName", "invalid", e.getMessage());
            return renameDialog(pages.detail(actor, id), model, htmx);
        }
    }

    @DeleteMapping
    View delete(Actor actor, @PathVariable long id, HtmxRequest htmx) {
        services.delete(actor, new ServiceId(id));
        return Redirects.to(ServicesPageController.PATH, htmx);
    }

    private static String renameDialog(ServiceDetailView service, Model model, HtmxRequest htmx) {
        model.addAttribute("service", service);
        if (htmx.isHtmxRequest()) {
            return ServicesPageController.FRAGMENTS + " :: rename-dialog";
        }
        model.addAttribute("scopeForm", newScopeForm(service));
        return DETAIL;
    }

    private static String scopes(ServiceDetailView service, Model model, HtmxRequest htmx) {
        model.addAttribute("service", service);
        return htmx.isHtmxRequest() ? DETAIL + " :: service-scopes" : DETAIL;
    }

    /** The add-scope field starts with the service's prefix, which every scope of it needs. */
    private static ServiceScopeForm newScopeForm(ServiceDetailView service) {
        ServiceScopeForm form = new ServiceScopeForm();
        form.setScope(service.name() + ":");
        return form;
    }
}
