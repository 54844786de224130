package dev.warden.web.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every row of the tables that hold Warden's state (tokens, directory, groups, roles and assignments, the token
 * usage list, settings), read straight from the database, to show that a run of requests changed none of it.
 */
public record DatabaseSnapshot(Map<String, List<String>> rows) {
    /** The state; the audit trail is not in it (reads and refusals write none, but that is another test's claim). */
    public static final List<String> TABLES = List.of(
            "workspace",
            "principal",
            "principal_group",
            "group_member",
            "role",
            "role_permission",
            "role_grant",
            "access_token",
            "access_token_scope",
            "token_usage_entry",
            "workspace_setting",
            "principal_entitlement",
            "group_entitlement",
            "registered_service",
            "service_scope");

    public static DatabaseSnapshot take(JdbcClient jdbc) {
        Map<String, List<String>> rows = new TreeMap<>();
        for (String table : TABLES) {
            List<String> described = new ArrayList<>();
            for (Map<String, Object> row :
                    jdbc.sql("SELECT * FROM " + table).query().listOfRows()) {
                Map<String, Object> kept = new TreeMap<>();
                row.forEach((column, value) -> {
                    // when and from where a token was last used changes with every authenticated request, by design
                    if (!column.toLowerCase(Locale.ROOT).startsWith("last_used")) {
                        kept.put(column.toLowerCase(Locale.ROOT), value);
                    }
                });
                described.add(kept.toString());
            }
            described.sort(String::compareTo);
            rows.put(table, described);
        }
        return new DatabaseSnapshot(rows);
    }

    public int rowCount() {
        return rows.values().stream().mapToInt(List::size).sum();
    }

    /** Per table that differs: the rows only {@code before} has and the rows only {@code after} has. */
    public Map<String, String> differencesTo(DatabaseSnapshot after) {
        Map<String, String> differences = new LinkedHashMap<>();
        rows.forEach((table, before) -> {
            List<String> now = after.rows().getOrDefault(table, List.of());
            List<String> gone = new ArrayList<>(before);
            gone.removeAll(now);
            List<String> added = new ArrayList<>(now);
            added.removeAll(before);
            if (!gone.isEmpty() || !added.isEmpty()) {
                differences.put(table, "removed or changed " + gone + ", added or changed " + added);
            }
        });
        return differences;
    }
}
