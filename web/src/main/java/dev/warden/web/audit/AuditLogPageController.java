package dev.warden.web.audit;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditCursor;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLogService;
import dev.warden.core.audit.AuditPage;
import dev.warden.core.audit.AuditQuery;
import dev.warden.core.audit.StoredAuditEvent;
import dev.warden.core.directory.DirectoryService;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalNames;
import dev.warden.core.principal.PrincipalQuery;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.PageRequest;
import dev.warden.web.console.ConsoleAccess;
import dev.warden.web.console.ConsolePage;
import dev.warden.web.console.PrincipalLink;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Admin Console → Audit log, for holders of {@code audit:read}: the events newest first, narrowed by actor, action,
 * target and dates (kept in the URL, so a filtered view can be shared), keyset paging, an event's own page, and the
 * filtered events as a CSV or JSON Lines download (through the API's exporter). A bad filter is said next to its field.
 */
@Controller
@RequestMapping(AuditEventView.PATH)
class AuditLogPageController implements ConsolePage {
    static final int PAGE_SIZE = 50;
    /** Principals offered in the actor filter, per kind; a larger directory filters by id from an event's link. */
    static final int MAX_ACTORS = 500;
    /** The earlier pages' tokens, for Previous: {@code ~.<token>.<token>} (base64url never holds a dot). */
    static final String BACK = "back";

    private static final String FIRST_PAGE = "~";
    private static final int MAX_BACK = 20;
    private static final Pattern BACK_TOKENS = Pattern.compile("[~A-Za-z0-9_=.-]+");

    private static final List<String> FILTERS = List.of(
            AuditFilters.ACTOR_ID,
            AuditFilters.ACTION,
            AuditFilters.TARGET_TYPE,
            AuditFilters.TARGET_ID,
            AuditFilters.SINCE,
            AuditFilters.UNTIL);
    /** The target types the filter offers, as the API spells them, with their words. */
    private static final Map<String, String> TARGET_TYPES = targetTypes();

    private final AuditLogService audit;
    private final AuditExport export;
    private final PrincipalNames principals;
    private final DirectoryService directory;
    private final ConsoleAccess access;

    AuditLogPageController(
            AuditLogService audit,
            AuditExport export,
            PrincipalNames principals,
            DirectoryService directory,
            ConsoleAccess access) {
        this.audit = audit;
        this.export = export;
        this.principals = principals;
        this.directory = directory;
        this.access = access;
    }

    record Option(String value, String label) {}

    @GetMapping
    String list(Actor actor, @RequestParam Map<String, String> query, Model model, HttpServletResponse response) {
        access.require(actor, Permission.AUDIT_READ);
        Map<String, String> filters = filters(query);
        Map<String, String> errors = new LinkedHashMap<>();
        AuditQuery parsed = parse(filters, errors);
        String pageToken = AuditFilters.value(query, AuditCursor.FIELD);
        List<String> back = back(query.get(BACK));
        List<AuditEventView> events = List.of();
        String nextHref = null;
        if (parsed != null) {
            try {
                AuditQuery paged = pageToken == null ? parsed : parsed.continuingAfter(AuditCursor.parse(pageToken));
                AuditPage page = audit.search(actor, paged, PAGE_SIZE);
                events = views(actor, page);
                if (page.next() != null) {
                    List<String> further = new ArrayList<>(back);
                    further.add(pageToken == null ? FIRST_PAGE : pageToken);
                    nextHref = href(filters, page.next().token(), further);
                }
            } catch (InvalidParameterException e) {
                errors.put(
                        e.field() != null && e.field().equals(AuditFilters.SINCE) ? AuditFilters.SINCE : "form",
                        e.field() != null && e.field().equals(AuditFilters.SINCE)
                                ? "The From date must not be later than the To date."
                                : e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        model.addAttribute("filters", filters);
        model.addAttribute("errors", errors);
        model.addAttribute("events", events);
        model.addAttribute("actors", actorOptions(actor, filters.get(AuditFilters.ACTOR_ID)));
        model.addAttribute("actions", actionOptions());
        model.addAttribute("targetTypes", TARGET_TYPES);
        model.addAttribute("paged", pageToken != null);
        model.addAttribute("newestHref", href(filters, null, List.of()));
        model.addAttribute("previousHref", previousHref(filters, back));
        model.addAttribute("nextHref", nextHref);
        model.addAttribute("csvHref", exportHref(filters, AuditExport.Format.CSV));
        model.addAttribute("jsonlHref", exportHref(filters, AuditExport.Format.JSONL));
        return "admin/audit/list";
    }

    @GetMapping("/{id}")
    String event(Actor actor, @PathVariable long id, Model model) {
        AuditPage page = audit.event(actor, id);
        model.addAttribute("event", views(actor, page).get(0));
        return "admin/audit/detail";
    }

    /** The console's export: the same filters as the page (dates, not epoch milliseconds), the API's exporter. */
    @GetMapping("/export")
    void export(Actor actor, @RequestParam Map<String, String> query, HttpServletResponse response) throws IOException {
        AuditExport.Format format = AuditExport.Format.parse(query.get(AuditExport.FORMAT));
        Map<String, String> errors = new LinkedHashMap<>();
        AuditQuery parsed = parse(filters(query), errors);
        if (parsed == null) {
            throw new InvalidParameterException(
                    errors.keySet().iterator().next(),
                    errors.values().iterator().next());
        }
        export.write(actor, parsed, format, response);
    }

    private static Map<String, String> filters(Map<String, String> query) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name : FILTERS) {
            String value = query.get(name);
            if (value != null && !value.isBlank()) {
                filters.put(name, value.strip());
            }
        }
        return filters;
    }

    /** The query, or null with every bad field's message in {@code errors}. */
    private static AuditQuery parse(Map<String, String> filters, Map<String, String> errors) {
        PrincipalId actorId = field(filters, AuditFilters.ACTOR_ID, AuditFilters::actorId, errors);
        AuditAction action = field(filters, AuditFilters.ACTION, AuditFilters::action, errors);
        String targetType = field(filters, AuditFilters.TARGET_TYPE, AuditFilters::targetType, errors);
        String targetId = field(filters, AuditFilters.TARGET_ID, AuditFilters::targetId, errors);
        Instant since = field(filters, AuditFilters.SINCE, raw -> AuditFilters.day(raw, AuditFilters.SINCE), errors);
        Instant until = field(filters, AuditFilters.UNTIL, raw -> AuditFilters.day(raw, AuditFilters.UNTIL), errors);
        return errors.isEmpty() ? new AuditQuery(actorId, action, targetType, targetId, since, until, null) : null;
    }

    private static <T> T field(
            Map<String, String> filters, String name, Function<String, T> parser, Map<String, String> errors) {
        try {
            return parser.apply(filters.get(name));
        } catch (InvalidParameterException e) {
            errors.put(name, e.getMessage());
            return null;
        }
    }

    /** Actors and principal targets by id in one read, so each row links to the principal's page. */
    private List<AuditEventView> views(Actor actor, AuditPage page) {
        Set<PrincipalId> ids = new HashSet<>();
        for (StoredAuditEvent stored : page.events()) {
            AuditEvent event = stored.event();
            ids.add(event.actorId());
            PrincipalId target = principalTarget(event);
            if (target != null) {
                ids.add(target);
            }
        }
        Map<PrincipalId, Principal> named = principals.byId(actor.workspace(), ids);
        return page.events().stream()
                .map(stored -> {
                    PrincipalId target = principalTarget(stored.event());
                    return AuditEventView.of(
                            stored,
                            stored.event().actorId() == null
                                    ? null
                                    : named.get(stored.event().actorId()),
                            target == null ? null : named.get(target),
                            page.targetName(stored));
                })
                .toList();
    }

    private static PrincipalId principalTarget(AuditEvent event) {
        String type = event.targetType();
        String id = event.targetId();
        boolean principal = "user".equals(type) || "service_principal".equals(type) || "principal".equals(type);
        return principal && id != null && id.matches("\\d{1,18}") ? new PrincipalId(Long.parseLong(id)) : null;
    }

    /**
     * Users and service principals by name, for the actor select; null (a field for an id instead) when the viewer
     * may not read the directory. An actor chosen by id that is not offered (gone, or past the limit) is added by id.
     */
    private List<Option> actorOptions(Actor actor, String chosen) {
        if (!access.of(actor).readDirectory()) {
            return null;
        }
        List<Option> options = new ArrayList<>();
        for (PrincipalKind kind : List.of(PrincipalKind.USER, PrincipalKind.SERVICE_PRINCIPAL)) {
            directory
                    .search(actor, kind, PrincipalQuery.ALL, PageRequest.first(MAX_ACTORS))
                    .items()
                    .forEach(p -> options.add(new Option(
                            String.valueOf(p.id().value()),
                            PrincipalLink.labelOf(p)
                                    + (kind == PrincipalKind.SERVICE_PRINCIPAL ? " (service principal)" : ""))));
        }
        options.sort(Comparator.comparing(Option::label, String.CASE_INSENSITIVE_ORDER));
        if (chosen != null && options.stream().noneMatch(o -> o.value().equals(chosen))) {
            options.add(0, new Option(chosen, "principal " + chosen));
        }
        return options;
    }

    private static List<Option> actionOptions() {
        List<Option> options = new ArrayList<>();
        for (AuditAction action : AuditAction.values()) {
            options.add(new Option(action.name(), AuditActionText.of(action)));
        }
        options.sort(Comparator.comparing(Option::label));
        return options;
    }

    private static Map<String, String> targetTypes() {
        Map<String, String> types = new LinkedHashMap<>();
        types.put("TOKEN", "Token");
        types.put("USER", "User");
        types.put("SERVICE_PRINCIPAL", "Service principal");
        types.put("GROUP", "Group");
        types.put("ROLE", "Role");
        types.put("SERVICE", "Service");
        types.put("SETTINGS", "Workspace settings");
        types.put("SERVICE_PRINCIPAL_SECRET", "OAuth secret");
        types.put("OBJECT", "Token usage permissions");
        types.put("PRINCIPAL", "Principal (sign-ins, technical users)");
        return types;
    }

    /**
     * The page tokens of the pages before this one, oldest first ({@value #FIRST_PAGE} for the first page), kept in
     * the URL so that Previous needs no state on the server; only the last {@value #MAX_BACK} are kept (Back to
     * newest always works), and anything unreadable is dropped.
     */
    private static List<String> back(String raw) {
        if (raw == null
                || raw.isEmpty()
                || raw.length() > MAX_BACK * 40
                || !BACK_TOKENS.matcher(raw).matches()) {
            return List.of();
        }
        List<String> tokens = List.of(raw.split("\\."));
        return tokens.subList(Math.max(0, tokens.size() - MAX_BACK + 1), tokens.size());
    }

    private static String previousHref(Map<String, String> filters, List<String> back) {
        if (back.isEmpty()) {
            return null;
        }
        String previous = back.get(back.size() - 1);
        return href(filters, previous.equals(FIRST_PAGE) ? null : previous, back.subList(0, back.size() - 1));
    }

    private static String href(Map<String, String> filters, String pageToken, List<String> back) {
        Map<String, String> params = new LinkedHashMap<>(filters);
        if (pageToken != null) {
            params.put(AuditCursor.FIELD, pageToken);
        }
        if (!back.isEmpty()) {
            params.put(BACK, String.join(".", back));
        }
        return withQuery(AuditEventView.PATH, params);
    }

    private static String exportHref(Map<String, String> filters, AuditExport.Format format) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(AuditExport.FORMAT, format.extension);
        params.putAll(filters);
        return withQuery(AuditEventView.PATH + "/export", params);
    }

    /** Every value form-encoded, so that a {@code +} or {@code &} typed into a filter comes back as typed. */
    private static String withQuery(String path, Map<String, String> params) {
        StringJoiner query = new StringJoiner("&", path + "?", "").setEmptyValue(path);
        params.forEach((name, value) -> query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return query.toString();
    }
}
