package dev.warden.web.directory;

import dev.warden.core.directory.DirectoryService;
import dev.warden.core.directory.ServicePrincipalDetails;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.ResourceAlreadyExistsException;
import dev.warden.web.console.ConsoleAccess;
import dev.warden.web.console.ConsolePage;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** Settings → Admin Console → Service principals: machine identities with a generated application id. */
@Controller
@RequestMapping("/settings/admin/service-principals")
class ServicePrincipalsPageController extends DirectoryPagesController implements ConsolePage {

    private final ServicePrincipalPageModel page;

    ServicePrincipalsPageController(
            PrincipalPages pages, DirectoryService directory, ConsoleAccess access, ServicePrincipalPageModel page) {
        super(pages, directory, access);
        this.page = page;
    }

    /** Its OAuth secrets and what the viewer may do to it (create its token, add it to a group, assign a role). */
    @Override
    void addDetails(Actor actor, long id, Model model) {
        page.addDetails(actor, (PrincipalDetailView) model.getAttribute("principal"), model);
    }

    @Override
    DirectoryKind kind() {
        return DirectoryKind.SERVICE_PRINCIPAL;
    }

    @Override
    Object emptyForm() {
        return new CreateServicePrincipalForm();
    }

    @PostMapping
    String create(
            Actor actor,
            @ModelAttribute("form") CreateServicePrincipalForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx,
            HtmxResponse htmxResponse) {
        if (form.getDisplayName() == null || form.getDisplayName().isBlank()) {
            binding.rejectValue("displayName", "required", "Enter a display name, so people can tell what it is for.");
        } else {
            try {
                Principal created = directory.createServicePrincipal(
                        actor, new ServicePrincipalDetails(null, form.getDisplayName(), null, true));
                return created(created, model, htmx, htmxResponse);
            } catch (InvalidParameterException | ResourceAlreadyExistsException e) {
                binding.rejectValue("displayName", "invalid", e.getMessage());
            }
        }
        return dialog(actor, model, htmx);
    }
}
