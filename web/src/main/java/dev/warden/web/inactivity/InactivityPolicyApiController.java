package dev.warden.web.inactivity;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.warden.core.inactivity.InactivityPolicy;
import dev.warden.core.principal.Actor;
import dev.warden.core.token.TokenId;
import dev.warden.web.shared.ApiController;
import dev.warden.web.shared.RequiresPermission;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What the inactivity policy would do today with {@code days} days, before the setting (the workspace-conf key {@code
 * revokeUnusedTokensAfterDays}) is saved: the same query and rule the policy's run uses.
 */
@ApiController
@Tag(name = "Inactivity policy", description = "Warden: preview of revoking tokens unused for N days")
@RequestMapping(path = "/api/2.0/inactivity-policy", produces = "application/json")
class InactivityPolicyApiController {
    private final InactivityPolicy policy;

    InactivityPolicyApiController(InactivityPolicy policy) {
        this.policy = policy;
    }

    record PreviewBody(
            @JsonProperty("days") int days,
            @JsonProperty("tokens_unused") int unused,
            @JsonProperty("tokens_revoked_today") int revokedToday,
            @JsonProperty("notices_to_send") int noticesToSend,
            @JsonProperty("revokes_from") String revokesFrom,
            @JsonProperty("token_ids") List<String> tokenIds) {}

    @GetMapping("/preview")
    @RequiresPermission("settings:read")
    PreviewBody preview(Actor actor, @RequestParam(name = InactivityPolicy.DAYS, required = false) String days) {
        InactivityPolicy.Preview preview = policy.preview(actor, days);
        return new PreviewBody(
                preview.days(),
                preview.unused(),
                preview.revokedToday(),
                preview.noticesToSend(),
                preview.startsAt().isAfter(Instant.EPOCH) ? preview.startsAt().toString() : null,
                preview.tokenIds().stream().map(TokenId::value).toList());
    }
}
