package dev.warden.persistence.token;

import dev.warden.core.token.TokenCensus;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenStatus;
import dev.warden.persistence.Times;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The token counts of the metrics endpoint: one grouped {@code COUNT(*)} over {@code access_token}, the status
 * worked out as the token list filters do (revoked first, then expired, else active). A full scan, so it is asked
 * for by the metrics scrape, with its answer kept a while (web's {@code TokenGauges}), never by a request.
 */
@Repository
class JdbcTokenCensus implements TokenCensus {
    private static final String COUNT = """
            SELECT kind, status, COUNT(*) AS tokens
              FROM (SELECT kind,
                           CASE WHEN revoked_at IS NOT NULL THEN 'REVOKED'
                                WHEN expires_at IS NOT NULL AND expires_at <= :now THEN 'EXPIRED'
                                ELSE 'ACTIVE' END AS status
                      FROM access_token) t
             GROUP BY kind, status""";

    private final JdbcClient jdbc;

    JdbcTokenCensus(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Count> count(Instant now) {
        return jdbc.sql(COUNT)
                .param("now", Times.toDatabase(now))
                .query((rs, row) -> new Count(
                        TokenKind.valueOf(rs.getString("kind")),
                        TokenStatus.valueOf(rs.getString("status")),
                        rs.getLong("tokens")))
                .list();
    }
}
