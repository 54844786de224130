package dev.warden.web.access;

import dev.warden.core.access.ScopeReport;
import dev.warden.core.access.ScopeState;
import java.util.List;

/**
 * The token page's Scopes panel: every scope the token holds, each live or dead (with why), beside the token's
 * effective permissions (its scopes ∩ its owner's current permissions), in catalogue order.
 */
record ScopesPanelView(List<ScopeLine> scopes, List<PermissionLine> effective, long dead) {

    /** @param why for a dead scope, what took it away; null when live */
    record ScopeLine(String key, String description, boolean live, String why) {
        static ScopeLine of(ScopeState state) {
            return new ScopeLine(
                    state.scope().key(), state.description(), state.live(), state.live() ? null : state.why());
        }
    }

    record PermissionLine(String key, String description) {}

    static ScopesPanelView of(ScopeReport report) {
        List<ScopeLine> scopes = report.scopes().stream().map(ScopeLine::of).toList();
        List<PermissionLine> effective = report.effective().stream()
                .sorted()
                .map(p -> new PermissionLine(p.key(), p.description()))
                .toList();
        return new ScopesPanelView(
                scopes, effective, scopes.stream().filter(s -> !s.live()).count());
    }
}
