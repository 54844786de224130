package dev.warden.core.access;

import dev.warden.core.permission.Permission;
import java.util.List;
import java.util.Set;

/**
 * A token's scopes beside what it can do now: its effective permissions are its scopes ∩ its owner's current
 * permissions (at workspace or group scope), computed when asked, as every request computes them.
 */
public record ScopeReport(List<ScopeState> scopes, Set<Permission> effective) {
    public ScopeReport {
        scopes = List.copyOf(scopes);
        effective = Set.copyOf(effective);
    }

    public List<ScopeState> dead() {
        return scopes.stream().filter(state -> !state.live()).toList();
    }
}
