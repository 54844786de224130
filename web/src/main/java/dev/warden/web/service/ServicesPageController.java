package dev.warden.web.service;

import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.service.RegisteredService;
import dev.warden.core.service.ServiceRegistry;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.ResourceAlreadyExistsException;
import dev.warden.web.console.ConsoleAccess;
import dev.warden.web.console.ConsolePage;
import dev.warden.web.console.Redirects;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Settings → Admin Console → Services: the registered services, and the "Register service" dialog (name, display
 * name, the service principal it introspects with, its scopes). A refused registration stores nothing and shows
 * the error next to its field. Each service has a page of its own ({@link ServicePageController}).
 */
@Controller
@RequestMapping(ServicesPageController.PATH)
class ServicesPageController implements ConsolePage {
    static final String PATH = "/settings/admin/services";
    static final String LIST = "admin/services/list";
    static final String FRAGMENTS = "admin/services/fragments";

    private final ServiceRegistry services;
    private final ServicePages pages;
    private final ConsoleAccess access;

    ServicesPageController(ServiceRegistry services, ServicePages pages, ConsoleAccess access) {
        this.services = services;
        this.pages = pages;
        this.access = access;
    }

    @GetMapping
    String list(Actor actor, Model model) {
        model.addAttribute("services", pages.summaries(actor));
        return LIST;
    }

    @GetMapping("/new")
    String newDialog(Actor actor, Model model, HtmxRequest htmx) {
        access.require(actor, Permission.SERVICES_WRITE);
        RegisterServiceForm form = new RegisterServiceForm();
        form.padRows();
        model.addAttribute("form", form);
        return dialog(actor, model, htmx);
    }

    @PostMapping
    Object register(
            Actor actor,
            @ModelAttribute("form") RegisterServiceForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx) {
        access.require(actor, Permission.SERVICES_WRITE);
        if (form.getServicePrincipal() == null || form.getServicePrincipal().isBlank()) {
            binding.rejectValue(
                    "servicePrincipal",
                    "required",
                    "Choose the service principal the service authenticates as (create one first under Service"
                            + " principals).");
        }
        if (form.scopeInputs().isEmpty()) {
            binding.rejectValue("scopes", "required", "Declare at least one scope, such as " + prefix(form) + "read.");
        }
        if (!binding.hasErrors()) {
            try {
                RegisteredService service = services.register(
                        actor, form.getName(), form.getDisplayName(), form.getServicePrincipal(), form.scopeInputs());
                return Redirects.to(PATH + "/" + service.id().value(), htmx);
            } catch (InvalidParameterException e) {
                binding.rejectValue(fieldOf(e.field()), "invalid", e.getMessage());
            } catch (ResourceAlreadyExistsException e) {
                binding.rejectValue("name", "taken", e.getMessage());
            }
        }
        form.padRows();
        return dialog(actor, model, htmx);
    }

    /** Core names the API's fields; the dialog's are named after the form. */
    static String fieldOf(String apiField) {
        if (apiField == null) {
            return "name";
        }
        if (apiField.startsWith("scopes")) {
            return "scopes";
        }
        return switch (apiField) {
            case "display_name" -> "displayName";
            case "service_principal_application_id" -> "servicePrincipal";
            default -> "name";
        };
    }

    private static String prefix(RegisterServiceForm form) {
        return form.getName() == null || form.getName().isBlank()
                ? "wiki:"
                : form.getName().strip() + ":";
    }

    private String dialog(Actor actor, Model model, HtmxRequest htmx) {
        model.addAttribute("choices", pages.servicePrincipalChoices(actor));
        if (htmx.isHtmxRequest()) {
            return FRAGMENTS + " :: register-dialog";
        }
        model.addAttribute("services", pages.summaries(actor));
        return LIST;
    }
}
