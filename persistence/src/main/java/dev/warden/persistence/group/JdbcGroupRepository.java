package dev.warden.persistence.group;

import dev.warden.core.filter.FilterAttribute;
import dev.warden.core.group.Group;
import dev.warden.core.group.GroupAttributes;
import dev.warden.core.group.GroupId;
import dev.warden.core.group.GroupQuery;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.shared.Page;
import dev.warden.core.shared.PageRequest;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.FilterSql;
import dev.warden.persistence.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class JdbcGroupRepository implements GroupRepository {
    private static final String COLUMNS = "id, workspace_id, display_name, external_id";

    private final JdbcClient jdbc;

    JdbcGroupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Group> findById(WorkspaceId workspace, GroupId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM principal_group WHERE workspace_id = :workspace AND id = :id")
                .param("workspace", workspace.value())
                .param("id", id.value())
                .query(JdbcGroupRepository::toGroup)
                .optional();
    }

    @Override
    public Optional<Group> findByDisplayName(WorkspaceId workspace, String displayName) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM principal_group WHERE workspace_id = :workspace"
                        + " AND display_name = :name")
                .param("workspace", workspace.value())
                .param("name", displayName)
                .query(JdbcGroupRepository::toGroup)
                .optional();
    }

    @Override
    public List<Group> findAllById(WorkspaceId workspace, Collection<GroupId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM principal_group WHERE workspace_id = :workspace AND id IN (:ids)")
                .param("workspace", workspace.value())
                .param("ids", ids.stream().map(GroupId::value).toList())
                .query(JdbcGroupRepository::toGroup)
                .list();
    }

    /** As the principals' search: the SCIM filter is a condition of the same statements, so paging stays exact. */
    @Override
    public Page<Group> search(WorkspaceId workspace, GroupQuery wanted, PageRequest page) {
        GroupQuery query = wanted == null ? GroupQuery.ALL : wanted;
        StringBuilder where = new StringBuilder(" FROM principal_group WHERE workspace_id = :workspace");
        Map<String, Object> params = new HashMap<>();
        params.put("workspace", workspace.value());
        if (query.filter() != null) {
            where.append(" AND ")
                    .append(new FilterSql(JdbcGroupRepository::column, params, "f").condition(query.filter()));
        }
        if (query.contains() != null) {
            where.append(" AND LOWER(display_name) LIKE :pattern");
            params.put("pattern", "%" + FilterSql.escapeLike(query.contains().toLowerCase(Locale.ROOT)) + "%");
        }
        long total = jdbc.sql("SELECT COUNT(*)" + where)
                .params(params)
                .query(Long.class)
                .single();
        String order = query.sort() == null
                ? "display_name, id"
                : FilterSql.orderBy(query.sort(), JdbcGroupRepository::column, "id");
        List<Group> items = page.limit() == 0
                ? List.of()
                : jdbc.sql("SELECT " + COLUMNS + where + " ORDER BY " + order + " LIMIT :limit OFFSET :offset")
                        .params(params)
                        .param("limit", page.limit())
                        .param("offset", page.offset())
                        .query(JdbcGroupRepository::toGroup)
                        .list();
        return new Page<>(items, total, page);
    }

    private static String column(FilterAttribute attribute) {
        if (attribute.equals(GroupAttributes.ID)) {
            return "id";
        }
        if (attribute.equals(GroupAttributes.DISPLAY_NAME)) {
            return "display_name";
        }
        if (attribute.equals(GroupAttributes.EXTERNAL_ID)) {
            return "external_id";
        }
        throw new IllegalArgumentException("groups have no column for " + attribute.name());
    }

    @Override
    public Group save(Group group) {
        if (group.id() != null) {
            jdbc.sql("UPDATE principal_group SET display_name = :name, external_id = :external"
                            + " WHERE workspace_id = :workspace AND id = :id")
                    .param("name", group.displayName())
                    .param("external", group.externalId())
                    .param("workspace", group.workspace().value())
                    .param("id", group.id().value())
                    .update();
            return group;
        }
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO principal_group (workspace_id, display_name, external_id, created_at)"
                        + " VALUES (:workspace, :name, :external, :now)")
                .param("workspace", group.workspace().value())
                .param("name", group.displayName())
                .param("external", group.externalId())
                .param("now", Times.toDatabase(now()))
                .update(key, "id");
        return group.withId(new GroupId(key.getKey().longValue()));
    }

    /** Memberships and the role assignments to or scoped to the group go with it (ON DELETE CASCADE). */
    @Override
    public boolean delete(WorkspaceId workspace, GroupId id) {
        return jdbc.sql("DELETE FROM principal_group WHERE workspace_id = :workspace AND id = :id")
                        .param("workspace", workspace.value())
                        .param("id", id.value())
                        .update()
                == 1;
    }

    @Override
    public List<PrincipalId> members(WorkspaceId workspace, GroupId group) {
        return jdbc.sql("SELECT principal_id FROM group_member WHERE workspace_id = :workspace AND group_id = :group"
                        + " ORDER BY principal_id")
                .param("workspace", workspace.value())
                .param("group", group.value())
                .query((rs, n) -> new PrincipalId(rs.getLong(1)))
                .list();
    }

    /** Inserts only when group and principal both belong to the workspace and the membership is new. */
    @Override
    public boolean addMember(WorkspaceId workspace, GroupId group, PrincipalId member) {
        return jdbc.sql("""
                        INSERT INTO group_member (group_id, principal_id, workspace_id, created_at)
                        SELECT g.id, p.id, g.workspace_id, :now
                          FROM principal_group g, principal p
                         WHERE g.workspace_id = :workspace AND g.id = :group
                           AND p.workspace_id = :workspace AND p.id = :member
                           AND NOT EXISTS (SELECT 1 FROM group_member m WHERE m.group_id = :group AND m.principal_id = :member)""")
                        .param("workspace", workspace.value())
                        .param("group", group.value())
                        .param("member", member.value())
                        .param("now", Times.toDatabase(now()))
                        .update()
                == 1;
    }

    @Override
    public boolean removeMember(WorkspaceId workspace, GroupId group, PrincipalId member) {
        return jdbc.sql("DELETE FROM group_member WHERE workspace_id = :workspace AND group_id = :group"
                                + " AND principal_id = :member")
                        .param("workspace", workspace.value())
                        .param("group", group.value())
                        .param("member", member.value())
                        .update()
                == 1;
    }

    @Override
    public List<Group> groupsOf(WorkspaceId workspace, PrincipalId member) {
        return jdbc.sql(
                        "SELECT g.id, g.workspace_id, g.display_name, g.external_id FROM principal_group g"
                                + " JOIN group_member m ON m.group_id = g.id"
                                + " WHERE m.workspace_id = :workspace AND m.principal_id = :member ORDER BY g.display_name, g.id")
                .param("workspace", workspace.value())
                .param("member", member.value())
                .query(JdbcGroupRepository::toGroup)
                .list();
    }

    private static Group toGroup(ResultSet rs, int row) throws SQLException {
        return new Group(
                new GroupId(rs.getLong("id")),
                new WorkspaceId(rs.getLong("workspace_id")),
                rs.getString("display_name"),
                rs.getString("external_id"));
    }

    private static java.time.Instant now() {
        return Clock.systemUTC().instant().truncatedTo(ChronoUnit.MICROS);
    }
}
