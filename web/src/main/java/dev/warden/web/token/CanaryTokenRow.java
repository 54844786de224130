package dev.warden.web.token;

import dev.warden.core.principal.Principal;
import dev.warden.core.token.AccessToken;
import dev.warden.web.console.PrincipalLink;
import java.time.Instant;

/**
 * One canary token in Admin Console → Access tokens → Canary tokens. Its last use is when it was last triggered
 * (the alarm records it); it has no scopes, and Revoke disarms it for good (no Restore, no Rotate).
 */
public record CanaryTokenRow(TokenFacts facts, PrincipalLink createdBy, String path) implements TokenFacts.Row {
    static CanaryTokenRow of(AccessToken token, Principal creator, String listPath, Instant now) {
        return new CanaryTokenRow(
                TokenFacts.of(token, false, now),
                PrincipalLink.ofNullable(creator),
                listPath + "/" + token.id().value());
    }

    public String revokeConfirm() {
        return "Revoke '" + name() + "'? It stays refused like any unknown token, but raises no alert any more; a"
                + " revoked canary cannot be restored.";
    }

    public String deleteConfirm() {
        return "Delete '" + name() + "' permanently? Its use will no longer raise an alert.";
    }
}
