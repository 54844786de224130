package dev.warden.web.token;

import dev.warden.core.access.AccessCheckService;
import dev.warden.core.access.ScopeState;
import dev.warden.core.access.TokenSuspensions;
import dev.warden.core.group.GroupId;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalNames;
import dev.warden.core.role.AccessPolicy;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.service.ServiceRegistry;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TechnicalToken;
import dev.warden.core.token.TechnicalTokenService;
import dev.warden.core.token.TokenAction;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenIssuePolicy;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenLifetimePolicy;
import dev.warden.web.console.ExpiryControl;
import dev.warden.web.console.ScopePickerView;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
    /** Core names fields as the API does; the form calls them differently. A refused role is the role's error. */
    private static final CreateTokenDialog CREATE = new CreateTokenDialog(
            DIALOG,
            ISSUED,
            CHANGED,
            Map.of(
                    CreateTokenCommand.COMMENT_FIELD, "name",
                    TokenLifetimePolicy.FIELD, "expirationDate",
                    CreateTokenCommand.SCOPES_FIELD, "scopes",
                    TechnicalTokenService.ROLE_FIELD, "role"),
            "role");

    private final TechnicalTokenService tokens;
    private final PrincipalNames principals;
    private final TokenIssuePolicy issuePolicy;
    private final AccessPolicy access;
    private final ServiceRegistry services;
    private final TokenSuspensions suspensions;
    private final AccessCheckService checks;
    private final Clock clock;

    TechnicalTokenConsole(
            TechnicalTokenService tokens,
            PrincipalNames principals,
            TokenIssuePolicy issuePolicy,
            AccessPolicy access,
            ServiceRegistry services,
            TokenSuspensions suspensions,
            AccessCheckService checks,
            Clock clock) {
        this.services = services;
        this.suspensions = suspensions;
        this.checks = checks;
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
    public record RoleOption(String value, String label, String description) {}

    /** The tokens of the list, newest first; whether the viewer may create and change them. */
    public void addList(Actor actor, TokenList list, Model model) {
        List<TechnicalToken> found =
                list.group() == null ? tokens.organisationTokens(actor) : tokens.groupTokens(actor, list.group());
        model.addAttribute("tokens", rows(actor, found, list));
        model.addAttribute("tokenList", list);
        model.addAttribute("canWriteTokens", mayWrite(actor, list));
    }

    /** The empty dialog, with the default expiration date and the narrower role chosen. */
    public void addCreateForm(Actor actor, TokenList list, Model model) {
        requireWrite(actor, list);
        TokenLifetimePolicy lifetimes = lifetimes(actor);
        CreateTechnicalTokenForm form = CreateTechnicalTokenForm.withDefaults(
                lifetimes.defaultExpiryDate(clock.instant()),
                ExpiryControl.defaultChoice(lifetimes),
                TechnicalTokenService.rolesFor(list.kind()).get(0).roleName());
        addFormContext(actor, model, list, form, lifetimes);
    }

    /**
     * Creates the token through the console's one create-token dialog.
     * @return the fragment that answers an htmx request; null when the caller renders its whole page
     */
    public String create(
            Actor actor,
            TokenList list,
            CreateTechnicalTokenForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx,
            HtmxResponse htmxResponse,
            HttpServletResponse response) {
        requireWrite(actor, list);
        TokenLifetimePolicy lifetimes = lifetimes(actor);
        model.addAttribute("tokenList", list);
        binding = CREATE.bound(form, binding, model);
        if (form.refreshing()) {
            // Without JavaScript the scopes cannot follow the role radio: this asks for the dialog again.
            addFormContext(actor, model, list, form, lifetimes);
            return htmx.isHtmxRequest() ? DIALOG : null;
        }
        Duration lifetime = CREATE.check(
                binding,
                model,
                () -> ExpiryControl.lifetime(
                        form.expiresIn(), form.expirationDate(), null, lifetimes, clock.instant()));
        String view = CREATE.submit(binding, model, htmx, htmxResponse, response, () -> {
            CreateTokenCommand command = new CreateTokenCommand(form.name().strip(), lifetime, form.scopes());
            IssuedToken issued = list.group() == null
                    ? tokens.createOrganisationToken(actor, command, form.role())
                    : tokens.createGroupToken(actor, list.group(), command, form.role());
            return TechnicalIssuedView.of(
                    issued,
                    TechnicalTokenRow.roleLabel(
                            BuiltInRole.named(form.role().strip()).orElseThrow()));
        });
        if (model.getAttribute("issued") == null) {
            addFormContext(actor, model, list, form, lifetimes);
        }
        return view;
    }

    public void revoke(Actor actor, TokenList list, String id, Model model) {
        TokenId token = new TokenId(id);
        TechnicalToken revoked =
                list.group() == null ? tokens.revoke(actor, token) : tokens.revoke(actor, list.group(), token);
        model.addAttribute("token", row(actor, revoked, list));
        model.addAttribute("canWriteTokens", true);
    }

    public void restore(Actor actor, TokenList list, String id, Model model) {
        TokenId token = new TokenId(id);
        TechnicalToken restored =
                list.group() == null ? tokens.restore(actor, token) : tokens.restore(actor, list.group(), token);
        model.addAttribute("token", row(actor, restored, list));
        model.addAttribute("canWriteTokens", true);
    }

    /** Permanent: the token and its technical user. */
    public void delete(Actor actor, TokenList list, String id) {
        if (list.group() == null) {
            tokens.delete(actor, new TokenId(id));
        } else {
            tokens.delete(actor, list.group(), new TokenId(id));
        }
    }

    private void addFormContext(
            Actor actor, Model model, TokenList list, CreateTechnicalTokenForm form, TokenLifetimePolicy lifetimes) {
        Instant now = clock.instant();
        model.addAttribute(CreateTokenDialog.FORM, form);
        model.addAttribute("tokenList", list);
        model.addAttribute("minDate", lifetimes.firstExpiryDate(now).toString());
        model.addAttribute("maxDate", lifetimes.lastExpiryDate(now).toString());
        model.addAttribute("maxDays", lifetimes.maxDays());
        model.addAttribute("expiry", ExpiryControl.of(lifetimes, now));
        List<BuiltInRole> roles = TechnicalTokenService.rolesFor(list.kind());
        // The technical user holds only the chosen role, so that role bounds the scopes.
        model.addAttribute(
                "scopePicker",
                ScopePickerView.forRoles(
                                "technical-token",
                                services.catalogue(actor.workspace()),
                                roles,
                                form.role(),
                                form.scopes())
                        .withServiceTitles(services.displayNames(actor.workspace())));
        model.addAttribute(
                "roleOptions",
                roles.stream()
                        .map(role ->
                                new RoleOption(role.roleName(), TechnicalTokenRow.roleLabel(role), role.description()))
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

    private TechnicalTokenRow row(Actor actor, TechnicalToken token, TokenList list) {
        return rows(actor, List.of(token), list).get(0);
    }

    private List<TechnicalTokenRow> rows(Actor actor, List<TechnicalToken> found, TokenList list) {
        Instant now = clock.instant();
        Set<PrincipalId> creators = new HashSet<>();
        found.forEach(t -> creators.add(t.token().createdBy()));
        Map<PrincipalId, Principal> named = principals.byId(actor.workspace(), creators);
        List<AccessToken> accessTokens =
                found.stream().map(TechnicalToken::token).toList();
        TokenSuspensions.OwnerSuspensions suspended = suspensions.of(actor.workspace(), accessTokens);
        Map<TokenId, List<ScopeState>> dead = checks.deadScopes(actor, accessTokens);
        return found.stream()
                .map(t -> TechnicalTokenRow.of(
                        t,
                        named.get(t.token().createdBy()),
                        list.path(),
                        tokens.allows(actor, TokenAction.RESTORE, t.token()),
                        tokens.allows(actor, TokenAction.ROTATE, t.token()),
                        suspended.of(t.token(), now).orElse(null),
                        dead.get(t.token().id()),
                        now))
                .toList();
    }
}
