package dev.warden.web.directory;

import dev.warden.core.directory.DirectoryService;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.web.console.ConsoleAccess;
import dev.warden.web.console.Redirects;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;

/**
 * What the Users and the Service principals tabs share: the searchable list (the URL says what was searched,
 * so a reload or a shared link shows the same page), the detail page, activate, deactivate and delete.
 * Subclasses add the create dialog of their kind.
 */
abstract class DirectoryPagesController {
    static final String LIST = "admin/principals/list";
    static final String DETAIL = "admin/principals/detail";
    static final String FRAGMENTS = "admin/principals/fragments";
    static final String CHANGED = "principals-changed";

    final PrincipalPages pages;
    final DirectoryService directory;
    final ConsoleAccess access;

    DirectoryPagesController(PrincipalPages pages, DirectoryService directory, ConsoleAccess access) {
        this.pages = pages;
        this.directory = directory;
        this.access = access;
    }

    abstract DirectoryKind kind();

    abstract Object emptyForm();

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
        return partial(htmx) ? LIST + " :: principal-table" : LIST;
    }

    @GetMapping("/new")
    String newDialog(Actor actor, Model model, HtmxRequest htmx) {
        access.require(actor, Permission.SCIM_WRITE);
        model.addAttribute("form", emptyForm());
        return dialog(actor, model, htmx);
    }

    @GetMapping("/{id}")
    String detail(Actor actor, @PathVariable long id, Model model) {
        model.addAttribute("kind", kind());
        model.addAttribute("principal", pages.detail(actor, kind(), id));
        addDetails(actor, id, model);
        return DETAIL;
    }

    /** What a kind's page shows besides the common facts (a service principal's OAuth secrets); nothing here. */
    void addDetails(Actor actor, long id, Model model) {}

    @PostMapping("/{id}/activate")
    String activate(Actor actor, @PathVariable long id, Model model, HtmxRequest htmx) {
        return setActive(actor, id, true, model, htmx);
    }

    @PostMapping("/{id}/deactivate")
    String deactivate(Actor actor, @PathVariable long id, Model model, HtmxRequest htmx) {
        return setActive(actor, id, false, model, htmx);
    }

    /** Deletes the principal and its tokens, then shows the list it was on. */
    @DeleteMapping("/{id}")
    View delete(Actor actor, @PathVariable long id, HtmxRequest htmx) {
        directory.delete(actor, kind().kind(), new PrincipalId(id));
        return Redirects.to(kind().path(), htmx);
    }

    private String setActive(Actor actor, long id, boolean active, Model model, HtmxRequest htmx) {
        directory.setActive(actor, kind().kind(), new PrincipalId(id), active);
        if (!htmx.isHtmxRequest()) {
            return "redirect:" + kind().path() + "/" + id;
        }
        model.addAttribute("kind", kind());
        model.addAttribute("principal", pages.detail(actor, kind(), id));
        addDetails(actor, id, model);
        return DETAIL + " :: principal-detail";
    }

    /** After a create: the dialog that says what was made (the application id of a service principal). */
    String created(Principal principal, Model model, HtmxRequest htmx, HtmxResponse htmxResponse) {
        if (!htmx.isHtmxRequest()) {
            return "redirect:" + kind().path() + "/" + principal.id().value();
        }
        model.addAttribute("kind", kind());
        model.addAttribute("created", PrincipalRowView.of(principal));
        // It replaces the create dialog wherever that is (the dialog slot, or the page when /new was opened directly).
        htmxResponse.addTrigger(CHANGED);
        return FRAGMENTS + " :: created-principal-dialog";
    }

    /** The create dialog, alone for htmx or over the list for a plain request. */
    String dialog(Actor actor, Model model, HtmxRequest htmx) {
        model.addAttribute("kind", kind());
        if (htmx.isHtmxRequest()) {
            return FRAGMENTS + " :: create-principal-dialog";
        }
        addList(actor, "", 1, model);
        return LIST;
    }

    private void addList(Actor actor, String q, int page, Model model) {
        model.addAttribute("kind", kind());
        model.addAttribute("results", pages.search(actor, kind(), q, page));
    }

    /** An htmx swap of the table; a history restore (Back after the cache is gone) needs the whole page. */
    static boolean partial(HtmxRequest htmx) {
        return htmx.isHtmxRequest() && !htmx.isHistoryRestoreRequest();
    }
}
