package dev.warden.persistence.principal;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("principal")
record PrincipalRow(@Id Long id, Long workspaceId, String kind, String userName, String applicationId,
                    String displayName, boolean active, String passwordHash, String email, String givenName,
                    String familyName, String externalId, Instant createdAt) {
}
