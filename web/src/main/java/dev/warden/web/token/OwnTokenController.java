package dev.warden.web.token;

import dev.warden.core.access.TokenSuspensions;
import dev.warden.core.notice.TokenHealthService;
import dev.warden.core.principal.Actor;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenAction;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenService;
import dev.warden.core.token.TokenTarget;
import dev.warden.web.access.CheckAccessForm;
import dev.warden.web.access.TokenAccessConsole;
import dev.warden.web.access.YourWords;
import dev.warden.web.console.ConsolePage;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRedirectView;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;

/**
 * User settings → Access tokens → one of the signed-in user's own tokens: what it is, whether it works now (and if
 * suspended, why), its Scopes panel and "Check access", so its owner can see why it was refused without an admin.
 * Another user's token and an unknown id are the same 404 page ({@link TokenService#getOwn}), so existence never
 * shows, even to an admin (whose page of any token is under Admin Console). The page's buttons post to the same
 * URLs as the list's rows; htmx names the page's region as its target ({@value #TARGET}), which selects these
 * handlers, so they answer with the region rather than a table row.
 */
@Controller
@RequestMapping(OwnTokenController.PATH + "/{tokenId}")
class OwnTokenController implements ConsolePage {
    static final String PATH = "/settings/user/tokens";
    static final String TARGET = "own-token";
    private static final String PAGE = "tokens/detail";
    private static final String REGION = PAGE + " :: " + TARGET;

    private final TokenService tokens;
    private final TokenSuspensions suspensions;
    private final TokenAccessConsole accessPanels;
    private final TokenHealthService health;
    private final Clock clock;

    OwnTokenController(
            TokenService tokens,
            TokenSuspensions suspensions,
            TokenAccessConsole accessPanels,
            TokenHealthService health,
            Clock clock) {
        this.tokens = tokens;
        this.suspensions = suspensions;
        this.accessPanels = accessPanels;
        this.health = health;
        this.clock = clock;
    }

    /** With {@code method} and {@code path} (a recent refusal's link), Check access is pre-filled and answered. */
    @GetMapping
    String detail(
            Actor actor,
            @PathVariable String tokenId,
            @RequestParam(name = "method", required = false) String method,
            @RequestParam(name = "path", required = false) String path,
            Model model) {
        AccessToken token = tokens.getOwn(actor, new TokenId(tokenId));
        String view = show(actor, token, model, PAGE);
        accessPanels.prefill(actor, token.id(), pathOf(token), method, path, model);
        return view;
    }

    /** "Check access": htmx gets the form with the verdict and trace (or its field error), a plain post the page. */
    @PostMapping("/check-access")
    String checkAccess(
            Actor actor,
            @PathVariable String tokenId,
            @ModelAttribute(TokenAccessConsole.FORM) CheckAccessForm form,
            BindingResult binding,
            Model model,
            HtmxRequest htmx) {
        AccessToken token = tokens.getOwn(actor, new TokenId(tokenId));
        accessPanels.check(actor, token.id(), pathOf(token), form, binding, model);
        YourWords.speakTo(actor.label(), model);
        return htmx.isHtmxRequest() ? TokenAccessConsole.CHECK_ACCESS : show(actor, token, model, PAGE);
    }

    @HxRequest(target = TARGET)
    @PostMapping("/revoke")
    String revoke(Actor actor, @PathVariable String tokenId, Model model) {
        return show(actor, tokens.revoke(actor, new TokenId(tokenId)), model, REGION);
    }

    @HxRequest(target = TARGET)
    @PostMapping("/restore")
    String restore(Actor actor, @PathVariable String tokenId, Model model) {
        return show(actor, tokens.restore(actor, new TokenId(tokenId)), model, REGION);
    }

    /** The token is gone, so is its page: htmx goes back to the list. */
    @HxRequest(target = TARGET)
    @DeleteMapping
    View delete(Actor actor, @PathVariable String tokenId) {
        tokens.delete(actor, new TokenId(tokenId));
        return new HtmxRedirectView(PATH, true);
    }

    /** The token as its list row shows it (Suspended when a policy stops it, with why), and both access panels. */
    private String show(Actor actor, AccessToken token, Model model, String view) {
        Instant now = clock.instant();
        TokenSuspensions.Suspension suspension =
                suspensions.of(actor.workspace(), List.of(token)).of(token, now).orElse(null);
        TokenTarget own = TokenTarget.own(token.id());
        TokenFacts row = TokenFacts.of(token, tokens.allows(actor, TokenAction.RESTORE, token, own), now)
                .withRotate(tokens.allows(actor, TokenAction.ROTATE, token, own));
        model.addAttribute("token", suspension == null ? row : row.suspended());
        // "expires in 5 days — rotate it or create a new one", while it expires soon (ExpiringSoon)
        model.addAttribute(
                "expiresSoon",
                health.expiringSoon(actor.workspace()).covers(token, now)
                        ? ExpiringSoonBanner.expiresIn(token, now)
                        : null);
        // the owner reads this page: "you", not "the owner of this token, alice"
        model.addAttribute(
                "statusMessage", suspension == null ? null : YourWords.of(suspension.message(), actor.label()));
        accessPanels.addPanels(actor, token.id(), pathOf(token), model);
        YourWords.speakTo(actor.label(), model);
        return view;
    }

    private static String pathOf(AccessToken token) {
        return PATH + "/" + token.id().value();
    }
}
