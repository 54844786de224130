package dev.warden.persistence.workspace;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("workspace")
record WorkspaceRow(@Id Long id, String name, Instant createdAt) {
}
