package dev.warden.core.notice;

import dev.warden.core.group.GroupId;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenKind;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Instant;

/** The little a notice needs of an active token that will expire (never its secret nor its digest). */
public record ExpiringToken(
        TokenId id,
        WorkspaceId workspace,
        TokenKind kind,
        PrincipalId owner,
        PrincipalId createdBy,
        GroupId group,
        String comment,
        Instant expiresAt) {

    /** What a notice or an alert needs of this token ({@code expiresAt} null when it never expires). */
    public static ExpiringToken of(AccessToken token) {
        return new ExpiringToken(
                token.id(),
                token.workspace(),
                token.kind(),
                token.owner(),
                token.createdBy(),
                token.group(),
                token.comment(),
                token.expiresAt());
    }
}
