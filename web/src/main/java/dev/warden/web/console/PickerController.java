package dev.warden.web.console;

import dev.warden.core.directory.DirectoryService;
import dev.warden.core.group.GroupQuery;
import dev.warden.core.group.GroupService;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalQuery;
import dev.warden.core.shared.PageRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Search-as-you-type for the "assign a role" forms: users and service principals (and groups, when the form
 * can give a role to a group) whose names contain what was typed, offered as radio buttons of the form.
 */
@Controller
class PickerController implements ConsolePage {
    static final int LIMIT = 8;
    private final DirectoryService directory;
    private final GroupService groups;

    PickerController(DirectoryService directory, GroupService groups) {
        this.directory = directory;
        this.groups = groups;
    }

    @GetMapping("/settings/admin/pickers/assignees")
    String assignees(
            Actor actor,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "false") boolean withGroups,
            Model model) {
        List<Candidate> found = new ArrayList<>();
        if (!q.isBlank()) {
            PrincipalQuery query = PrincipalQuery.containing(q);
            for (PrincipalKind kind : List.of(PrincipalKind.USER, PrincipalKind.SERVICE_PRINCIPAL)) {
                directory
                        .search(actor, kind, query, PageRequest.first(LIMIT))
                        .items()
                        .forEach(p -> found.add(Candidate.of(p)));
            }
            if (withGroups) {
                groups.search(actor, GroupQuery.containing(q), PageRequest.first(LIMIT))
                        .items()
                        .forEach(g -> found.add(Candidate.of(g)));
            }
        }
        model.addAttribute("q", q);
        model.addAttribute("candidates", found);
        return "fragments/assignee-picker :: assignee-options";
    }
}
