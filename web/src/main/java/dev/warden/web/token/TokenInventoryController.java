package dev.warden.web.token;

import dev.warden.core.access.AccessCheckService;
import dev.warden.core.access.ScopeState;
import dev.warden.core.access.TokenSuspensions;
import dev.warden.core.notice.TokenHealthService;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalNames;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Validation;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.ExpiringSoon;
import dev.warden.core.token.TokenAction;
import dev.warden.core.token.TokenCursor;
import dev.warden.core.token.TokenFilter;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenManagementService;
import dev.warden.core.token.TokenSort;
import dev.warden.core.token.TokenStatus;
import dev.warden.web.console.Assignee;
import dev.warden.web.console.ConsolePage;
import dev.warden.web.console.PrincipalLink;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.view.FragmentsRendering;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Admin Console → Access tokens: every token of the workspace, newest first or in another order ({@code sort}),
 * with the API's filters (status, kind, scope, never used, expiring soon, owner) and keyset paging ({@code page_token} as the API hands it out, {@code size} per page),
 * and per-row revoke, restore and delete. Refusals become the console's 403/404/409 pages (or a flash for htmx).
 */
@Controller
@RequestMapping(TokenInventoryController.PATH)
class TokenInventoryController implements ConsolePage {
    static final String PATH = "/settings/admin/tokens";
    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 200;

    private static final int SUSPENSION_BATCH = 500;
    /** The first page in a paging trail (it has no page token). */
    private static final String FIRST = "-";

    /**
     * How many pages back Previous can go: the links carry the page tokens of the pages before this one, and a
     * longer trail would outgrow the request line (Tomcat refuses headers over 8 KB). Further back, "First page".
     */
    private static final int MAX_TRAIL = 20;

    private static final java.util.regex.Pattern PAGE_TOKEN = java.util.regex.Pattern.compile("-|[A-Za-z0-9_-]{1,200}");
    private static final String PAGE = "admin/tokens/inventory";
    private static final String ROW = "admin/tokens/fragments :: inventory-row";
    /** The event after a row's revoke or restore: the counts reload (the table keeps its rows). */
    static final String COUNTS_CHANGED = "token-counts-changed";
    /** Query parameters that narrow the list; carried by the paging links. */
    private static final List<String> FILTERS =
            List.of("status", "kind", "scope", "never_used", TokenListQuery.EXPIRING_SOON, "owner_id", "sort");
    /** The owner chosen in the filter form's principal picker ({@code principal:42}); it becomes {@code owner_id}. */
    private static final String PICKED_OWNER = "assignee";

    private final TokenManagementService management;
    private final PrincipalNames principals;
    private final TokenSuspensions suspensions;
    private final AccessCheckService checks;
    private final TokenHealthService health;
    private final Clock clock;

    TokenInventoryController(
            TokenManagementService management,
            PrincipalNames principals,
            TokenSuspensions suspensions,
            AccessCheckService checks,
            TokenHealthService health,
            Clock clock) {
        this.management = management;
        this.principals = principals;
        this.suspensions = suspensions;
        this.checks = checks;
        this.health = health;
        this.clock = clock;
    }

    /**
     * The page, or for htmx the table and (out of band) the owner filter, so a chosen owner shows as its name with a
     * clear button.
     */
    @GetMapping
    View list(
            Actor actor,
            @RequestParam Map<String, String> query,
            Model model,
            HtmxRequest htmx,
            HtmxResponse htmxResponse) {
        Instant now = clock.instant();
        Map<String, String> filters = new LinkedHashMap<>();
        FILTERS.forEach(name -> {
            String value = query.get(name);
            if (value != null && !value.isBlank()) {
                filters.put(name, value.strip());
            }
        });
        String picked = query.get(PICKED_OWNER);
        if (picked != null && !picked.isBlank()) {
            PrincipalId owner = Assignee.parse(picked)
                    .map(Assignee::principal)
                    .orElseThrow(() -> new InvalidParameterException(
                            PICKED_OWNER,
                            "The owner must be a user or a service principal chosen from the list; got "
                                    + Validation.echo(picked.strip()) + "."));
            filters.put("owner_id", String.valueOf(owner.value()));
        }
        int size = size(query.get("size"));
        // Suspended is not a stored status: the active tokens that a policy stops now (see TokenSuspensions)
        boolean onlySuspended = TokenListQuery.suspendedOnly(filters);
        TokenFilter filter = TokenListQuery.filter(TokenListQuery.stored(filters), now, name -> null);
        ExpiringSoon soon = health.expiringSoon(actor.workspace());
        if (TokenListQuery.expiringSoon(filters)) {
            filter = filter.expiringSoon(soon);
        }
        model.addAttribute("soonDays", soon.days());
        TokenSort sort = TokenListQuery.sort(query);
        TokenCursor cursor = TokenListQuery.cursor(query, sort);
        List<AccessToken> found = onlySuspended
                ? suspended(actor, filter, sort, cursor, size + 1, now)
                : new ArrayList<>(management.list(actor, filter, sort, cursor, size + 1));
        boolean more = found.size() > size;
        if (more) {
            found = found.subList(0, size);
        }
        model.addAttribute("tokens", rows(actor, found, now));
        model.addAttribute("filters", filters);
        model.addAttribute("size", size);
        Map<String, String> statuses = new LinkedHashMap<>();
        for (TokenStatus status : TokenStatus.values()) {
            statuses.put(status.name(), TokenFacts.label(status));
        }
        statuses.put(TokenListQuery.SUSPENDED, "Suspended");
        model.addAttribute("statuses", statuses);
        Map<String, String> kinds = new LinkedHashMap<>();
        for (TokenKind kind : TokenKind.values()) {
            kinds.put(kind.name(), TokenInventoryRow.kindLabel(kind));
        }
        model.addAttribute("kinds", kinds);
        Map<String, String> sorts = new LinkedHashMap<>();
        for (TokenSort each : TokenSort.values()) {
            sorts.put(each.name().toLowerCase(Locale.ROOT), sortLabel(each));
        }
        model.addAttribute("sorts", sorts);
        model.addAttribute("sortLabel", sortLabel(sort));
        model.addAttribute("owner", filter.owner() == null ? null : ownerLabel(actor, filter.owner()));
        Map<String, String> withoutOwner = new LinkedHashMap<>(filters);
        withoutOwner.remove("owner_id");
        model.addAttribute("clearOwnerHref", href(withoutOwner, size, null));
        // Keyset pages cannot be counted back from: the links carry the page tokens of the pages before this one
        List<String> trail = trail(query.get("trail"));
        String current = cursor == null ? FIRST : query.get("page_token").strip();
        int pageNumber = cursor == null ? 1 : pageNumber(query.get("page"), trail.size() + 1);
        int first = (pageNumber - 1) * size + 1;
        Integer total = onlySuspended ? null : management.count(actor, filter);
        model.addAttribute("pageText", pageText(first, found.size(), total));
        model.addAttribute("currentHref", href(filters, size, cursor == null ? null : current, trail, pageNumber));
        model.addAttribute("paged", cursor != null);
        model.addAttribute("firstHref", href(filters, size, null));
        boolean backToFirst = pageNumber == 2
                || (!trail.isEmpty() && trail.get(trail.size() - 1).equals(FIRST));
        model.addAttribute(
                "previousHref",
                cursor == null || (trail.isEmpty() && !backToFirst)
                        ? null
                        : href(
                                filters,
                                size,
                                backToFirst ? null : trail.get(trail.size() - 1),
                                trail.isEmpty() ? List.of() : trail.subList(0, trail.size() - 1),
                                pageNumber - 1));
        List<String> onward = new ArrayList<>(trail);
        onward.add(current);
        if (onward.size() > MAX_TRAIL) {
            onward = onward.subList(onward.size() - MAX_TRAIL, onward.size());
        }
        model.addAttribute(
                "nextHref",
                more
                        ? href(
                                filters,
                                size,
                                TokenListQuery.pageToken(TokenCursor.after(found.get(found.size() - 1), sort), sort),
                                onward,
                                pageNumber + 1)
                        : null);
        boolean fragment = htmx.isHtmxRequest() && !htmx.isHistoryRestoreRequest();
        if (!fragment) {
            model.addAttribute("overview", TokenCountsView.of(health.overview(actor), PATH));
            return FragmentsRendering.fragment(PAGE).build();
        }
        model.addAttribute("ownerOob", true);
        FragmentsRendering.Builder parts =
                FragmentsRendering.fragment(PAGE + " :: token-inventory").fragment(PAGE + " :: owner-filter");
        if (picked != null && !picked.isBlank()) {
            // the address bar shows the owner_id filter, not the picker's field values
            htmxResponse.setPushUrl(href(filters, size, null));
        }
        return parts.build();
    }

    /** The counts above the list, alone: what they reload when a row changes (event {@value #COUNTS_CHANGED}). */
    @GetMapping("/counts")
    String counts(Actor actor, Model model) {
        model.addAttribute("overview", TokenCountsView.of(health.overview(actor), PATH));
        return PAGE + " :: token-counts";
    }

    @PostMapping("/{id}/revoke")
    String revoke(Actor actor, @PathVariable String id, Model model, HttpServletResponse response) {
        model.addAttribute("token", row(actor, management.revoke(actor, new TokenId(id))));
        response.setHeader("HX-Trigger", COUNTS_CHANGED);
        return ROW;
    }

    @PostMapping("/{id}/restore")
    String restore(Actor actor, @PathVariable String id, Model model, HttpServletResponse response) {
        model.addAttribute("token", row(actor, management.restore(actor, new TokenId(id))));
        response.setHeader("HX-Trigger", COUNTS_CHANGED);
        return ROW;
    }

    /** Answers with nothing, so htmx swaps the row out of the table. */
    @DeleteMapping("/{id}")
    @ResponseBody
    String delete(Actor actor, @PathVariable String id, HttpServletResponse response) {
        management.delete(actor, new TokenId(id));
        // the table reloads itself with its filters (its total; "No tokens match." after the last one)
        response.setHeader("HX-Trigger", "inventory-changed");
        return "";
    }

    /**
     * Up to {@code limit} suspended tokens in the list's order after {@code cursor}: the active ones, read a batch
     * at a time, kept when a policy stops them now. The next page starts after the last one shown, as for any filter.
     */
    private List<AccessToken> suspended(
            Actor actor, TokenFilter filter, TokenSort sort, TokenCursor cursor, int limit, Instant now) {
        List<AccessToken> kept = new ArrayList<>();
        TokenCursor after = cursor;
        while (kept.size() < limit) {
            List<AccessToken> batch = management.list(actor, filter, sort, after, SUSPENSION_BATCH);
            TokenSuspensions.OwnerSuspensions stopped = suspensions.of(actor.workspace(), batch);
            for (AccessToken token : batch) {
                if (stopped.of(token, now).isPresent()) {
                    kept.add(token);
                    if (kept.size() == limit) {
                        return kept;
                    }
                }
            }
            if (batch.size() < SUSPENSION_BATCH) {
                return kept;
            }
            after = TokenCursor.after(batch.get(batch.size() - 1), sort);
        }
        return kept;
    }

    static int size(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_SIZE;
        }
        try {
            return Math.max(1, Math.min(MAX_SIZE, Integer.parseInt(raw.strip())));
        } catch (NumberFormatException e) {
            return DEFAULT_SIZE;
        }
    }

    private static String href(Map<String, String> filters, int size, String pageToken) {
        return href(filters, size, pageToken, List.of(), 1);
    }

    /**
     * @param trail the page tokens of the last pages before the one linked ({@value #FIRST} for the first page)
     * @param pageNumber the linked page's number, from 1, for "51–100 of …"
     */
    private static String href(
            Map<String, String> filters, int size, String pageToken, List<String> trail, int pageNumber) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(PATH);
        filters.forEach(uri::queryParam);
        if (size != DEFAULT_SIZE) {
            uri.queryParam("size", size);
        }
        if (pageToken != null) {
            uri.queryParam("page_token", pageToken);
        }
        if (!trail.isEmpty()) {
            uri.queryParam("trail", String.join(".", trail));
        }
        if (pageToken != null) {
            uri.queryParam("page", pageNumber);
        }
        return uri.encode().build().toUriString();
    }

    /** The page number a link carries, or {@code fallback} when it carries none that could be one. */
    private static int pageNumber(String raw, int fallback) {
        if (raw == null || !raw.strip().matches("[1-9]\\d{0,8}")) {
            return fallback;
        }
        return Math.max(Integer.parseInt(raw.strip()), fallback);
    }

    /** The trail of page tokens as the links carry it; anything that is not one is dropped (the links then start over). */
    private static List<String> trail(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        List<String> tokens = List.of(raw.strip().split("\\."));
        if (tokens.size() > MAX_TRAIL
                || !tokens.stream().allMatch(t -> PAGE_TOKEN.matcher(t).matches())) {
            return List.of();
        }
        return tokens;
    }

    /** "1–50 of 1,234 tokens", "51–60 of 60 tokens", or without a total (Suspended is not counted ahead). */
    static String pageText(int first, int shown, Integer total) {
        if (shown == 0) {
            return total == null || total == 0 ? "No tokens" : "No tokens on this page (" + total + " in all)";
        }
        String range = first + "–" + (first + shown - 1);
        return total == null
                ? "Tokens " + range
                : range + " of " + String.format(Locale.ROOT, "%,d", total) + (total == 1 ? " token" : " tokens");
    }

    static String sortLabel(TokenSort sort) {
        return switch (sort) {
            case NEWEST -> "Newest first";
            case OLDEST -> "Oldest first";
            case EXPIRING_SOONEST -> "Expiring soonest";
            case LEAST_RECENTLY_USED -> "Least recently used";
            case MOST_RECENTLY_USED -> "Most recently used";
        };
    }

    /** The chosen owner's name, even when it owns nothing that matches; an unknown id says so. */
    private String ownerLabel(Actor actor, PrincipalId owner) {
        return principals
                .find(actor.workspace(), owner)
                .map(p -> p.kind() == PrincipalKind.TECHNICAL_USER
                        ? p.displayName() + " (technical user)"
                        : PrincipalLink.labelOf(p))
                .orElse("unknown principal " + owner.value());
    }

    private TokenInventoryRow row(Actor actor, AccessToken token) {
        return rows(actor, List.of(token), clock.instant()).get(0);
    }

    private List<TokenInventoryRow> rows(Actor actor, List<AccessToken> tokens, Instant now) {
        Set<PrincipalId> ids = new HashSet<>();
        tokens.forEach(token -> {
            ids.add(token.owner());
            ids.add(token.createdBy());
        });
        Map<PrincipalId, Principal> named = principals.byId(actor.workspace(), ids);
        TokenSuspensions.OwnerSuspensions suspended = suspensions.of(actor.workspace(), tokens);
        Map<TokenId, List<ScopeState>> dead = checks.deadScopes(actor, tokens);
        return tokens.stream()
                .map(token -> TokenInventoryRow.of(
                        token,
                        named.get(token.owner()),
                        named.get(token.createdBy()),
                        suspended.of(token, now).orElse(null),
                        management.allows(actor, TokenAction.RESTORE, token),
                        management.allows(actor, TokenAction.ROTATE, token),
                        dead.get(token.id()),
                        now))
                .toList();
    }
}
