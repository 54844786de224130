package dev.warden.web.token;

import dev.warden.core.principal.Actor;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.token.TokenFilter;
import dev.warden.core.token.TokenManagementService;
import dev.warden.core.token.TokenManagementService.BulkRevocation;
import dev.warden.core.token.TokenManagementService.BulkRevokePreview;
import dev.warden.web.console.ConsolePage;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Admin Console → Access tokens → Revoke matching…: a dialog that shows the inventory's current filters and how
 * many tokens of how many owners they take out of service, asks for the reason, and revokes them in one audited
 * step. On success the inventory reloads (event {@value #REVOKED}) and a flash says how many were revoked.
 */
@Controller
@RequestMapping(BulkRevokeConsoleController.PATH)
class BulkRevokeConsoleController implements ConsolePage {
    static final String PATH = TokenInventoryController.PATH + "/bulk-revoke";
    /** The event the inventory's listener reloads the table on. */
    static final String REVOKED = "tokens-bulk-revoked";

    private static final String PAGE = "admin/tokens/bulk-revoke";
    /** The inventory's own parameters that do not narrow the set: paging and order. */
    private static final Set<String> NOT_FILTERS = Set.of("size", "sort", "page_token");

    private static final Set<String> FORM_ONLY = Set.of("reason", "_csrf");

    private final TokenManagementService management;
    private final BulkRevokeFilters filters;
    private final Clock clock;

    BulkRevokeConsoleController(TokenManagementService management, BulkRevokeFilters filters, Clock clock) {
        this.management = management;
        this.filters = filters;
        this.clock = clock;
    }

    /** The dialog for the inventory's filters (as the list's query names them). */
    @GetMapping
    String dialog(Actor actor, @RequestParam Map<String, String> query, Model model, HtmxRequest htmx) {
        Map<String, String> selected = BulkRevokeFilters.select(query, NOT_FILTERS);
        addDialog(actor, selected, null, null, model);
        return htmx.isHtmxRequest() ? PAGE + " :: bulk-revoke-dialog" : PAGE;
    }

    @PostMapping
    String revoke(
            Actor actor,
            @RequestParam Map<String, String> form,
            Model model,
            HtmxRequest htmx,
            HtmxResponse htmxResponse) {
        Map<String, String> selected = BulkRevokeFilters.select(form, FORM_ONLY);
        String reason = form.get("reason");
        String reasonError = null;
        if (reason == null || reason.isBlank()) {
            reasonError = "Enter a reason: it is kept in the audit log with the revoked tokens.";
        } else {
            try {
                BulkRevocation done = management.bulkRevoke(actor, filter(actor, selected), reason);
                model.addAttribute(
                        "done",
                        done.tokenIds().isEmpty()
                                ? "No token that works matched; nothing was revoked."
                                : "Revoked "
                                        + BulkRevokeText.tokensOfOwners(
                                                done.tokenIds().size(), done.owners()) + ".");
                if (htmx.isHtmxRequest()) {
                    htmxResponse.addTrigger(REVOKED);
                    return "fragments/flash :: flash";
                }
                return PAGE;
            } catch (InvalidParameterException e) {
                if (!"reason".equals(e.field()) && !"filter".equals(e.field())) {
                    throw e;
                }
                reasonError = "reason".equals(e.field()) ? e.getMessage() : null;
                model.addAttribute("formError", "filter".equals(e.field()) ? e.getMessage() : null);
            }
        }
        addDialog(actor, selected, reason, reasonError, model);
        return htmx.isHtmxRequest() ? PAGE + " :: bulk-revoke-dialog" : PAGE;
    }

    private void addDialog(Actor actor, Map<String, String> selected, String reason, String reasonError, Model model) {
        BulkRevokePreview preview = management.previewBulkRevoke(actor, filter(actor, selected));
        model.addAttribute("filters", selected);
        model.addAttribute("shownFilters", filters.describe(actor, selected));
        model.addAttribute("preview", preview);
        model.addAttribute("previewText", BulkRevokeText.preview(preview));
        model.addAttribute("limit", BulkRevokeText.number(TokenManagementService.MAX_BULK));
        model.addAttribute("maxReason", TokenManagementService.MAX_REASON);
        model.addAttribute("reason", reason);
        model.addAttribute("reasonError", reasonError);
    }

    private TokenFilter filter(Actor actor, Map<String, String> selected) {
        return filters.filter(actor, selected, clock.instant());
    }
}
