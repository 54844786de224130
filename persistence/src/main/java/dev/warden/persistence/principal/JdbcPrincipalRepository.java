package dev.warden.persistence.principal;

import dev.warden.core.filter.FilterAttribute;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalAttributes;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalQuery;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.shared.Page;
import dev.warden.core.shared.PageRequest;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.FilterSql;
import dev.warden.persistence.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class JdbcPrincipalRepository implements PrincipalRepository {
    private static final String COLUMNS = "id, workspace_id, kind, user_name, application_id, display_name, active,"
            + " password_hash, email, given_name, family_name, external_id";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM principal WHERE workspace_id = :workspace";

    private final JdbcClient jdbc;

    JdbcPrincipalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Principal> findById(WorkspaceId workspace, PrincipalId id) {
        return jdbc.sql(SELECT + " AND id = :id")
                .param("workspace", workspace.value())
                .param("id", id.value())
                .query(JdbcPrincipalRepository::toPrincipal)
                .optional();
    }

    @Override
    public Optional<Principal> findByUserName(WorkspaceId workspace, String userName) {
        return findBy(workspace, "user_name", userName);
    }

    @Override
    public Optional<Principal> findByApplicationId(WorkspaceId workspace, String applicationId) {
        return findBy(workspace, "application_id", applicationId);
    }

    /** A null value finds the principal without one (as the derived queries of the Spring Data version did). */
    private Optional<Principal> findBy(WorkspaceId workspace, String column, String value) {
        return jdbc.sql(SELECT + " AND " + column + (value == null ? " IS NULL" : " = :value"))
                .param("workspace", workspace.value())
                .param("value", value)
                .query(JdbcPrincipalRepository::toPrincipal)
                .optional();
    }

    @Override
    public List<Principal> findAllById(WorkspaceId workspace, Collection<PrincipalId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " AND id IN (:ids)")
                .param("workspace", workspace.value())
                .param("ids", ids.stream().map(PrincipalId::value).toList())
                .query(JdbcPrincipalRepository::toPrincipal)
                .list();
    }

    /**
     * One kind's principals matching the query, counted and paged in SQL. The SCIM filter becomes a condition of the
     * same statement ({@link FilterSql}), so paging and {@code totalResults} count only the matches; a sorted list
     * ends with the id, so pages neither repeat nor skip.
     */
    @Override
    public Page<Principal> search(WorkspaceId workspace, PrincipalKind kind, PrincipalQuery wanted, PageRequest page) {
        PrincipalQuery query = wanted == null ? PrincipalQuery.ALL : wanted; // the port: null lists everything
        StringBuilder where = new StringBuilder(" FROM principal WHERE workspace_id = :workspace AND kind = :kind");
        Map<String, Object> params = new HashMap<>();
        params.put("workspace", workspace.value());
        params.put("kind", kind.name());
        if (query.filter() != null) {
            where.append(" AND ")
                    .append(new FilterSql(
                                    JdbcPrincipalRepository::column, JdbcPrincipalRepository::lowerCased, params, "f")
                            .condition(query.filter()));
        }
        if (query.contains() != null) {
            where.append(" AND (UPPER(user_name) LIKE UPPER(:pattern) OR UPPER(display_name) LIKE UPPER(:pattern)"
                    + " OR UPPER(application_id) LIKE UPPER(:pattern))");
            params.put("pattern", "%" + FilterSql.escapeLike(query.contains().toLowerCase(Locale.ROOT)) + "%");
        }
        long total = jdbc.sql("SELECT COUNT(*)" + where)
                .params(params)
                .query(Long.class)
                .single();
        String order = query.sort() == null
                ? "display_name, id"
                : FilterSql.orderBy(
                        query.sort(), JdbcPrincipalRepository::column, JdbcPrincipalRepository::lowerCased, "id");
        List<Principal> items = page.limit() == 0
                ? List.of()
                : jdbc.sql("SELECT " + COLUMNS + where + " ORDER BY " + order + " LIMIT :limit OFFSET :offset")
                        .params(params)
                        .param("limit", page.limit())
                        .param("offset", page.offset())
                        .query(JdbcPrincipalRepository::toPrincipal)
                        .list();
        return new Page<>(items, total, page);
    }

    /**
     * Inserts a new principal (id null). Otherwise checks that it exists in its workspace (if not:
     * {@code NoSuchElementException}) and writes every column except the id, the workspace and the creation time,
     * which never change.
     */
    @Override
    public Principal save(Principal principal) {
        if (principal.id() == null) {
            KeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("""
                            INSERT INTO principal (workspace_id, kind, user_name, application_id, display_name,
                                                   active, password_hash, email, given_name, family_name,
                                                   external_id, created_at)
                            VALUES (:workspace, :kind, :userName, :applicationId, :displayName, :active,
                                    :passwordHash, :email, :givenName, :familyName, :externalId, :createdAt)""")
                    .params(columns(principal))
                    .param("createdAt", Times.toDatabase(now()))
                    .update(key, "id");
            return principal.withId(new PrincipalId(key.getKey().longValue()));
        }
        var unused = findById(principal.workspace(), principal.id()).orElseThrow();
        int updated = jdbc.sql("""
                        UPDATE principal
                           SET kind = :kind, user_name = :userName, application_id = :applicationId,
                               display_name = :displayName, active = :active, password_hash = :passwordHash,
                               email = :email, given_name = :givenName, family_name = :familyName,
                               external_id = :externalId
                         WHERE workspace_id = :workspace AND id = :id""")
                .params(columns(principal))
                .param("id", principal.id().value())
                .update();
        if (updated != 1) { // deleted since it was read
            throw new OptimisticLockingFailureException("principal " + principal.id() + " was not updated");
        }
        return principal;
    }

    /** Tokens, memberships and role assignments go with it (foreign keys ON DELETE CASCADE). */
    @Override
    public boolean delete(WorkspaceId workspace, PrincipalId id) {
        jdbc.sql("DELETE FROM access_token_scope WHERE workspace_id = :workspace AND token_id IN"
                        + " (SELECT token_id FROM access_token WHERE workspace_id = :workspace AND owner_id = :id)")
                .param("workspace", workspace.value())
                .param("id", id.value())
                .update();
        return jdbc.sql("DELETE FROM principal WHERE workspace_id = :workspace AND id = :id")
                        .param("workspace", workspace.value())
                        .param("id", id.value())
                        .update()
                == 1;
    }

    private static Map<String, Object> columns(Principal principal) {
        Map<String, Object> params = new HashMap<>();
        params.put("workspace", principal.workspace().value());
        params.put("kind", principal.kind().name());
        params.put("userName", principal.userName());
        params.put("applicationId", principal.applicationId());
        params.put("displayName", principal.displayName());
        params.put("active", principal.active());
        params.put("passwordHash", principal.passwordHash());
        params.put("email", principal.email());
        params.put("givenName", principal.givenName());
        params.put("familyName", principal.familyName());
        params.put("externalId", principal.externalId());
        return params;
    }

    /**
     * {@code user_name_lower}, generated by the database as {@code LOWER(user_name)} and indexed (migration V10), so
     * that {@code userName eq} and {@code sw}, and sorting by userName, read an index.
     */
    private static String lowerCased(FilterAttribute attribute) {
        return attribute.equals(PrincipalAttributes.USER_NAME) ? "user_name_lower" : null;
    }

    /** The column of each attribute SCIM filters and sorts principals on. */
    private static String column(FilterAttribute attribute) {
        if (attribute.equals(PrincipalAttributes.ID)) {
            return "id";
        }
        if (attribute.equals(PrincipalAttributes.USER_NAME)) {
            return "user_name";
        }
        if (attribute.equals(PrincipalAttributes.DISPLAY_NAME)) {
            return "display_name";
        }
        if (attribute.equals(PrincipalAttributes.GIVEN_NAME)) {
            return "given_name";
        }
        if (attribute.equals(PrincipalAttributes.FAMILY_NAME)) {
            return "family_name";
        }
        if (attribute.equals(PrincipalAttributes.EMAIL)) {
            return "email";
        }
        if (attribute.equals(PrincipalAttributes.APPLICATION_ID)) {
            return "application_id";
        }
        if (attribute.equals(PrincipalAttributes.EXTERNAL_ID)) {
            return "external_id";
        }
        if (attribute.equals(PrincipalAttributes.ACTIVE)) {
            return "active";
        }
        throw new IllegalArgumentException("principals have no column for " + attribute.name());
    }

    private static Instant now() {
        return Clock.systemUTC().instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Principal toPrincipal(ResultSet rs, int row) throws SQLException {
        return new Principal(
                new PrincipalId(rs.getLong("id")),
                new WorkspaceId(rs.getLong("workspace_id")),
                PrincipalKind.valueOf(rs.getString("kind")),
                rs.getString("user_name"),
                rs.getString("display_name"),
                rs.getBoolean("active"),
                rs.getString("password_hash"),
                rs.getString("application_id"),
                rs.getString("email"),
                rs.getString("given_name"),
                rs.getString("family_name"),
                rs.getString("external_id"));
    }
}
