package dev.warden.web.directory;

import dev.warden.core.group.GroupId;
import dev.warden.core.group.GroupService;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.role.RoleAssignmentId;
import dev.warden.core.role.RoleId;
import dev.warden.core.role.RoleService;
import dev.warden.core.shared.DomainException;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.shared.ResourceAlreadyExistsException;
import dev.warden.web.console.ConsolePage;
import dev.warden.web.token.GenerateTokenForm;
import dev.warden.web.token.OnBehalfTokenConsole;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * A service principal's page, its actions: create a token on behalf of it (the personal token dialog), add it to a
 * group and take it out, assign a role and undo a direct assignment. Core decides who may ({@link GroupService},
 * {@link RoleService} and their policies); a missing permission is answered by the console's error path, any other
 * refusal shows next to the form's field. With htmx each answer is the page's region, otherwise the page.
 */
@Controller
@RequestMapping(ServicePrincipalActionsController.PATH)
class ServicePrincipalActionsController implements ConsolePage {
    static final String PATH = "/settings/admin/service-principals/{id}";
    private static final String REGION = DirectoryPagesController.DETAIL + " :: principal-detail";
    /** Core names fields as the API does; the form calls them differently. */
    private static final Map<String, String> ROLE_FIELDS = Map.of("scope_group_id", "scopeGroupId");

    private final GroupService groups;
    private final RoleService roles;
    private final PrincipalPages pages;
    private final ServicePrincipalPageModel page;
    private final OnBehalfTokenConsole onBehalf;

    ServicePrincipalActionsController(
            GroupService groups,
            RoleService roles,
            PrincipalPages pages,
            ServicePrincipalPageModel page,
            OnBehalfTokenConsole onBehalf) {
        this.groups = groups;
        this.roles = roles;
        this.pages = pages;
        this.page = page;
        this.onBehalf = onBehalf;
    }

    /** "Create token": the personal token dialog, for a token on behalf of this service principal. */
    @GetMapping("/tokens/new")
    String newToken(Actor actor, @PathVariable long id, Model model, HtmxRequest htmx) {
        PrincipalDetailView principal = pages.detail(actor, DirectoryKind.SERVICE_PRINCIPAL, id);
        onBehalf.addDialog(actor, principal.applicationId(), principal.displayName(), pagePath(id), model);
        return htmx.isHtmxRequest() ? OnBehalfTokenConsole.DIALOG : pageWithDialog(actor, id, model);
    }

    /** Creates it: its value shown once in the copy dialog, or the dialog again with each error by its field. */
    @PostMapping("/tokens")
    String createToken(
            Actor actor,
            @PathVariable long id,
            @Valid @ModelAttribute("form") GenerateTokenForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx,
            HtmxResponse htmxResponse,
            HttpServletResponse response) {
        PrincipalDetailView principal = pages.detail(actor, DirectoryKind.SERVICE_PRINCIPAL, id);
        String fragment = onBehalf.create(
                actor,
                principal.applicationId(),
                principal.displayName(),
                pagePath(id),
                form,
                binding,
                model,
                htmx,
                htmxResponse,
                response);
        return fragment != null ? fragment : pageWithDialog(actor, id, model);
    }

    @PostMapping("/groups")
    String addToGroup(
            Actor actor,
            @PathVariable long id,
            @ModelAttribute(ServicePrincipalPageModel.GROUP_FORM) AddToGroupForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx) {
        if (form.getGroupId() == null) {
            binding.rejectValue("groupId", "required", "Choose a group.");
        } else {
            try {
                groups.addMembers(actor, new GroupId(form.getGroupId()), List.of(new PrincipalId(id)));
            } catch (PermissionDeniedException e) {
                throw e; // the console's error answer says why (the page may be out of date)
            } catch (DomainException e) {
                binding.rejectValue("groupId", "refused", e.getMessage());
            }
        }
        if (!binding.hasErrors()) {
            model.addAttribute(ServicePrincipalPageModel.GROUP_FORM, new AddToGroupForm());
        }
        return answer(actor, id, model, htmx, binding.hasErrors());
    }

    @DeleteMapping("/groups/{groupId}")
    String removeFromGroup(
            Actor actor, @PathVariable long id, @PathVariable long groupId, Model model, HtmxRequest htmx) {
        groups.removeMembers(actor, new GroupId(groupId), List.of(new PrincipalId(id)));
        return answer(actor, id, model, htmx, false);
    }

    @PostMapping("/roles")
    String assignRole(
            Actor actor,
            @PathVariable long id,
            @ModelAttribute(ServicePrincipalPageModel.ROLE_FORM) PrincipalRoleForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx) {
        if (form.getRoleId() == null) {
            binding.rejectValue("roleId", "required", "Choose a role.");
        } else {
            try {
                roles.assign(
                        actor,
                        new RoleId(form.getRoleId()),
                        new PrincipalId(id),
                        null,
                        form.getScopeGroupId() == null ? null : new GroupId(form.getScopeGroupId()));
            } catch (ResourceAlreadyExistsException e) {
                binding.rejectValue("roleId", "taken", "It already holds this role at this scope.");
            } catch (InvalidParameterException e) {
                binding.rejectValue(ROLE_FIELDS.getOrDefault(e.field(), "roleId"), "invalid", e.getMessage());
            } catch (PermissionDeniedException e) {
                throw e; // the console's error answer says why
            } catch (DomainException e) {
                binding.rejectValue("roleId", "refused", e.getMessage());
            }
        }
        if (!binding.hasErrors()) {
            model.addAttribute(ServicePrincipalPageModel.ROLE_FORM, new PrincipalRoleForm());
        }
        return answer(actor, id, model, htmx, binding.hasErrors());
    }

    @DeleteMapping("/roles/{assignmentId}")
    String unassignRole(
            Actor actor, @PathVariable long id, @PathVariable long assignmentId, Model model, HtmxRequest htmx) {
        roles.unassign(actor, new RoleAssignmentId(assignmentId));
        return answer(actor, id, model, htmx, false);
    }

    private String pageWithDialog(Actor actor, long id, Model model) {
        page.add(actor, id, model);
        model.addAttribute("tokenDialog", true);
        return DirectoryPagesController.DETAIL;
    }

    private static String pagePath(long id) {
        return DirectoryKind.SERVICE_PRINCIPAL.path() + "/" + id;
    }

    /** The region with the change (or the form's error); without htmx, the page again (after a change, reloaded). */
    private String answer(Actor actor, long id, Model model, HtmxRequest htmx, boolean errors) {
        if (!htmx.isHtmxRequest() && !errors) {
            return "redirect:" + pagePath(id);
        }
        page.add(actor, id, model);
        return htmx.isHtmxRequest() ? REGION : DirectoryPagesController.DETAIL;
    }
}
