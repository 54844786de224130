package dev.warden.web.token;

import dev.warden.core.group.GroupId;
import dev.warden.core.principal.Actor;
import dev.warden.core.shared.DomainException;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TechnicalTokenService;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenManagementService;
import dev.warden.core.token.TokenService;
import dev.warden.web.console.ConsolePage;
import dev.warden.web.console.InstantText;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Rotate, wherever Revoke is: the user's own tokens (list and page, as their owner: {@link TokenService#rotateOwn})
 * the Admin Console's inventory and token page (through token management), and the organisation and group token
 * lists (through those lists, so a group's admins rotate its tokens). A small dialog asks how long the old
 * secret keeps working; the new one is then shown once in the copy dialog, whose Done reloads the page the dialog
 * was opened from (the token's hint and rotation changed). Core decides who may ({@code allows} hides the button, the
 * rotation itself refuses); a refusal shows in the dialog.
 */
@Controller
class RotateTokenController implements ConsolePage {
    static final String OWN = OwnTokenController.PATH + "/{id}/rotate";
    static final String MANAGED = TokenInventoryController.PATH + "/{id}/rotate";
    static final String ORGANISATION = OrganisationTokensController.PATH + "/{id}/rotate";
    static final String GROUP = "/settings/admin/groups/{group}/tokens/{id}/rotate";
    static final String FORM = "rotateForm";
    private static final String DIALOG = "tokens/rotate :: rotate-dialog";
    private static final String ISSUED = "tokens/rotate :: rotated-dialog";
    private static final String PAGE = "tokens/rotate";

    /** What the dialog offers; core accepts any grace from 0 to 7 days. */
    static final List<GraceOption> GRACES = List.of(
            new GraceOption(0, "Immediately"),
            new GraceOption(3600, "After 1 hour"),
            new GraceOption(86_400, "After 1 day"),
            new GraceOption(TokenService.MAX_ROTATION_GRACE.getSeconds(), "After 7 days (the longest)"));

    record GraceOption(long seconds, String label) {}

    /**
     * Where a token is rotated: {@code base} + "/rotate" is the dialog's URL; {@code page} is where Done and Cancel go
     * when htmx did not say which page the dialog was opened from (the token's page, or its list).
     */
    record Where(String base, String page) {
        static Where at(String path) {
            return new Where(path, path);
        }
    }

    private final TokenService tokens;
    private final TokenManagementService management;
    private final TechnicalTokenService technical;
    private final Clock clock;

    RotateTokenController(
            TokenService tokens, TokenManagementService management, TechnicalTokenService technical, Clock clock) {
        this.tokens = tokens;
        this.management = management;
        this.technical = technical;
        this.clock = clock;
    }

    @GetMapping(OWN)
    String ownDialog(Actor actor, @PathVariable String id, Model model, HtmxRequest htmx) {
        AccessToken token = tokens.getOwn(actor, new TokenId(id));
        return dialog(model, token, Where.at(ownPath(id)), new RotateTokenForm(), htmx);
    }

    @PostMapping(OWN)
    String rotateOwn(
            Actor actor,
            @PathVariable String id,
            @ModelAttribute(FORM) RotateTokenForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx,
            HtmxResponse htmxResponse,
            HttpServletResponse response) {
        return rotate(
                model,
                form,
                binding,
                htmx,
                htmxResponse,
                response,
                Where.at(ownPath(id)),
                () -> tokens.getOwn(actor, new TokenId(id)),
                grace -> tokens.rotateOwn(actor, new TokenId(id), grace));
    }

    @GetMapping(MANAGED)
    String managedDialog(Actor actor, @PathVariable String id, Model model, HtmxRequest htmx) {
        AccessToken token = management.get(actor, new TokenId(id));
        return dialog(model, token, Where.at(managedPath(id)), new RotateTokenForm(), htmx);
    }

    @PostMapping(MANAGED)
    String rotateManaged(
            Actor actor,
            @PathVariable String id,
            @ModelAttribute(FORM) RotateTokenForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx,
            HtmxResponse htmxResponse,
            HttpServletResponse response) {
        return rotate(
                model,
                form,
                binding,
                htmx,
                htmxResponse,
                response,
                Where.at(managedPath(id)),
                () -> management.get(actor, new TokenId(id)),
                grace -> management.rotate(actor, new TokenId(id), grace));
    }

    @GetMapping(ORGANISATION)
    String organisationDialog(Actor actor, @PathVariable String id, Model model, HtmxRequest htmx) {
        AccessToken token = technical.get(actor, new TokenId(id)).token();
        return dialog(model, token, organisation(id), new RotateTokenForm(), htmx);
    }

    @PostMapping(ORGANISATION)
    String rotateOrganisation(
            Actor actor,
            @PathVariable String id,
            @ModelAttribute(FORM) RotateTokenForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx,
            HtmxResponse htmxResponse,
            HttpServletResponse response) {
        return rotate(
                model,
                form,
                binding,
                htmx,
                htmxResponse,
                response,
                organisation(id),
                () -> technical.get(actor, new TokenId(id)).token(),
                grace -> technical.rotate(actor, new TokenId(id), grace));
    }

    @GetMapping(GROUP)
    String groupDialog(Actor actor, @PathVariable long group, @PathVariable String id, Model model, HtmxRequest htmx) {
        AccessToken token =
                technical.get(actor, new GroupId(group), new TokenId(id)).token();
        return dialog(model, token, group(group, id), new RotateTokenForm(), htmx);
    }

    @PostMapping(GROUP)
    String rotateGroup(
            Actor actor,
            @PathVariable long group,
            @PathVariable String id,
            @ModelAttribute(FORM) RotateTokenForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx,
            HtmxResponse htmxResponse,
            HttpServletResponse response) {
        return rotate(
                model,
                form,
                binding,
                htmx,
                htmxResponse,
                response,
                group(group, id),
                () -> technical.get(actor, new GroupId(group), new TokenId(id)).token(),
                grace -> technical.rotate(actor, new GroupId(group), new TokenId(id), grace));
    }

    private String rotate(
            Model model,
            RotateTokenForm form,
            BindingResult binding,
            HtmxRequest htmx,
            HtmxResponse htmxResponse,
            HttpServletResponse response,
            Where where,
            Supplier<AccessToken> read,
            Function<Duration, IssuedToken> rotate) {
        Duration grace = grace(form.getGraceSeconds());
        if (grace == null) {
            binding.rejectValue("graceSeconds", "invalid", "Choose when the old secret stops working.");
        } else {
            try {
                IssuedToken issued = rotate.apply(grace);
                // The secret is in this response only; no cache may keep it.
                response.setHeader("Cache-Control", "no-store");
                model.addAttribute("issued", IssuedTokenView.of(issued));
                model.addAttribute("issuedTitle", "Copy the token's new secret");
                model.addAttribute("issuedSummary", summary(issued.token(), grace));
                model.addAttribute("donePath", returnPath(htmx, where.page()));
                model.addAttribute("issuedReloads", true);
                if (htmx.isHtmxRequest()) {
                    htmxResponse.addTrigger("token-rotated");
                    return ISSUED;
                }
                return PAGE;
            } catch (InvalidParameterException e) {
                binding.rejectValue("graceSeconds", "invalid", e.getMessage());
            } catch (ResourceNotFoundException e) {
                throw e;
            } catch (DomainException e) {
                model.addAttribute(CreateTokenDialog.FORM_ERROR, e.getMessage());
            }
        }
        return dialog(model, read.get(), where, form, htmx);
    }

    private String dialog(Model model, AccessToken token, Where where, RotateTokenForm form, HtmxRequest htmx) {
        model.addAttribute(FORM, form);
        model.addAttribute("rotating", TokenFacts.of(token, false, clock.instant()));
        model.addAttribute("rotatePath", where.base() + "/rotate");
        model.addAttribute("cancelPath", returnPath(htmx, where.page()));
        model.addAttribute("graces", GRACES);
        return htmx.isHtmxRequest() ? DIALOG : PAGE;
    }

    private static String summary(AccessToken token, Duration grace) {
        String old = grace.isZero()
                ? "The old secret has stopped working."
                : "The old secret keeps working until " + InstantText.TO_THE_SECOND.of(token.previousValidUntil())
                        + ", then stops.";
        return old + " Same token id, scopes and expiry (" + InstantText.TO_THE_MINUTE.orNever(token.expiresAt())
                + ").";
    }

    /** A number of seconds, or null when it is not one. */
    private static Duration grace(String raw) {
        try {
            return raw == null || raw.isBlank() ? null : Duration.ofSeconds(Long.parseLong(raw.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The console page the dialog was opened from (a token list with its filters, or the token's page), so Done
     * reloads it; the token's page when htmx did not say, or named another site.
     */
    static String returnPath(HtmxRequest htmx, String tokenPath) {
        String current = htmx.isHtmxRequest() ? htmx.getCurrentUrl() : null;
        if (current != null) {
            try {
                URI uri = URI.create(current);
                String path = uri.getRawPath();
                if (path != null && path.startsWith("/settings/") && !path.endsWith("/rotate")) {
                    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
                }
            } catch (IllegalArgumentException e) {
                // not a URL: fall back to the token's page
            }
        }
        return tokenPath;
    }

    private static String ownPath(String id) {
        return OwnTokenController.PATH + "/" + id;
    }

    private static String managedPath(String id) {
        return TokenInventoryController.PATH + "/" + id;
    }

    /** An organisation or group token has no page in its list: Done goes back to the list. */
    private static Where organisation(String id) {
        return new Where(OrganisationTokensController.PATH + "/" + id, OrganisationTokensController.PATH);
    }

    private static Where group(long group, String id) {
        String list = "/settings/admin/groups/" + group + "/tokens";
        return new Where(list + "/" + id, list);
    }
}
