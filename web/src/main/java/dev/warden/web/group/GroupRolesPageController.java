package dev.warden.web.group;

import dev.warden.core.group.GroupId;
import dev.warden.core.principal.Actor;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleHolding;
import dev.warden.core.role.RoleId;
import dev.warden.core.role.RoleService;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.ResourceAlreadyExistsException;
import dev.warden.web.console.Assignee;
import dev.warden.web.console.ConsolePage;
import dev.warden.web.console.HoldingView;
import dev.warden.web.console.RoleRemovalDialog;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.util.Comparator;
import java.util.List;
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

/**
 * A group's Roles tab: the roles the group holds (its members inherit them) and the roles given for this group
 * (a group-admin of it, say), each with an assign form and unassign buttons.
 */
@Controller
@RequestMapping("/settings/admin/groups/{id}/roles")
class GroupRolesPageController implements ConsolePage {
    static final String PAGE = "admin/groups/roles";
    private static final Map<String, String> HELD_FIELDS = Map.of("role_id", "roleId", "scope_group_id", "scope");
    private static final Map<String, String> SCOPED_FIELDS =
            Map.of("role_id", "roleId", "scope_group_id", "roleId", "principal_id", "assignee", "group_id", "assignee");

    private final RoleService roles;
    private final GroupPages pages;
    private final RoleRemovalDialog removals;

    GroupRolesPageController(RoleService roles, GroupPages pages, RoleRemovalDialog removals) {
        this.roles = roles;
        this.pages = pages;
        this.removals = removals;
    }

    @GetMapping
    String page(Actor actor, @PathVariable long id, Model model) {
        addTab(actor, id, model, new GroupRoleForm(), new GroupRoleForm());
        return PAGE;
    }

    /** Gives a role to the group, at workspace scope or for the group only. */
    @PostMapping
    String assignToGroup(
            Actor actor,
            @PathVariable long id,
            @ModelAttribute("heldForm") GroupRoleForm form,
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
                        null,
                        new GroupId(id),
                        "group".equals(form.getScope()) ? new GroupId(id) : null);
            } catch (InvalidParameterException e) {
                binding.rejectValue(HELD_FIELDS.getOrDefault(e.field(), "roleId"), "invalid", e.getMessage());
            } catch (ResourceAlreadyExistsException e) {
                binding.rejectValue("roleId", "taken", "The group already holds this role at this scope.");
            }
        }
        return changed(
                actor,
                id,
                model,
                htmx,
                binding.hasErrors(),
                binding.hasErrors() ? form : new GroupRoleForm(),
                new GroupRoleForm());
    }

    /** Gives someone a role for this group (e.g. group-admin), from the picker's choice. */
    @PostMapping("/scoped")
    String assignForGroup(
            Actor actor,
            @PathVariable long id,
            @ModelAttribute("scopedForm") GroupRoleForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx) {
        Optional<Assignee> assignee = Assignee.parse(form.getAssignee());
        if (form.getRoleId() == null) {
            binding.rejectValue("roleId", "required", "Choose a role.");
        }
        if (assignee.isEmpty()) {
            binding.rejectValue(
                    "assignee", "required", "Search for a user, service principal or group and choose one.");
        }
        if (!binding.hasErrors()) {
            try {
                roles.assign(
                        actor,
                        new RoleId(form.getRoleId()),
                        assignee.get().principal(),
                        assignee.get().group(),
                        new GroupId(id));
            } catch (InvalidParameterException e) {
                binding.rejectValue(SCOPED_FIELDS.getOrDefault(e.field(), "roleId"), "invalid", e.getMessage());
            } catch (ResourceAlreadyExistsException e) {
                binding.rejectValue("roleId", "taken", "They already hold this role for this group.");
            }
        }
        return changed(
                actor,
                id,
                model,
                htmx,
                binding.hasErrors(),
                new GroupRoleForm(),
                binding.hasErrors() ? form : new GroupRoleForm());
    }

    /** Removing the workspace-admin role asks in a dialog that says which tokens stop, and offers the way out. */
    @GetMapping("/{assignmentId}/removal")
    String removal(Actor actor, @PathVariable long id, @PathVariable long assignmentId, Model model) {
        return removals.show(
                actor, assignmentId, "/settings/admin/groups/" + id + "/roles/" + assignmentId, "#group-roles", model);
    }

    /** With {@code keepTokenUsage}, the group is added to the token usage list in the same change. */
    @DeleteMapping("/{assignmentId}")
    String unassign(
            Actor actor,
            @PathVariable long id,
            @PathVariable long assignmentId,
            @RequestParam(defaultValue = "false") boolean keepTokenUsage,
            Model model,
            HtmxRequest htmx) {
        removals.remove(actor, assignmentId, keepTokenUsage);
        return changed(actor, id, model, htmx, false, new GroupRoleForm(), new GroupRoleForm());
    }

    /** htmx gets the tab's content again; a plain form post is redirected, or sees the page with its errors. */
    private String changed(
            Actor actor,
            long id,
            Model model,
            HtmxRequest htmx,
            boolean errors,
            GroupRoleForm held,
            GroupRoleForm scoped) {
        if (!htmx.isHtmxRequest() && !errors) {
            return "redirect:/settings/admin/groups/" + id + "/roles";
        }
        addTab(actor, id, model, held, scoped);
        return htmx.isHtmxRequest() ? PAGE + " :: group-roles" : PAGE;
    }

    private void addTab(Actor actor, long id, Model model, GroupRoleForm held, GroupRoleForm scoped) {
        GroupId group = new GroupId(id);
        model.addAttribute("group", pages.page(actor, id));
        model.addAttribute("roles", roles.list(actor));
        List<RoleAssignment> all = roles.assignments(actor);
        List<RoleHolding> described = roles.describe(
                actor,
                all.stream()
                        .filter(a -> group.equals(a.group()) || group.equals(a.scopeGroup()))
                        .toList());
        Comparator<HoldingView> byRole = Comparator.comparing(HoldingView::role).thenComparing(HoldingView::holderName);
        model.addAttribute(
                "held",
                described.stream()
                        .filter(h -> h.group() != null && h.group().id().equals(group))
                        .map(HoldingView::of)
                        .sorted(byRole)
                        .toList());
        model.addAttribute(
                "scoped",
                described.stream()
                        .filter(h -> h.group() == null || !h.group().id().equals(group))
                        .map(HoldingView::of)
                        .sorted(byRole)
                        .toList());
        // Replacing a bound form drops its BindingResult too (a success clears the form).
        model.addAttribute("heldForm", held);
        model.addAttribute("scopedForm", scoped);
    }
}
