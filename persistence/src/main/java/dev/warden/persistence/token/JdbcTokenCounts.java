package dev.warden.persistence.token;

import dev.warden.core.principal.PrincipalId;
import dev.warden.core.token.ExpiringSoon;
import dev.warden.core.token.TokenCounts;
import dev.warden.core.token.TokenKind;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.Times;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The counts of the Access tokens tab: two grouped {@code COUNT}s over one workspace's tokens, the state worked out
 * as the token list filters do (revoked first, then expired, else active), "expiring soon" as {@link ExpiringSoon}
 * defines it. Nothing but numbers leaves the database.
 */
@Repository
class JdbcTokenCounts implements TokenCounts {
    private static final String BY_STATE = """
            SELECT state, COUNT(*) AS tokens, SUM(soon) AS soon
              FROM (SELECT CASE WHEN revoked_at IS NOT NULL THEN 'REVOKED'
                                WHEN expires_at IS NOT NULL AND expires_at <= :now THEN 'EXPIRED'
                                ELSE 'ACTIVE' END AS state,
                           CASE WHEN revoked_at IS NULL AND expires_at > :now AND expires_at < :soon
                                     AND kind IN (:soonKinds) THEN 1 ELSE 0 END AS soon
                      FROM access_token
                     WHERE workspace_id = :workspace) t
             GROUP BY state""";

    private static final String ACTIVE_BY_OWNER = """
            SELECT owner_id, COUNT(*) AS tokens
              FROM access_token
             WHERE workspace_id = :workspace AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > :now)
             GROUP BY owner_id""";

    private final JdbcClient jdbc;

    JdbcTokenCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The kinds that can expire soon ({@link ExpiringSoon#counts}), by their stored names. */
    static List<String> expiringSoonKinds() {
        return Arrays.stream(TokenKind.values())
                .filter(ExpiringSoon::counts)
                .map(Enum::name)
                .toList();
    }

    @Override
    public Counts count(WorkspaceId workspace, Instant now, ExpiringSoon soon) {
        Map<String, long[]> byState = new HashMap<>();
        jdbc.sql(BY_STATE)
                .param("workspace", workspace.value())
                .param("now", Times.toDatabase(now))
                .param("soon", Times.toDatabase(soon.until(now)))
                .param("soonKinds", expiringSoonKinds())
                .query(rs -> {
                    byState.put(rs.getString("state"), new long[] {rs.getLong("tokens"), rs.getLong("soon")});
                });
        Map<PrincipalId, Long> activeByOwner = new HashMap<>();
        jdbc.sql(ACTIVE_BY_OWNER)
                .param("workspace", workspace.value())
                .param("now", Times.toDatabase(now))
                .query(rs -> {
                    activeByOwner.put(new PrincipalId(rs.getLong("owner_id")), rs.getLong("tokens"));
                });
        long[] active = byState.getOrDefault("ACTIVE", new long[2]);
        return new Counts(
                active[0],
                active[1],
                byState.getOrDefault("REVOKED", new long[2])[0],
                byState.getOrDefault("EXPIRED", new long[2])[0],
                activeByOwner);
    }
}
