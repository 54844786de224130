package dev.warden.web.token;

import dev.warden.core.role.AccessPolicy;
import dev.warden.core.token.AccessRefusedException;
import dev.warden.core.token.TechnicalToken;
import dev.warden.core.token.TechnicalTokenService;
import dev.warden.core.token.TokenIssuePolicy;
import dev.warden.core.principal.PrincipalNames;
import dev.warden.core.group.GroupId;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.shared.QuotaExceededException;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TokenAction;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenLifetimePolicy;
import dev.warden.core.token.TokenNotFoundException;
import dev.warden.web.console.ScopePickerView;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxReswap;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;

/**
 * The console side of organisation and group tokens, shared by Admin Console → Access tokens → Organisation tokens
 * and a group's Access tokens tab: the list with its Status actions, the "Create access token" dialog (name,
 * expiration date within the workspace's maximum lifetime, scopes, admin role) and the copy dialog that shows the
 * secret once. {@link TechnicalTokenService} checks the viewer on every call; this only shapes the pages.
 */
@Component
public class TechnicalTokenConsole {
    public static final String FRAGMENTS = "admin/tokens/technical";
    public static final String TABLE = FRAGMENTS + " :: technical-tokens";
    public static final String ROW = FRAGMENTS + " :: technical-row";
    public static final String DIALOG = FRAGMENTS + " :: create-token-dialog";
    public static final String ISSUED = FRAGMENTS + " :: issued-dialog";
    /** The htmx event the list reloads on after a token was created. */
    public static final String CHANGED = "technical-tokens-changed";
    /** Core names fields as the API does; the form calls them differently. */
    private static final Map<String, String> FORM_FIELDS = Map.of(
            CreateTokenCommand.COMMENT_FIELD, "name",
            TokenLifetimePolicy.FIELD, "expirationDate",
            CreateTokenCommand.SCOPES_FIELD, "scopes",
            TechnicalTokenService.ROLE_FIELD, "role");

    private final TechnicalTokenService tokens;
    private final PrincipalNames principals;
    private final TokenIssuePolicy issuePolicy;
    private final AccessPolicy access;
    private final Clock clock;

    TechnicalTokenConsole(TechnicalTokenService tokens, PrincipalNames principals, TokenIssuePolicy issuePolicy,
                          AccessPolicy access, Clock clock) {
        this.tokens = tokens;
        this.principals = principals;
        this.issuePolicy = issuePolicy;
        this.access = access;
        this.clock = clock;
    }

    /**
     * Which list: the organisation's ({@code group} null) or one group's, and the path it lives at.
     * @param groupName shown in the dialog's title; null for the organisation
     */
    public record TokenList(GroupId group, String groupName, String path) {
        public static TokenList organisation(String path) {
            return new TokenList(null, null, path);
        }

        public static TokenList ofGroup(GroupId group, String groupName, String path) {
            return new TokenList(group, groupName, path);
        }

        TokenKind kind() {
            return group == null ? TokenKind.ORGANISATION : TokenKind.GROUP;
        }

        /** "organisation token" or "group token of ops", for headings. */
        public String describe() {
            return group == null ? "organisation token" : "group token of " + groupName;
        }
    }

    /** A choice of the dialog's "Admin role assignment". */
    public record RoleOption(String value, String label, String description) {
    }

    /** The tokens of the list, newest first; whether the viewer may create and change them. */
    public void addList(Actor actor, TokenList list, Model model) {
        List<TechnicalToken> found = list.group() == null
                ? tokens.organisationTokens(actor)
                : tokens.groupTokens(actor, list.group());
        model.addAttribute("tokens", rows(actor, found, list));
        model.addAttribute("tokenList", list);
        model.addAttribute("canWriteTokens", mayWrite(actor, list));
    }

    /** The empty dialog, with the default expiration date and the narrower role chosen. */
    public void addCreateForm(Actor actor, TokenList list, Model model) {
        requireWrite(actor, list);
        TokenLifetimePolicy lifetimes = lifetimes(actor);
        CreateTechnicalTokenForm form = CreateTechnicalTokenForm.withDefaults(
                today().plusDays(lifetimes.defaultDays()).toString(),
                TechnicalTokenService.rolesFor(list.kind()).get(0).roleName());
        addFormContext(model, list, form, lifetimes);
    }

    /**
     * Creates the token from the dialog. On success the copy dialog (htmx: into the dialog slot, and the list is told
     * to reload) or the page with it, never cached; otherwise the dialog again with each error next to its field.
     * @param page the whole page's view, for a request without htmx
     */
    public String create(Actor actor, TokenList list, CreateTechnicalTokenForm form, BindingResult binding,
                         Model model, HtmxRequest htmx, HtmxResponse htmxResponse, HttpServletResponse response,
                         String page) {
        requireWrite(actor, list);
        TokenLifetimePolicy lifetimes = lifetimes(actor);
        if (form.isRefreshScopes()) {
            // Without JavaScript the scopes cannot follow the role radio: this asks for the dialog again.
            addFormContext(model, list, form, lifetimes);
            if (htmx.isHtmxRequest()) {
                return DIALOG;
            }
            addList(actor, list, model);
            return page;
        }
        Duration lifetime = validate(form, binding, lifetimes);
        if (!binding.hasErrors()) {
            try {
                CreateTokenCommand command = new CreateTokenCommand(form.getName().strip(), lifetime,
                        form.getScopes());
                IssuedToken issued = list.group() == null
                        ? tokens.createOrganisationToken(actor, command, form.getRole())
                        : tokens.createGroupToken(actor, list.group(), command, form.getRole());
                // The secret is in this response only; no cache may keep it.
                response.setHeader("Cache-Control", "no-store");
                model.addAttribute("issued", TechnicalIssuedView.of(issued,
                        TechnicalTokenRow.roleLabel(BuiltInRole.named(form.getRole().strip()).orElseThrow())));
                model.addAttribute("tokenList", list);
                if (htmx.isHtmxRequest()) {
                    htmxResponse.addTrigger(CHANGED);
                    htmxResponse.setRetarget("#dialog-slot");
                    htmxResponse.setReswap(HtmxReswap.innerHtml());
                    return ISSUED;
                }
                model.addAttribute("form", null); // the copy dialog takes the form's place
                addList(actor, list, model);
                return page;
            } catch (InvalidParameterException e) {
                String field = FORM_FIELDS.get(e.field());
                if (field == null) {
                    model.addAttribute("formError", e.getMessage());
                } else {
                    binding.rejectValue(field, "invalid", e.getMessage());
                }
            } catch (PermissionDeniedException e) {
                // The viewer may create tokens here (checked above), but not hand out this role.
                binding.rejectValue("role", "denied", e.getMessage());
            } catch (AccessRefusedException | QuotaExceededException e) {
                model.addAttribute("formError", e.getMessage());
            }
        }
        addFormContext(model, list, form, lifetimes);
        if (htmx.isHtmxRequest()) {
            return DIALOG;
        }
        addList(actor, list, model);
        return page;
    }

    public void revoke(Actor actor, TokenList list, String id, Model model) {
        TokenId token = inList(actor, list, id);
        tokens.revoke(actor, token);
        model.addAttribute("token", row(actor, tokens.get(actor, token), list));
        model.addAttribute("canWriteTokens", true);
    }

    public void restore(Actor actor, TokenList list, String id, Model model) {
        TokenId token = inList(actor, list, id);
        tokens.restore(actor, token);
        model.addAttribute("token", row(actor, tokens.get(actor, token), list));
        model.addAttribute("canWriteTokens", true);
    }

    /** Permanent: the token and its technical user. */
    public void delete(Actor actor, TokenList list, String id) {
        tokens.delete(actor, inList(actor, list, id));
    }

    /** A token of another list (another group's, or a group token on the organisation list) is not found here. */
    private TokenId inList(Actor actor, TokenList list, String id) {
        TokenId tokenId = new TokenId(id);
        TechnicalToken found = tokens.get(actor, tokenId);
        if (!Objects.equals(found.token().group(), list.group())) {
            throw new TokenNotFoundException(tokenId);
        }
        return tokenId;
    }

    private Duration validate(CreateTechnicalTokenForm form, BindingResult binding, TokenLifetimePolicy lifetimes) {
        if (form.getName() == null || form.getName().isBlank()) {
            binding.rejectValue("name", "required", "Give the token a name, so you can recognise it later.");
        }
        LocalDate today = today();
        LocalDate first = today.plusDays(1);
        LocalDate last = today.plusDays(lifetimes.maxDays());
        String range = "Choose a date from " + first + " to " + last + " (the longest token lifetime here is "
                + lifetimes.maxDays() + " days).";
        Duration lifetime = null;
        String raw = form.getExpirationDate() == null ? "" : form.getExpirationDate().strip();
        if (raw.isEmpty()) {
            binding.rejectValue("expirationDate", "required", "Choose when the token expires. " + range);
        } else {
            try {
                LocalDate date = LocalDate.parse(raw);
                if (date.isBefore(first) || date.isAfter(last)) {
                    binding.rejectValue("expirationDate", "range", range);
                } else {
                    // Expires on that day, at the time of day it was created.
                    lifetime = Duration.ofDays(ChronoUnit.DAYS.between(today, date));
                }
            } catch (DateTimeParseException e) {
                binding.rejectValue("expirationDate", "format", "Enter the date as yyyy-mm-dd. " + range);
            }
        }
        if (form.getScopes().isEmpty()) {
            binding.rejectValue("scopes", "required", "Choose at least one scope.");
        }
        if (form.getRole() == null || form.getRole().isBlank()) {
            binding.rejectValue("role", "required", "Choose the role of the token's technical user.");
        }
        return lifetime;
    }

    private void addFormContext(Model model, TokenList list, CreateTechnicalTokenForm form,
                                TokenLifetimePolicy lifetimes) {
        LocalDate today = today();
        model.addAttribute("form", form);
        model.addAttribute("tokenList", list);
        model.addAttribute("minDate", today.plusDays(1).toString());
        model.addAttribute("maxDate", today.plusDays(lifetimes.maxDays()).toString());
        model.addAttribute("maxDays", lifetimes.maxDays());
        List<BuiltInRole> roles = TechnicalTokenService.rolesFor(list.kind());
        // The technical user holds only the chosen role, so that role bounds the scopes.
        model.addAttribute("scopePicker", ScopePickerView.forRoles("technical-token", roles, form.getRole(),
                form.getScopes()));
        model.addAttribute("roleOptions", roles.stream()
                .map(role -> new RoleOption(role.roleName(), TechnicalTokenRow.roleLabel(role), role.description()))
                .toList());
    }

    /** The workspace's lifetimes (its maximum, never beyond the installation's). */
    private TokenLifetimePolicy lifetimes(Actor actor) {
        return issuePolicy.lifetimes(actor.workspace());
    }

    private void requireWrite(Actor actor, TokenList list) {
        if (list.group() == null) {
            access.require(actor, Permission.TOKEN_MANAGEMENT_WRITE);
        } else {
            access.require(actor, Permission.TOKEN_MANAGEMENT_WRITE, list.group());
        }
    }

    private boolean mayWrite(Actor actor, TokenList list) {
        var held = access.permissionsOf(actor);
        return list.group() == null
                ? held.holds(Permission.TOKEN_MANAGEMENT_WRITE)
                : held.holds(Permission.TOKEN_MANAGEMENT_WRITE, list.group());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private TechnicalTokenRow row(Actor actor, TechnicalToken token, TokenList list) {
        return rows(actor, List.of(token), list).get(0);
    }

    private List<TechnicalTokenRow> rows(Actor actor, List<TechnicalToken> found, TokenList list) {
        Instant now = clock.instant();
        Set<PrincipalId> creators = new HashSet<>();
        found.forEach(t -> creators.add(t.token().createdBy()));
        Map<PrincipalId, Principal> named = principals.byId(actor.workspace(), creators);
        return found.stream()
                .map(t -> TechnicalTokenRow.of(t, named.get(t.token().createdBy()), list.path(),
                        tokens.allows(actor, TokenAction.RESTORE, t.token()), now))
                .toList();
    }

}
