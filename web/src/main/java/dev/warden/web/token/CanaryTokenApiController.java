package dev.warden.web.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.PrincipalNames;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TokenManagementService;
import dev.warden.web.shared.ApiController;
import dev.warden.web.shared.RequiresPermission;
import dev.warden.web.token.TokenManagementModels.IssuedTokenResponse;
import dev.warden.web.token.TokenManagementModels.TokenInfo;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Creates canary tokens: values that look like every Warden token, never authenticate, and raise an alert when
 * anybody presents one. They are listed, revoked and deleted through token management ({@code kind=CANARY}).
 */
@ApiController
@Tag(name = "Canary tokens", description = "Tripwire tokens: refused like unknown tokens, alerted on any use")
@RequestMapping(path = "/api/2.0/canary-tokens", produces = "application/json")
class CanaryTokenApiController {
    private final TokenManagementService management;
    private final PrincipalNames principals;
    private final Clock clock;

    CanaryTokenApiController(TokenManagementService management, PrincipalNames principals, Clock clock) {
        this.management = management;
        this.principals = principals;
        this.clock = clock;
    }

    /** @param lifetimeSeconds optional: left out, the canary never expires */
    record CreateCanaryRequest(
            String comment,
            @JsonProperty("lifetime_seconds") Long lifetimeSeconds) {}

    @PostMapping
    @RequiresPermission("token-management:write")
    @Operation(
            summary = "Create a canary token owned by the caller: no scopes, outside the quota, never expiring unless"
                    + " lifetime_seconds says so. Its value is in this response only.")
    ResponseEntity<IssuedTokenResponse> create(Actor actor, @RequestBody CreateCanaryRequest request) {
        IssuedToken issued = management.createCanary(actor, request.comment(), request.lifetimeSeconds());
        var creator = principals
                .byId(actor.workspace(), Set.of(issued.token().createdBy()))
                .get(issued.token().createdBy());
        // The secret is in this response only: nothing on the way may keep a copy.
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new IssuedTokenResponse(
                        issued.secret().reveal(), TokenInfo.of(issued.token(), creator, null, clock.instant())));
    }
}
