package dev.warden.web.token;

import dev.warden.core.principal.Actor;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenNotFoundException;
import dev.warden.core.token.TokenService;
import dev.warden.core.token.TokenTarget;
import dev.warden.web.shared.ApiController;
import dev.warden.web.shared.RequiresPermission;
import dev.warden.web.token.TokenApiModels.CreateTokenRequest;
import dev.warden.web.token.TokenApiModels.CreateTokenResponse;
import dev.warden.web.token.TokenApiModels.ListTokensResponse;
import dev.warden.web.token.TokenApiModels.PublicTokenInfo;
import dev.warden.web.token.TokenApiModels.RotateOwnTokenRequest;
import dev.warden.web.token.TokenApiModels.TokenIdRequest;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/** Personal access tokens in the Databricks dialect (update included), plus Warden's revoke, restore and rotate. */
@ApiController
@Tag(
        name = "Tokens",
        description = "Personal access tokens (Databricks dialect, plus revoke, restore, rotate and narrowing)")
@RequestMapping(path = "/api/2.0/token", produces = "application/json")
class TokenApiController {
    private final TokenService tokens;
    private final Clock clock;

    TokenApiController(TokenService tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @PostMapping("/create")
    @RequiresPermission("tokens:write")
    ResponseEntity<CreateTokenResponse> create(Actor actor, @RequestBody CreateTokenRequest request) {
        Duration lifetime = request.lifetimeSeconds() == null ? null : Duration.ofSeconds(request.lifetimeSeconds());
        return issued(tokens.create(actor, new CreateTokenCommand(request.comment(), lifetime, request.scopes())));
    }

    private ResponseEntity<CreateTokenResponse> issued(IssuedToken issued) {
        // The secret is in this response only: nothing on the way may keep a copy.
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new CreateTokenResponse(
                        issued.secret().reveal(), PublicTokenInfo.of(issued.token(), clock.instant())));
    }

    @GetMapping("/list")
    @RequiresPermission("tokens:read")
    ListTokensResponse list(Actor actor) {
        return new ListTokensResponse(tokens.listOwn(actor).stream()
                .map(token -> PublicTokenInfo.of(token, clock.instant()))
                .toList());
    }

    @PostMapping("/delete")
    @RequiresPermission("tokens:write")
    Map<String, Object> delete(Actor actor, @RequestBody TokenIdRequest request) {
        tokens.delete(actor, tokenId(request));
        return Map.of();
    }

    @PostMapping("/revoke")
    @RequiresPermission("tokens:write")
    Map<String, Object> revoke(Actor actor, @RequestBody TokenIdRequest request) {
        return Map.of("token_info", PublicTokenInfo.of(tokens.revoke(actor, tokenId(request)), clock.instant()));
    }

    /**
     * A new secret for one of the caller's own tokens, answered like create (the value only here). The old secret
     * keeps working for {@code grace_period_seconds} (default 0, at most 7 days, never beyond the expiry). Another
     * principal's token is unknown, as for delete.
     */
    @PostMapping("/rotate")
    @RequiresPermission("tokens:write")
    ResponseEntity<CreateTokenResponse> rotate(Actor actor, @RequestBody RotateOwnTokenRequest request) {
        TokenId id = tokenId(new TokenIdRequest(request.tokenId()));
        long grace = request.gracePeriodSeconds() == null ? 0 : request.gracePeriodSeconds();
        return issued(tokens.rotateOwn(actor, id, Duration.ofSeconds(grace)));
    }

    @PostMapping("/restore")
    @RequiresPermission("tokens:write")
    Map<String, Object> restore(Actor actor, @RequestBody TokenIdRequest request) {
        return Map.of("token_info", PublicTokenInfo.of(tokens.restore(actor, tokenId(request)), clock.instant()));
    }

    /**
     * Updates the caller's own token: {@code {"token": {…}, "update_mask": "scopes,comment"}} as the Databricks SDK's
     * {@code tokens().update} sends it, or Warden's {@code {"scopes": […]}}. Scopes are only ever narrowed. Answers
     * {@code {"token_info": …}} (the SDK expects an empty object and ignores the field).
     */
    @PatchMapping("/{token_id}")
    @RequiresPermission("tokens:write")
    Map<String, Object> update(
            Actor actor, @PathVariable("token_id") String tokenId, @RequestBody TokenUpdateRequest request) {
        TokenId id = tokenId(new TokenIdRequest(tokenId));
        return Map.of(
                "token_info",
                PublicTokenInfo.of(
                        tokens.update(actor, TokenTarget.own(id), request.toUpdate(id.value())), clock.instant()));
    }

    private static TokenId tokenId(TokenIdRequest request) {
        String value = request.tokenId();
        if (value == null || value.isBlank()) {
            throw new InvalidParameterException("token_id", "token_id is required.");
        }
        String trimmed = value.strip();
        if (trimmed.length() > TokenId.MAX_LENGTH) {
            throw new TokenNotFoundException(new TokenId(trimmed.substring(0, TokenId.MAX_LENGTH) + "…"));
        }
        return new TokenId(trimmed);
    }
}
