package dev.warden.web.tokenusage;

import dev.warden.core.group.Group;
import dev.warden.core.group.GroupId;
import dev.warden.core.group.GroupNames;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalNames;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Validation;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageImpact;
import dev.warden.core.tokenusage.TokenUsageLevel;
import dev.warden.core.tokenusage.TokenUsageService;
import dev.warden.web.console.Assignee;
import dev.warden.web.console.ConsoleAccess;
import dev.warden.web.console.ConsolePage;
import dev.warden.web.console.Redirects;
import dev.warden.web.settings.WorkspaceSettingsPage;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Workspace settings → Permission Settings → the Token Usage dialog. The dialog edits a working copy carried in the
 * form itself (one {@code entry} per line, {@code group:7:CAN_USE}); every edit posts the copy back and gets the
 * dialog again with the impact preview, so Cancel only has to close it. Save stores the whole copy as one change.
 * Entries are CAN_USE; the workspace admins' CAN_MANAGE is shown, never offered (the service refuses it).
 */
@Controller
@RequestMapping(WorkspaceSettingsPage.PATH + "/token-usage")
class TokenUsageDialogController implements ConsolePage {
    static final String FRAGMENTS = "admin/workspace/fragments";

    private final TokenUsageService tokenUsage;
    private final PrincipalNames principals;
    private final GroupNames groups;
    private final ConsoleAccess access;
    private final WorkspaceSettingsPage settingsPage;

    TokenUsageDialogController(
            TokenUsageService tokenUsage,
            PrincipalNames principals,
            GroupNames groups,
            ConsoleAccess access,
            WorkspaceSettingsPage settingsPage) {
        this.tokenUsage = tokenUsage;
        this.principals = principals;
        this.groups = groups;
        this.access = access;
        this.settingsPage = settingsPage;
    }

    /** The Token Usage dialog with the saved list. */
    @GetMapping
    String tokenUsageDialog(Actor actor, Model model, HtmxRequest htmx) {
        List<TokenUsageEntry> saved = tokenUsage.entries(actor);
        model.addAttribute("usage", view(actor, saved, saved));
        if (htmx.isHtmxRequest()) {
            return FRAGMENTS + " :: token-usage-dialog";
        }
        return settingsPage.render(actor, model);
    }

    /** An edit of the working copy: add (op=add, assignee, addLevel), remove (remove=group:7), or a changed level. */
    @PostMapping("/draft")
    String draft(
            Actor actor,
            @RequestParam(name = "entry", required = false) List<String> entry,
            @RequestParam(required = false) String remove,
            @RequestParam(required = false) String op,
            @RequestParam(required = false) String assignee,
            @RequestParam(defaultValue = "CAN_USE") String addLevel,
            Model model) {
        List<TokenUsageEntry> copy = parse(entry);
        if (remove != null) {
            Assignee removed = Assignee.parse(remove)
                    .orElseThrow(() ->
                            new InvalidParameterException("remove", "Unknown entry " + Validation.echo(remove) + "."));
            copy.removeIf(e -> e.sameSubject(entryOf(removed, TokenUsageLevel.CAN_USE)));
        }
        if ("add".equals(op)) {
            var chosen = Assignee.parse(assignee);
            if (chosen.isEmpty()) {
                model.addAttribute("addError", "Search for a group, user or service principal and choose one first.");
            } else {
                TokenUsageEntry added = entryOf(chosen.get(), level(addLevel));
                copy.removeIf(e -> e.sameSubject(added));
                copy.add(added);
            }
        }
        model.addAttribute("usage", view(actor, tokenUsage.entries(actor), copy));
        return FRAGMENTS + " :: token-usage-dialog";
    }

    /** Save: the working copy replaces the list, as one audited change. */
    @PostMapping
    Object saveTokenUsage(
            Actor actor,
            @RequestParam(name = "entry", required = false) List<String> entry,
            Model model,
            HtmxRequest htmx) {
        List<TokenUsageEntry> copy = parse(entry);
        try {
            tokenUsage.replace(actor, copy);
        } catch (InvalidParameterException e) {
            model.addAttribute("formError", e.getMessage());
            model.addAttribute("usage", view(actor, tokenUsage.entries(actor), copy));
            return FRAGMENTS + " :: token-usage-dialog";
        }
        return Redirects.to(WorkspaceSettingsPage.PATH + "?saved=token-usage", htmx);
    }

    private TokenUsageDialogView view(Actor actor, List<TokenUsageEntry> saved, List<TokenUsageEntry> copy) {
        List<TokenUsageDialogView.Row> admins = tokenUsage.implicitManagers(actor).stream()
                .map(p -> new TokenUsageDialogView.Row(
                        Assignee.of(p.id()), label(p), kindOf(p), TokenUsageLevel.CAN_MANAGE.name(), null))
                .toList();
        Map<PrincipalId, Principal> named = principals.byId(
                actor.workspace(), copy.stream().map(TokenUsageEntry::principal).toList());
        Map<GroupId, Group> groupsNamed = groups.byId(
                actor.workspace(), copy.stream().map(TokenUsageEntry::group).toList());
        List<TokenUsageDialogView.Row> rows = new ArrayList<>();
        for (TokenUsageEntry e : copy) {
            String subject = e.principal() != null ? Assignee.of(e.principal()) : Assignee.of(e.group());
            String name;
            String kind;
            if (e.principal() != null) {
                Principal p = named.get(e.principal());
                name = p == null ? "unknown principal " + e.principal().value() : label(p);
                kind = p == null ? "principal" : kindOf(p);
            } else {
                Group g = groupsNamed.get(e.group());
                name = g == null ? "unknown group " + e.group().value() : g.displayName();
                kind = "group";
            }
            rows.add(new TokenUsageDialogView.Row(
                    subject,
                    name,
                    kind,
                    e.level().name(),
                    subject + ":" + e.level().name()));
        }
        TokenUsageImpact impact = tokenUsage.preview(actor, copy);
        List<TokenUsageDialogView.Loss> losses = impact.losses().stream()
                .map(l -> new TokenUsageDialogView.Loss(label(l.principal()), kindOf(l.principal()), l.activeTokens()))
                .toList();
        boolean changed = !new java.util.HashSet<>(saved).equals(new java.util.HashSet<>(copy));
        return new TokenUsageDialogView(
                admins,
                rows,
                new TokenUsageDialogView.Impact(losses, impact.tokensStopping()),
                changed,
                access.of(actor).holds(Permission.PERMISSIONS_WRITE));
    }

    private static String label(Principal principal) {
        return principal.displayName() == null || principal.displayName().isBlank()
                ? principal.name()
                : principal.displayName();
    }

    private static String kindOf(Principal principal) {
        return switch (principal.kind()) {
            case SERVICE_PRINCIPAL -> "service principal";
            case TECHNICAL_USER -> "technical user";
            case USER -> "user";
        };
    }

    /** {@code group:7:CAN_USE} and {@code principal:42:CAN_USE}, in order; a later line for a subject wins. */
    private static List<TokenUsageEntry> parse(List<String> values) {
        List<TokenUsageEntry> entries = new ArrayList<>();
        if (values == null) {
            return entries;
        }
        for (String value : values) {
            int colon = value.lastIndexOf(':');
            Assignee subject =
                    colon < 0 ? null : Assignee.parse(value.substring(0, colon)).orElse(null);
            if (subject == null) {
                throw new InvalidParameterException(
                        "entry", "Unknown token usage entry " + Validation.echo(value) + ".");
            }
            TokenUsageEntry parsed = entryOf(subject, level(value.substring(colon + 1)));
            entries.removeIf(e -> e.sameSubject(parsed));
            entries.add(parsed);
        }
        return entries;
    }

    private static TokenUsageLevel level(String value) {
        try {
            return TokenUsageLevel.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("level", "Unknown level " + Validation.echo(value) + ": use CAN_USE.");
        }
    }

    private static TokenUsageEntry entryOf(Assignee subject, TokenUsageLevel level) {
        return subject.principal() != null
                ? TokenUsageEntry.forPrincipal(subject.principal(), level)
                : TokenUsageEntry.forGroup(subject.group(), level);
    }
}
