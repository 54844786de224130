package dev.warden.persistence.token;

import java.time.Instant;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

@Table("access_token")
record TokenRow(@Id String tokenId, Long workspaceId, String secretHash, String displayHint, Long ownerId,
                Long createdById, String comment, Instant createdAt, Instant expiresAt, Instant revokedAt,
                Long revokedById, String revocationAuthority, Instant lastUsedAt, String lastUsedAddress, String lastUsedAgent, String kind, Long groupId,
                String previousSecretHash, Instant previousValidUntil, Instant rotatedAt,
                @MappedCollection(idColumn = "token_id") Set<TokenScopeRow> scopes) {
}
