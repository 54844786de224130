package dev.warden.web.role;

import dev.warden.core.permission.Permission;
import dev.warden.core.permission.PermissionCatalogue;
import dev.warden.core.principal.Actor;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleId;
import dev.warden.core.role.RoleService;
import dev.warden.core.service.ServiceRegistry;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.ResourceAlreadyExistsException;
import dev.warden.web.console.ConsoleAccess;
import dev.warden.web.console.ConsolePage;
import dev.warden.web.console.PermissionGroupView;
import dev.warden.web.console.Redirects;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.View;

/**
 * Settings → Admin Console → Roles: every role with its permissions and holders; custom roles are created,
 * edited and deleted here by ticking permissions from the catalogue. Each role's page lists and changes who
 * holds it ({@link RoleHoldersPageController}).
 */
@Controller
@RequestMapping("/settings/admin/roles")
class RolesPageController implements ConsolePage {
    static final String LIST = "admin/roles/list";
    static final String FRAGMENTS = "admin/roles/fragments";

    private final RoleService roles;
    private final RolePages pages;
    private final ConsoleAccess access;
    private final ServiceRegistry services;

    RolesPageController(RoleService roles, RolePages pages, ConsoleAccess access, ServiceRegistry services) {
        this.services = services;
        this.roles = roles;
        this.pages = pages;
        this.access = access;
    }

    @GetMapping
    String list(Actor actor, Model model) {
        model.addAttribute("roles", pages.summaries(actor));
        return LIST;
    }

    @GetMapping("/new")
    String newDialog(Actor actor, Model model, HtmxRequest htmx) {
        requireWrite(actor);
        model.addAttribute("form", new EditRoleForm());
        return dialog(actor, null, model, htmx);
    }

    @PostMapping
    Object create(
            Actor actor,
            @ModelAttribute("form") EditRoleForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx) {
        Set<Permission> permissions = validate(actor, form, binding);
        if (!binding.hasErrors()) {
            try {
                Role role = roles.create(actor, form.getName(), form.getDescription(), permissions);
                return redirect(htmx, "/settings/admin/roles/" + role.id().value());
            } catch (InvalidParameterException | ResourceAlreadyExistsException e) {
                rejectField(binding, e);
            }
        }
        return dialog(actor, null, model, htmx);
    }

    @GetMapping("/{id}/edit")
    String editDialog(Actor actor, @PathVariable long id, Model model, HtmxRequest htmx) {
        requireWrite(actor);
        Role role = roles.get(actor, new RoleId(id));
        model.addAttribute("form", EditRoleForm.of(role));
        return dialog(actor, role, model, htmx);
    }

    @PostMapping("/{id}")
    Object update(
            Actor actor,
            @PathVariable long id,
            @ModelAttribute("form") EditRoleForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx) {
        Role role = roles.get(actor, new RoleId(id));
        Set<Permission> permissions = validate(actor, form, binding);
        if (!binding.hasErrors()) {
            try {
                roles.update(
                        actor,
                        role.id(),
                        form.getName(),
                        form.getDescription() == null ? "" : form.getDescription(),
                        permissions);
                return redirect(htmx, "/settings/admin/roles/" + id);
            } catch (InvalidParameterException | ResourceAlreadyExistsException e) {
                rejectField(binding, e);
            }
        }
        return dialog(actor, role, model, htmx);
    }

    @DeleteMapping("/{id}")
    View delete(Actor actor, @PathVariable long id, HtmxRequest htmx) {
        roles.delete(actor, new RoleId(id));
        return Redirects.to("/settings/admin/roles", htmx);
    }

    private Set<Permission> validate(Actor actor, EditRoleForm form, BindingResult binding) {
        PermissionCatalogue catalogue = services.catalogue(actor.workspace());
        if (form.getName() == null || form.getName().isBlank()) {
            binding.rejectValue("name", "required", "Enter a name for the role.");
        }
        Set<Permission> permissions = new TreeSet<>();
        List<String> unknown = new ArrayList<>();
        for (String key : form.getPermissions()) {
            Optional<Permission> permission = catalogue.find(key);
            permission.ifPresentOrElse(permissions::add, () -> unknown.add(key));
        }
        if (!unknown.isEmpty()) {
            binding.rejectValue("permissions", "unknown", "Unknown permissions: " + String.join(", ", unknown) + ".");
        } else if (permissions.isEmpty()) {
            binding.rejectValue("permissions", "required", "Tick at least one permission.");
        }
        return permissions;
    }

    private static void rejectField(BindingResult binding, RuntimeException e) {
        String field = e instanceof InvalidParameterException invalid && "description".equals(invalid.field())
                ? "description"
                : "name";
        binding.rejectValue(field, "invalid", e.getMessage());
    }

    private String dialog(Actor actor, Role editing, Model model, HtmxRequest htmx) {
        model.addAttribute("editing", editing == null ? null : RoleSummaryView.of(editing, List.of(), 0));
        model.addAttribute(
                "permissionGroups",
                PermissionGroupView.of(
                        services.catalogue(actor.workspace()).permissions(), services.displayNames(actor.workspace())));
        if (htmx.isHtmxRequest()) {
            return FRAGMENTS + " :: role-dialog";
        }
        model.addAttribute("roles", pages.summaries(actor));
        return LIST;
    }

    private void requireWrite(Actor actor) {
        access.require(actor, Permission.ROLES_WRITE);
    }

    static View redirect(HtmxRequest htmx, String path) {
        return Redirects.to(path, htmx);
    }
}
