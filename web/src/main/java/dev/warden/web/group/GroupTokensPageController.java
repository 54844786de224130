package dev.warden.web.group;

import dev.warden.core.group.GroupId;
import dev.warden.core.principal.Actor;
import dev.warden.web.console.ConsolePage;
import dev.warden.web.token.CreateTechnicalTokenForm;
import dev.warden.web.token.TechnicalTokenConsole;
import dev.warden.web.token.TechnicalTokenConsole.TokenList;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * A group's Access tokens tab (the group's admins, and workspace admins): its group tokens, each owned by a
 * technical user holding group-member or group-admin on the group, with Create access token and the Status actions.
 * Another group's tab answers 403 (the service refuses; {@code ConsoleErrorAdvice} renders it).
 */
@Controller
@RequestMapping("/settings/admin/groups/{id}/tokens")
class GroupTokensPageController implements ConsolePage {
    static final String PAGE = "admin/groups/tokens";

    private final TechnicalTokenConsole console;
    private final GroupPages pages;

    GroupTokensPageController(TechnicalTokenConsole console, GroupPages pages) {
        this.console = console;
        this.pages = pages;
    }

    @GetMapping
    String list(Actor actor, @PathVariable long id, Model model, HtmxRequest htmx) {
        TokenList list = list(id, null);
        console.addList(actor, list, model);
        if (htmx.isHtmxRequest() && !htmx.isHistoryRestoreRequest()) {
            return TechnicalTokenConsole.TABLE;
        }
        addPage(actor, id, model);
        return PAGE;
    }

    @GetMapping("/new")
    String createDialog(Actor actor, @PathVariable long id, Model model, HtmxRequest htmx) {
        GroupPageView group = pages.page(actor, id);
        TokenList list = list(id, group.displayName());
        console.addCreateForm(actor, list, model);
        if (htmx.isHtmxRequest()) {
            return TechnicalTokenConsole.DIALOG;
        }
        console.addList(actor, list, model);
        model.addAttribute("group", group);
        return PAGE;
    }

    @PostMapping
    String create(
            Actor actor,
            @PathVariable long id,
            @Valid @ModelAttribute("form") CreateTechnicalTokenForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx,
            HtmxResponse htmxResponse,
            HttpServletResponse response) {
        GroupPageView group = pages.page(actor, id);
        TokenList list = list(id, group.displayName());
        String fragment = console.create(actor, list, form, binding, model, htmx, htmxResponse, response);
        if (fragment != null) {
            return fragment;
        }
        console.addList(actor, list, model);
        model.addAttribute("group", group);
        return PAGE;
    }

    @PostMapping("/{tokenId}/revoke")
    String revoke(Actor actor, @PathVariable long id, @PathVariable String tokenId, Model model) {
        console.revoke(actor, list(id, null), tokenId, model);
        return TechnicalTokenConsole.ROW;
    }

    @PostMapping("/{tokenId}/restore")
    String restore(Actor actor, @PathVariable long id, @PathVariable String tokenId, Model model) {
        console.restore(actor, list(id, null), tokenId, model);
        return TechnicalTokenConsole.ROW;
    }

    /** Answers with nothing, so htmx swaps the row out of the table. */
    @DeleteMapping("/{tokenId}")
    @ResponseBody
    String delete(Actor actor, @PathVariable long id, @PathVariable String tokenId, HttpServletResponse response) {
        console.delete(actor, list(id, null), tokenId);
        // the list reloads itself, so deleting the last token shows its empty state
        response.setHeader("HX-Trigger", "technical-tokens-changed");
        return "";
    }

    private void addPage(Actor actor, long id, Model model) {
        model.addAttribute("group", pages.page(actor, id));
    }

    private static TokenList list(long id, String groupName) {
        return TokenList.ofGroup(new GroupId(id), groupName, "/settings/admin/groups/" + id + "/tokens");
    }
}
