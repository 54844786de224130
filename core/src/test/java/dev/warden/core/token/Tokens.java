package dev.warden.core.token;

import dev.warden.core.group.GroupId;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.workspace.WorkspaceId;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Test data for tokens: {@code Tokens.aToken().ownedBy(ALICE).expiringIn(Duration.ofDays(30)).build()}.
 * Unless told otherwise a token is active, {@code all-apis}, in workspace 1, owned by principal 10,
 * created at {@link #CREATED_AT}, expires 30 days later, and has a fresh well-formed secret value.
 */
public final class Tokens {
    public static final WorkspaceId WORKSPACE = new WorkspaceId(1);
    public static final PrincipalId OWNER = new PrincipalId(10);
    public static final Instant CREATED_AT = Instant.parse("2025-01-01T00:00:00Z");
    public static final TokenFormat FORMAT = new TokenFormat(TokenFormat.DEFAULT_PREFIX);

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {}

    public static Builder aToken() {
        return new Builder();
    }

    /** A fresh, well-formed token value in the default format. */
    public static String aValue() {
        return FORMAT.generate(RANDOM).reveal();
    }

    public static final class Builder {
        private TokenId id = TokenId.random(RANDOM);
        private WorkspaceId workspace = WORKSPACE;
        private PrincipalId owner = OWNER;
        private PrincipalId createdBy;
        private String comment = "";
        private String value = aValue();
        private Set<Scope> scopes = Set.of(Scope.ALL_APIS);
        private Instant createdAt = CREATED_AT;
        private Duration lifetime = Duration.ofDays(30);
        private Instant expiresAt;
        private boolean neverExpires;
        private Instant revokedAt;
        private PrincipalId revokedBy;
        private TokenLastUse lastUse;
        private TokenKind kind = TokenKind.PERSONAL;
        private GroupId group;
        private String oauthSecret;

        private Builder() {}

        public Builder id(String value) {
            this.id = new TokenId(value);
            return this;
        }

        public Builder inWorkspace(WorkspaceId value) {
            this.workspace = value;
            return this;
        }

        public Builder ownedBy(PrincipalId value) {
            this.owner = value;
            return this;
        }

        public Builder createdBy(PrincipalId value) {
            this.createdBy = value;
            return this;
        }

        public Builder comment(String value) {
            this.comment = value;
            return this;
        }

        public Builder withValue(String tokenValue) {
            this.value = tokenValue;
            return this;
        }

        public Builder withScopes(Scope... values) {
            this.scopes = Set.of(values);
            return this;
        }

        public Builder createdAt(Instant value) {
            this.createdAt = value;
            return this;
        }

        /** Expiry relative to the creation time. */
        public Builder expiringIn(Duration value) {
            this.lifetime = value;
            this.expiresAt = null;
            this.neverExpires = false;
            return this;
        }

        public Builder expiringAt(Instant value) {
            this.expiresAt = value;
            this.neverExpires = false;
            return this;
        }

        public Builder neverExpiring() {
            this.neverExpires = true;
            return this;
        }

        public Builder revokedAt(Instant at, PrincipalId by) {
            this.revokedAt = at;
            this.revokedBy = by;
            return this;
        }

        public Builder lastUse(TokenLastUse value) {
            this.lastUse = value;
            return this;
        }

        public Builder kind(TokenKind value) {
            this.kind = value;
            return this;
        }
        /** An OAuth token obtained with the service principal secret of this id. */
        public Builder ofOAuthSecret(String secretId) {
            this.kind = TokenKind.OAUTH;
            this.oauthSecret = secretId;
            return this;
        }

        /** A group token of this group. */
        public Builder ofGroup(GroupId value) {
            this.kind = TokenKind.GROUP;
            this.group = value;
            return this;
        }

        /** The clear-text value whose digest the token will hold. */
        public String value() {
            return value;
        }

        public AccessToken build() {
            TokenSecret secret = new TokenSecret(value);
            Instant expiry = neverExpires ? null : expiresAt != null ? expiresAt : createdAt.plus(lifetime);
            return AccessToken.builder()
                    .id(id)
                    .workspace(workspace)
                    .owner(owner)
                    .createdBy(createdBy == null ? owner : createdBy)
                    .comment(comment)
                    .digest(secret.digest())
                    .displayHint(secret.displayHint(FORMAT.prefix()))
                    .scopes(scopes)
                    .createdAt(createdAt)
                    .expiresAt(expiry)
                    .revoked(revokedAt, revokedBy)
                    .lastUse(lastUse)
                    .kind(kind)
                    .group(group)
                    .oauthSecret(oauthSecret)
                    .build();
        }
    }
}
