package dev.warden.web.token;

import dev.warden.core.access.TokenSuspensions;
import dev.warden.core.access.TokenSuspensions.OwnerSuspensions;
import dev.warden.core.notice.TokenHealthService;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalNames;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TokenCursor;
import dev.warden.core.token.TokenFilter;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenManagementService;
import dev.warden.core.token.TokenNotFoundException;
import dev.warden.core.token.TokenSort;
import dev.warden.web.shared.ApiController;
import dev.warden.web.shared.RequiresPermission;
import dev.warden.web.token.TokenManagementModels.CreateOboTokenRequest;
import dev.warden.web.token.TokenManagementModels.GetTokenResponse;
import dev.warden.web.token.TokenManagementModels.IssuedTokenResponse;
import dev.warden.web.token.TokenManagementModels.ListTokensResponse;
import dev.warden.web.token.TokenManagementModels.RotateTokenRequest;
import dev.warden.web.token.TokenManagementModels.TokenInfo;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Every token of the workspace, for admins (Databricks {@code token-management}), plus Warden's revoke, restore
 * and rotate. {@code GET /tokens} pages by keyset: with {@code page_size} it answers one page and a
 * {@code next_page_token} when more exist; without it (as the Databricks SDK calls it) it walks the pages itself
 * and answers up to {@link #UNPAGED_CAP} tokens at once, with a {@code next_page_token} only beyond that.
 */
@ApiController
@Tag(
        name = "Token management",
        description =
                "Every token of the workspace, for admins (Databricks dialect," + " plus revoke, restore and rotate)")
@RequestMapping(path = "/api/2.0/token-management", produces = "application/json")
class TokenManagementApiController {
    /** The most tokens one unpaged list answers. */
    static final int UNPAGED_CAP = 10_000;

    private final TokenManagementService management;
    private final PrincipalNames principals;
    private final TokenSuspensions suspensions;
    private final TokenHealthService health;
    private final Clock clock;

    TokenManagementApiController(
            TokenManagementService management,
            PrincipalNames principals,
            TokenSuspensions suspensions,
            TokenHealthService health,
            Clock clock) {
        this.management = management;
        this.principals = principals;
        this.suspensions = suspensions;
        this.health = health;
        this.clock = clock;
    }

    @PostMapping("/on-behalf-of/tokens")
    @RequiresPermission("token-management:write")
    ResponseEntity<IssuedTokenResponse> createOnBehalfOf(Actor actor, @RequestBody CreateOboTokenRequest request) {
        Duration lifetime = request.lifetimeSeconds() == null ? null : Duration.ofSeconds(request.lifetimeSeconds());
        IssuedToken issued = management.createOnBehalfOf(
                actor, request.applicationId(), new CreateTokenCommand(request.comment(), lifetime, request.scopes()));
        return issued(actor, issued);
    }

    @GetMapping("/tokens")
    @RequiresPermission("token-management:read")
    // the query is read as a map (TokenListQuery); these describe what it reads
    @Parameter(name = "owner_id", in = ParameterIn.QUERY, schema = @Schema(type = "integer", format = "int64"))
    @Parameter(name = "created_by_id", in = ParameterIn.QUERY, schema = @Schema(type = "integer", format = "int64"))
    @Parameter(name = "created_by_username", in = ParameterIn.QUERY, schema = @Schema(type = "string"))
    @Parameter(
            name = "status",
            in = ParameterIn.QUERY,
            description = "SUSPENDED: active tokens a policy stops now (tokens off, owner inactive, no token usage)",
            schema =
                    @Schema(
                            type = "string",
                            allowableValues = {"ACTIVE", "REVOKED", "EXPIRED", "SUSPENDED"}))
    @Parameter(name = "kind", in = ParameterIn.QUERY, schema = @Schema(implementation = TokenKind.class))
    @Parameter(name = "scope", in = ParameterIn.QUERY, schema = @Schema(type = "string"))
    @Parameter(
            name = "expiring_within_days",
            in = ParameterIn.QUERY,
            schema = @Schema(type = "integer", minimum = "0", maximum = "36500"))
    @Parameter(
            name = "expiring_soon",
            in = ParameterIn.QUERY,
            description = "true: active tokens expiring within the workspace's longest notice lead time (7 days with"
                    + " notices off); OAuth access tokens are never counted",
            schema = @Schema(type = "boolean"))
    @Parameter(
            name = "unused_for_days",
            in = ParameterIn.QUERY,
            schema = @Schema(type = "integer", minimum = "0", maximum = "36500"))
    @Parameter(name = "never_used", in = ParameterIn.QUERY, schema = @Schema(type = "boolean"))
    @Parameter(name = "sort", in = ParameterIn.QUERY, schema = @Schema(implementation = TokenSort.class))
    @Parameter(name = "page_size", in = ParameterIn.QUERY, schema = @Schema(type = "integer", minimum = "1"))
    @Parameter(name = "page_token", in = ParameterIn.QUERY, schema = @Schema(type = "string"))
    ListTokensResponse list(Actor actor, @Parameter(hidden = true) @RequestParam Map<String, String> query) {
        Instant now = clock.instant();
        boolean onlySuspended = TokenListQuery.suspendedOnly(query);
        boolean expiringSoon = TokenListQuery.expiringSoon(query);
        TokenFilter filter =
                TokenListQuery.filter(TokenListQuery.stored(query), now, name -> creatorByName(actor, name));
        if (filter == null) {
            return new ListTokensResponse(List.of(), null); // a created_by_username nobody has
        }
        if (expiringSoon) {
            filter = filter.expiringSoon(health.expiringSoon(actor.workspace()));
        }
        Integer pageSize = TokenListQuery.pageSize(query);
        TokenSort sort = TokenListQuery.sort(query);
        TokenCursor cursor = TokenListQuery.cursor(query, sort);
        List<AccessToken> found = new ArrayList<>();
        int wanted = pageSize == null ? UNPAGED_CAP : pageSize;
        boolean more;
        while (true) {
            int limit = Math.min(TokenManagementService.MAX_PAGE, wanted - found.size());
            List<AccessToken> page = management.list(actor, filter, sort, cursor, limit);
            if (onlySuspended) {
                // the active ones a policy stops now; a page may then hold fewer than page_size (or none)
                OwnerSuspensions stopped = suspensions.of(actor.workspace(), page);
                page.stream().filter(t -> stopped.of(t, now).isPresent()).forEach(found::add);
            } else {
                found.addAll(page);
            }
            if (page.isEmpty()) {
                more = false;
                break;
            }
            cursor = TokenCursor.after(page.get(page.size() - 1), sort);
            if (page.size() < limit) {
                more = false;
                break;
            }
            if (found.size() >= wanted) {
                more = !management.list(actor, filter, sort, cursor, 1).isEmpty();
                break;
            }
        }
        return new ListTokensResponse(
                describe(actor, found, now), more ? TokenListQuery.pageToken(cursor, sort) : null);
    }

    @GetMapping("/tokens/{token_id}")
    @RequiresPermission("token-management:read")
    GetTokenResponse get(Actor actor, @PathVariable("token_id") String tokenId) {
        return wrap(actor, management.get(actor, tokenId(tokenId)));
    }

    @DeleteMapping("/tokens/{token_id}")
    @RequiresPermission("token-management:write")
    Map<String, Object> delete(Actor actor, @PathVariable("token_id") String tokenId) {
        management.delete(actor, tokenId(tokenId));
        return Map.of();
    }

    /**
     * Updates any token of the workspace: {@code {"token": {…}, "update_mask": "scopes,comment"}} as the Databricks
     * SDK's {@code updateTokenManagement} sends it, answered with the bare TokenInfo it reads; or Warden's
     * {@code {"scopes": […]}}, answered {@code {"token_info": …}} as before. Scopes are only ever narrowed.
     */
    @PatchMapping("/tokens/{token_id}")
    @RequiresPermission("token-management:write")
    @ApiResponse(
            responseCode = "200",
            description = "TokenInfo (with update_mask), or {\"token_info\": TokenInfo} (with scopes only)",
            content = @Content(schema = @Schema(implementation = TokenInfo.class)))
    Object update(Actor actor, @PathVariable("token_id") String tokenId, @RequestBody TokenUpdateRequest request) {
        TokenId id = tokenId(tokenId);
        GetTokenResponse updated = wrap(actor, management.update(actor, id, request.toUpdate(id.value())));
        return request.fieldMaskShape() ? updated.tokenInfo() : updated;
    }

    @PostMapping("/tokens/{token_id}/revoke")
    @RequiresPermission("token-management:write")
    GetTokenResponse revoke(Actor actor, @PathVariable("token_id") String tokenId) {
        return wrap(actor, management.revoke(actor, tokenId(tokenId)));
    }

    @PostMapping("/tokens/{token_id}/restore")
    @RequiresPermission("token-management:write")
    GetTokenResponse restore(Actor actor, @PathVariable("token_id") String tokenId) {
        return wrap(actor, management.restore(actor, tokenId(tokenId)));
    }

    /** A new secret for the same token; the old one works for {@code grace_period_seconds} (default 0, at most 7 days). */
    @PostMapping("/tokens/{token_id}/rotate")
    @RequiresPermission("token-management:write")
    ResponseEntity<IssuedTokenResponse> rotate(
            Actor actor,
            @PathVariable("token_id") String tokenId,
            @RequestBody(required = false) RotateTokenRequest request) {
        long grace = request == null || request.gracePeriodSeconds() == null ? 0 : request.gracePeriodSeconds();
        return issued(actor, management.rotate(actor, tokenId(tokenId), Duration.ofSeconds(grace)));
    }

    private ResponseEntity<IssuedTokenResponse> issued(Actor actor, IssuedToken issued) {
        // The secret is in this response only: nothing on the way may keep a copy.
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new IssuedTokenResponse(
                        issued.secret().reveal(),
                        describe(actor, List.of(issued.token()), clock.instant())
                                .get(0)));
    }

    private GetTokenResponse wrap(Actor actor, AccessToken token) {
        return new GetTokenResponse(
                describe(actor, List.of(token), clock.instant()).get(0));
    }

    private List<TokenInfo> describe(Actor actor, List<AccessToken> tokens, Instant now) {
        Set<PrincipalId> creators = new HashSet<>();
        tokens.forEach(token -> creators.add(token.createdBy()));
        Map<PrincipalId, Principal> named = principals.byId(actor.workspace(), creators);
        OwnerSuspensions suspended = suspensions.of(actor.workspace(), tokens);
        return tokens.stream()
                .map(token -> TokenInfo.of(
                        token,
                        named.get(token.createdBy()),
                        suspended.of(token, now).orElse(null),
                        now))
                .toList();
    }

    /** A user by userName, else a service principal by applicationId; null when neither exists. */
    private PrincipalId creatorByName(Actor actor, String name) {
        return principals
                .byUserNameOrApplicationId(actor.workspace(), name)
                .map(Principal::id)
                .orElse(null);
    }

    private static TokenId tokenId(String value) {
        String trimmed = value.strip();
        if (trimmed.length() > TokenId.MAX_LENGTH) {
            throw new TokenNotFoundException(new TokenId(trimmed.substring(0, TokenId.MAX_LENGTH) + "…"));
        }
        return new TokenId(trimmed);
    }
}
