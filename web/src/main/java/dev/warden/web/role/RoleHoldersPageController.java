package dev.warden.web.role;

import dev.warden.core.group.GroupId;
import dev.warden.core.group.GroupQuery;
import dev.warden.core.group.GroupService;
import dev.warden.core.principal.Actor;
import dev.warden.core.role.RoleId;
import dev.warden.core.role.RoleService;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.PageRequest;
import dev.warden.core.shared.ResourceAlreadyExistsException;
import dev.warden.web.console.Assignee;
import dev.warden.web.console.ConsolePage;
import dev.warden.web.console.RoleRemovalDialog;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.util.Map;
import java.util.Optional;
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

/** One role's page: its permissions, who holds it and for what, and the form that gives it to someone. */
@Controller
@RequestMapping("/settings/admin/roles/{id}")
class RoleHoldersPageController implements ConsolePage {
    static final String PAGE = "admin/roles/detail";
    /** Groups offered as a scope; a workspace with more is better served by the group's own Roles tab. */
    private static final int SCOPE_CHOICES = 500;

    private static final Map<String, String> FORM_FIELDS = Map.of(
            "principal_id",
            "assignee",
            "group_id",
            "assignee",
            "scope_group_id",
            "scopeGroupId",
            "role_id",
            "assignee");

    private final RoleService roles;
    private final GroupService groups;
    private final RolePages pages;
    private final RoleRemovalDialog removals;

    RoleHoldersPageController(RoleService roles, GroupService groups, RolePages pages, RoleRemovalDialog removals) {
        this.roles = roles;
        this.groups = groups;
        this.pages = pages;
        this.removals = removals;
    }

    @GetMapping
    String page(Actor actor, @PathVariable long id, Model model) {
        add(actor, id, model, new AssignRoleForm());
        return PAGE;
    }

    @PostMapping("/assignments")
    String assign(
            Actor actor,
            @PathVariable long id,
            @ModelAttribute("assignForm") AssignRoleForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx) {
        Optional<Assignee> assignee = Assignee.parse(form.getAssignee());
        if (assignee.isEmpty()) {
            binding.rejectValue(
                    "assignee", "required", "Search for a user, service principal or group and choose one.");
        } else {
            try {
                roles.assign(
                        actor,
                        new RoleId(id),
                        assignee.get().principal(),
                        assignee.get().group(),
                        form.getScopeGroupId() == null ? null : new GroupId(form.getScopeGroupId()));
            } catch (InvalidParameterException e) {
                binding.rejectValue(FORM_FIELDS.getOrDefault(e.field(), "assignee"), "invalid", e.getMessage());
            } catch (ResourceAlreadyExistsException e) {
                binding.rejectValue("assignee", "taken", "They already hold this role at this scope.");
            }
        }
        return changed(actor, id, model, htmx, binding.hasErrors(), binding.hasErrors() ? form : new AssignRoleForm());
    }

    /** Removing the workspace-admin role asks in a dialog that says which tokens stop, and offers the way out. */
    @GetMapping("/assignments/{assignmentId}/removal")
    String removal(Actor actor, @PathVariable long id, @PathVariable long assignmentId, Model model) {
        return removals.show(
                actor,
                assignmentId,
                "/settings/admin/roles/" + id + "/assignments/" + assignmentId,
                "#role-holders",
                model);
    }

    /** With {@code keepTokenUsage}, the holder is added to the token usage list in the same change. */
    @DeleteMapping("/assignments/{assignmentId}")
    String unassign(
            Actor actor,
            @PathVariable long id,
            @PathVariable long assignmentId,
            @RequestParam(defaultValue = "false") boolean keepTokenUsage,
            Model model,
            HtmxRequest htmx) {
        removals.remove(actor, assignmentId, keepTokenUsage);
        return changed(actor, id, model, htmx, false, new AssignRoleForm());
    }

    private String changed(Actor actor, long id, Model model, HtmxRequest htmx, boolean errors, AssignRoleForm form) {
        if (!htmx.isHtmxRequest() && !errors) {
            return "redirect:/settings/admin/roles/" + id;
        }
        add(actor, id, model, form);
        return htmx.isHtmxRequest() ? PAGE + " :: role-holders" : PAGE;
    }

    private void add(Actor actor, long id, Model model, AssignRoleForm form) {
        model.addAttribute("role", pages.summary(actor, id));
        model.addAttribute("permissionGroups", pages.permissionGroups(actor, id));
        model.addAttribute(
                "scopeGroups",
                groups.search(actor, GroupQuery.ALL, PageRequest.first(SCOPE_CHOICES))
                        .items());
        model.addAttribute("assignForm", form);
    }
}
