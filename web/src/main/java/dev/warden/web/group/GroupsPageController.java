package dev.warden.web.group;

import dev.warden.core.group.Group;
import dev.warden.core.group.GroupId;
import dev.warden.core.group.GroupQuery;
import dev.warden.core.group.GroupService;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Page;
import dev.warden.core.shared.ResourceAlreadyExistsException;
import dev.warden.web.console.ConsoleAccess;
import dev.warden.web.console.ConsolePage;
import dev.warden.web.console.PageView;
import dev.warden.web.console.Redirects;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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
 * Settings → Admin Console → Groups, and a group's Members tab. A group admin (group-admin for some groups,
 * no workspace-wide {@code scim:read}) sees only those groups and manages their members; creating and
 * deleting groups stays with workspace admins.
 */
@Controller
@RequestMapping("/settings/admin/groups")
class GroupsPageController implements ConsolePage {
    static final String LIST = "admin/groups/list";
    static final String MEMBERS = "admin/groups/members";
    private static final int CANDIDATES = 8;

    private final GroupService groups;
    private final GroupPages pages;
    private final ConsoleAccess access;

    GroupsPageController(GroupService groups, GroupPages pages, ConsoleAccess access) {
        this.groups = groups;
        this.pages = pages;
        this.access = access;
    }

    @GetMapping
    String list(
            Actor actor,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "1") int page,
            Model model,
            HtmxRequest htmx,
            HttpServletResponse response) {
        response.addHeader("Vary", "HX-Request");
        addList(actor, q, page, model);
        return htmx.isHtmxRequest() && !htmx.isHistoryRestoreRequest() ? LIST + " :: group-table" : LIST;
    }

    @GetMapping("/new")
    String newDialog(Actor actor, Model model, HtmxRequest htmx) {
        access.require(actor, Permission.SCIM_WRITE);
        model.addAttribute("form", new CreateGroupForm());
        return dialog(actor, model, htmx);
    }

    @PostMapping
    Object create(
            Actor actor,
            @ModelAttribute("form") CreateGroupForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx) {
        if (form.getDisplayName() == null || form.getDisplayName().isBlank()) {
            binding.rejectValue("displayName", "required", "Enter a name for the group.");
        } else {
            try {
                Group group = groups.create(actor, form.getDisplayName(), null, List.of());
                return Redirects.to("/settings/admin/groups/" + group.id().value() + "/members", htmx);
            } catch (InvalidParameterException | ResourceAlreadyExistsException e) {
                binding.rejectValue("displayName", "invalid", e.getMessage());
            }
        }
        return dialog(actor, model, htmx);
    }

    @GetMapping("/{id}")
    String group(@PathVariable long id) {
        return "redirect:/settings/admin/groups/" + id + "/members";
    }

    @GetMapping("/{id}/members")
    String members(Actor actor, @PathVariable long id, Model model) {
        model.addAttribute("group", pages.page(actor, id));
        return MEMBERS;
    }

    /** Users and service principals matching what was typed in "Add member", members marked as such. */
    @GetMapping("/{id}/member-candidates")
    String candidates(Actor actor, @PathVariable long id, @RequestParam(defaultValue = "") String q, Model model) {
        GroupPageView group = pages.page(actor, id);
        Set<Long> members = group.members().stream().map(MemberView::id).collect(Collectors.toSet());
        List<MemberView> found = q.isBlank()
                ? List.of()
                : groups.memberCandidates(actor, new GroupId(id), q, CANDIDATES).stream()
                        .map(p -> MemberView.of(p, false))
                        .toList();
        model.addAttribute("group", group);
        model.addAttribute("q", q);
        model.addAttribute("candidates", found);
        model.addAttribute("memberIds", members);
        return MEMBERS + " :: member-candidates";
    }

    @PostMapping("/{id}/members/{principalId}")
    String addMember(
            Actor actor, @PathVariable long id, @PathVariable long principalId, Model model, HtmxRequest htmx) {
        groups.addMembers(actor, new GroupId(id), List.of(new PrincipalId(principalId)));
        return membersChanged(actor, id, model, htmx);
    }

    @DeleteMapping("/{id}/members/{principalId}")
    String removeMember(
            Actor actor, @PathVariable long id, @PathVariable long principalId, Model model, HtmxRequest htmx) {
        groups.removeMembers(actor, new GroupId(id), List.of(new PrincipalId(principalId)));
        return membersChanged(actor, id, model, htmx);
    }

    @DeleteMapping("/{id}")
    View delete(Actor actor, @PathVariable long id, HtmxRequest htmx) {
        groups.delete(actor, new GroupId(id));
        return Redirects.to("/settings/admin/groups", htmx);
    }

    /** The Members panel again, focus back in "Add a member" for the next one. */
    private String membersChanged(Actor actor, long id, Model model, HtmxRequest htmx) {
        if (!htmx.isHtmxRequest()) {
            return "redirect:/settings/admin/groups/" + id + "/members";
        }
        model.addAttribute("group", pages.page(actor, id));
        model.addAttribute("refocus", true);
        return MEMBERS + " :: members-panel";
    }

    private String dialog(Actor actor, Model model, HtmxRequest htmx) {
        if (htmx.isHtmxRequest()) {
            return "admin/groups/fragments :: create-group-dialog";
        }
        addList(actor, "", 1, model);
        return LIST;
    }

    private void addList(Actor actor, String q, int page, Model model) {
        access.requireAnywhere(actor, Permission.SCIM_READ);
        String contains = q.isBlank() ? null : q.strip();
        Page<Group> found =
                groups.search(actor, GroupQuery.containing(contains), PageView.request(page, PageView.SIZE));
        int last = PageView.clamp(page, found.total(), PageView.SIZE);
        if (last != Math.max(page, 1)) {
            found = groups.search(actor, GroupQuery.containing(contains), PageView.request(last, PageView.SIZE));
        }
        model.addAttribute("results", PageView.of(found, GroupRowView::of, q));
    }
}
