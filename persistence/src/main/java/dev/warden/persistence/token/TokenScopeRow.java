package dev.warden.persistence.token;

import org.springframework.data.relational.core.mapping.Table;

@Table("access_token_scope")
record TokenScopeRow(Long workspaceId, String scope) {
}
