package dev.warden.web.token;

import dev.warden.core.principal.Actor;
import dev.warden.web.console.ConsolePage;
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
 * Admin Console → Access tokens → Organisation tokens (workspace admins): tokens of technical users that hold a
 * workspace role, with Create access token and the Status actions revoke, restore and delete.
 */
@Controller
@RequestMapping(OrganisationTokensController.PATH)
class OrganisationTokensController implements ConsolePage {
    static final String PATH = "/settings/admin/tokens/organisation";
    private static final String PAGE = "admin/tokens/organisation";
    private static final TokenList LIST = TokenList.organisation(PATH);

    private final TechnicalTokenConsole console;

    OrganisationTokensController(TechnicalTokenConsole console) {
        this.console = console;
    }

    @GetMapping
    String list(Actor actor, Model model, HtmxRequest htmx) {
        console.addList(actor, LIST, model);
        return htmx.isHtmxRequest() && !htmx.isHistoryRestoreRequest() ? TechnicalTokenConsole.TABLE : PAGE;
    }

    @GetMapping("/new")
    String createDialog(Actor actor, Model model, HtmxRequest htmx) {
        console.addCreateForm(actor, LIST, model);
        if (htmx.isHtmxRequest()) {
            return TechnicalTokenConsole.DIALOG;
        }
        console.addList(actor, LIST, model);
        return PAGE;
    }

    @PostMapping
    String create(
            Actor actor,
            @Valid @ModelAttribute("form") CreateTechnicalTokenForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx,
            HtmxResponse htmxResponse,
            HttpServletResponse response) {
        String fragment = console.create(actor, LIST, form, binding, model, htmx, htmxResponse, response);
        if (fragment != null) {
            return fragment;
        }
        console.addList(actor, LIST, model);
        return PAGE;
    }

    @PostMapping("/{id}/revoke")
    String revoke(Actor actor, @PathVariable String id, Model model) {
        console.revoke(actor, LIST, id, model);
        return TechnicalTokenConsole.ROW;
    }

    @PostMapping("/{id}/restore")
    String restore(Actor actor, @PathVariable String id, Model model) {
        console.restore(actor, LIST, id, model);
        return TechnicalTokenConsole.ROW;
    }

    /** Answers with nothing, so htmx swaps the row out of the table. */
    @DeleteMapping("/{id}")
    @ResponseBody
    String delete(Actor actor, @PathVariable String id, HttpServletResponse response) {
        console.delete(actor, LIST, id);
        // the list reloads itself, so deleting the last token shows its empty state
        response.setHeader("HX-Trigger", "technical-tokens-changed");
        return "";
    }
}
