package dev.warden.web.token;

import dev.warden.core.access.TokenSuspensions;
import dev.warden.core.access.TokenSuspensions.OwnerSuspensions;
import dev.warden.core.group.GroupId;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalNames;
import dev.warden.core.shared.InvalidStateException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.shared.Validation;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TechnicalToken;
import dev.warden.core.token.TechnicalTokenService;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenNotFoundException;
import dev.warden.web.shared.ApiController;
import dev.warden.web.shared.RequiresPermission;
import dev.warden.web.token.TechnicalTokenModels.CreateTechnicalTokenRequest;
import dev.warden.web.token.TechnicalTokenModels.GetTechnicalTokenResponse;
import dev.warden.web.token.TechnicalTokenModels.IssuedTechnicalTokenResponse;
import dev.warden.web.token.TechnicalTokenModels.ListTechnicalTokensResponse;
import dev.warden.web.token.TechnicalTokenModels.TechnicalTokenInfo;
import dev.warden.web.token.TechnicalTokenModels.TechnicalUser;
import dev.warden.web.token.TokenManagementModels.TokenInfo;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Organisation and group tokens: each is owned by a technical user created with it, holding the role chosen at
 * creation, and deleted with it. Workspace admins create and list organisation tokens here and revoke, restore,
 * rotate and delete them through {@code /token-management/tokens/{token_id}}; a group's admins manage its group
 * tokens under {@code /groups/{group_id}/tokens}, where another group's token answers 404.
 */
@ApiController
@Tag(
        name = "Organisation and group tokens",
        description = "Tokens owned by technical users that hold a workspace" + " or group role (Warden extension)")
@RequestMapping(path = "/api/2.0", produces = "application/json")
class TechnicalTokenApiController {
    private final TechnicalTokenService technical;
    private final PrincipalNames principals;
    private final TokenSuspensions suspensions;
    private final Clock clock;

    TechnicalTokenApiController(
            TechnicalTokenService technical, PrincipalNames principals, TokenSuspensions suspensions, Clock clock) {
        this.technical = technical;
        this.principals = principals;
        this.suspensions = suspensions;
        this.clock = clock;
    }

    @PostMapping("/token-management/organisation-tokens")
    @RequiresPermission("token-management:write")
    ResponseEntity<IssuedTechnicalTokenResponse> createOrganisationToken(
            Actor actor, @RequestBody CreateTechnicalTokenRequest request) {
        return issued(actor, technical.createOrganisationToken(actor, command(request), request.role()), request);
    }

    @GetMapping("/token-management/organisation-tokens")
    @RequiresPermission("token-management:read")
    ListTechnicalTokensResponse organisationTokens(Actor actor) {
        return new ListTechnicalTokensResponse(describe(actor, technical.organisationTokens(actor)));
    }

    @PostMapping("/groups/{group_id}/tokens")
    @RequiresPermission(value = "token-management:write", group = "group_id")
    ResponseEntity<IssuedTechnicalTokenResponse> createGroupToken(
            Actor actor, @PathVariable("group_id") String groupId, @RequestBody CreateTechnicalTokenRequest request) {
        return issued(
                actor, technical.createGroupToken(actor, groupId(groupId), command(request), request.role()), request);
    }

    @GetMapping("/groups/{group_id}/tokens")
    @RequiresPermission(value = "token-management:read", group = "group_id")
    ListTechnicalTokensResponse groupTokens(Actor actor, @PathVariable("group_id") String groupId) {
        return new ListTechnicalTokensResponse(describe(actor, technical.groupTokens(actor, groupId(groupId))));
    }

    @GetMapping("/groups/{group_id}/tokens/{token_id}")
    @RequiresPermission(value = "token-management:read", group = "group_id")
    GetTechnicalTokenResponse groupToken(
            Actor actor, @PathVariable("group_id") String groupId, @PathVariable("token_id") String tokenId) {
        return wrap(actor, technical.get(actor, groupId(groupId), tokenId(tokenId)));
    }

    @PostMapping("/groups/{group_id}/tokens/{token_id}/revoke")
    @RequiresPermission(value = "token-management:write", group = "group_id")
    GetTechnicalTokenResponse revoke(
            Actor actor, @PathVariable("group_id") String groupId, @PathVariable("token_id") String tokenId) {
        return wrap(actor, technical.revoke(actor, groupId(groupId), tokenId(tokenId)));
    }

    @PostMapping("/groups/{group_id}/tokens/{token_id}/restore")
    @RequiresPermission(value = "token-management:write", group = "group_id")
    GetTechnicalTokenResponse restore(
            Actor actor, @PathVariable("group_id") String groupId, @PathVariable("token_id") String tokenId) {
        return wrap(actor, technical.restore(actor, groupId(groupId), tokenId(tokenId)));
    }

    /** Permanent: the token stops at once and its technical user is deleted with it. */
    @DeleteMapping("/groups/{group_id}/tokens/{token_id}")
    @RequiresPermission(value = "token-management:write", group = "group_id")
    Map<String, Object> delete(
            Actor actor, @PathVariable("group_id") String groupId, @PathVariable("token_id") String tokenId) {
        technical.delete(actor, groupId(groupId), tokenId(tokenId));
        return Map.of();
    }

    private static CreateTokenCommand command(CreateTechnicalTokenRequest request) {
        Duration lifetime = request.lifetimeSeconds() == null ? null : Duration.ofSeconds(request.lifetimeSeconds());
        return new CreateTokenCommand(request.comment(), lifetime, request.scopes());
    }

    /** The service accepted the role, so the request names it exactly (but for surrounding blanks). */
    private ResponseEntity<IssuedTechnicalTokenResponse> issued(
            Actor actor, IssuedToken issued, CreateTechnicalTokenRequest request) {
        AccessToken token = issued.token();
        Principal user = principals
                .find(actor.workspace(), token.owner())
                .orElseThrow(
                        () -> new InvalidStateException("The technical user of token " + token.id() + " is missing."));
        TechnicalTokenInfo info = describe(
                        actor,
                        List.of(new TechnicalToken(token, user, request.role().strip())))
                .get(0);
        // The secret is in this response only: nothing on the way may keep a copy.
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new IssuedTechnicalTokenResponse(issued.secret().reveal(), info));
    }

    private GetTechnicalTokenResponse wrap(Actor actor, TechnicalToken token) {
        return new GetTechnicalTokenResponse(describe(actor, List.of(token)).get(0));
    }

    private List<TechnicalTokenInfo> describe(Actor actor, List<TechnicalToken> found) {
        Instant now = clock.instant();
        List<AccessToken> tokens = found.stream().map(TechnicalToken::token).toList();
        Map<PrincipalId, Principal> named = principals.byId(
                actor.workspace(), tokens.stream().map(AccessToken::createdBy).toList());
        OwnerSuspensions suspended = suspensions.of(actor.workspace(), tokens);
        return found.stream()
                .map(t -> new TechnicalTokenInfo(
                        TokenInfo.of(
                                t.token(),
                                named.get(t.token().createdBy()),
                                suspended.of(t.token(), now).orElse(null),
                                now),
                        t.token().group() == null ? null : t.token().group().value(),
                        TechnicalUser.of(t.technicalUser()),
                        t.role()))
                .toList();
    }

    /** A path value that is no group id names no group. */
    private static GroupId groupId(String value) {
        try {
            return new GroupId(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            throw new ResourceNotFoundException("Group " + Validation.shorten(value.strip()) + " does not exist.");
        }
    }

    private static TokenId tokenId(String value) {
        String trimmed = value.strip();
        if (trimmed.length() > TokenId.MAX_LENGTH) {
            throw new TokenNotFoundException(new TokenId(trimmed.substring(0, TokenId.MAX_LENGTH) + "…"));
        }
        return new TokenId(trimmed);
    }
}
