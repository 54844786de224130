package dev.warden.persistence.token;

import dev.warden.core.permission.Scope;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenDigest;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenLastUse;
import dev.warden.core.workspace.WorkspaceId;
import java.util.stream.Collectors;

/** Maps between the token aggregate and its rows. */
final class TokenRows {
    private TokenRows() {
    }

    static TokenRow toRow(AccessToken token) {
        long workspace = token.workspace().value();
        TokenLastUse lastUse = token.lastUse();
        return new TokenRow(token.id().value(), workspace, token.digest().hex(), token.displayHint(),
                token.owner().value(), token.createdBy().value(), token.comment(), token.createdAt(),
                token.expiresAt(), token.revokedAt(), token.revokedBy() == null ? null : token.revokedBy().value(),
                lastUse == null ? null : lastUse.at(),
                lastUse == null ? null : lastUse.clientAddress(),
                lastUse == null ? null : lastUse.userAgent(),
                token.scopes().stream().map(scope -> new TokenScopeRow(workspace, scope.key())).collect(Collectors.toSet()));
    }

    static AccessToken toDomain(TokenRow row) {
        return AccessToken.builder()
                .id(new TokenId(row.tokenId()))
                .workspace(new WorkspaceId(row.workspaceId()))
                .owner(new PrincipalId(row.ownerId()))
                .createdBy(new PrincipalId(row.createdById()))
                .comment(row.comment())
                .digest(new TokenDigest(row.secretHash()))
                .displayHint(row.displayHint())
                .scopes(row.scopes().stream().map(s -> new Scope(s.scope())).collect(Collectors.toSet()))
                .createdAt(row.createdAt())
                .expiresAt(row.expiresAt())
                .revoked(row.revokedAt(), row.revokedById() == null ? null : new PrincipalId(row.revokedById()))
                .lastUse(row.lastUsedAt() == null ? null
                        : new TokenLastUse(row.lastUsedAt(), row.lastUsedAddress(), row.lastUsedAgent()))
                .build();
    }
}
