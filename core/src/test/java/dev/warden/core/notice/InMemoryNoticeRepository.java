package dev.warden.core.notice;

import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;

import dev.warden.core.token.TokenId;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The repository port in memory: the claims are a set, as the primary key is. */
public final class InMemoryNoticeRepository implements NoticeRepository {
    final List<ExpiringToken> tokens = new ArrayList<>();
    final Map<WorkspaceId, NoticeSettings> settings = new HashMap<>();
    final Set<String> claims = new HashSet<>();

    @Override
    public List<WorkspaceId> workspaces() {
        return List.of(WORKSPACE);
    }

    @Override
    public NoticeSettings settings(WorkspaceId workspace) {
        return settings.getOrDefault(workspace, NoticeSettings.DEFAULTS);
    }

    @Override
    public void saveSettings(WorkspaceId workspace, NoticeSettings value) {
        settings.put(workspace, value);
    }

    @Override
    public List<ExpiringToken> expiring(WorkspaceId workspace, Instant after, Instant until) {
        return tokens.stream()
                .filter(t -> t.workspace().equals(workspace)
                        && t.expiresAt().isAfter(after)
                        && !t.expiresAt().isAfter(until))
                .toList();
    }

    @Override
    public boolean claim(TokenId token, int leadDays, Instant at) {
        return claims.add(token.value() + "/" + leadDays);
    }

    @Override
    public void unclaim(TokenId token, int leadDays) {
        claims.remove(token.value() + "/" + leadDays);
    }

    @Override
    public boolean claimInactivity(TokenId token, Instant dueAt, int leadDays, Instant at) {
        return claims.add("inactivity/" + token.value() + "/" + dueAt + "/" + leadDays);
    }

    @Override
    public void unclaimInactivity(TokenId token, Instant dueAt, int leadDays) {
        claims.remove("inactivity/" + token.value() + "/" + dueAt + "/" + leadDays);
    }

    @Override
    public boolean inactivityClaimed(TokenId token, Instant dueAt, int leadDays) {
        return claims.contains("inactivity/" + token.value() + "/" + dueAt + "/" + leadDays);
    }
}
