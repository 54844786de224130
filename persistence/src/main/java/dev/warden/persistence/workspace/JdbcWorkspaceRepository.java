package dev.warden.persistence.workspace;

import dev.warden.core.workspace.Workspace;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class JdbcWorkspaceRepository implements WorkspaceRepository {
    private final JdbcClient jdbc;

    JdbcWorkspaceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Workspace> findByName(String name) {
        return jdbc.sql("SELECT id, name FROM workspace WHERE name = :name")
                .param("name", name)
                .query(JdbcWorkspaceRepository::toWorkspace)
                .optional();
    }

    @Override
    public boolean isEmpty() {
        return jdbc.sql("SELECT COUNT(*) FROM workspace").query(Long.class).single() == 0;
    }

    @Override
    public Workspace create(String name) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO workspace (name, created_at) VALUES (:name, :now)")
                .param("name", name)
                .param("now", Times.toDatabase(Clock.systemUTC().instant().truncatedTo(ChronoUnit.MICROS)))
                .update(key, "id");
        long id = key.getKey().longValue();
        jdbc.sql("INSERT INTO authorization_version (workspace_id, version) VALUES (:workspace, 0)")
                .param("workspace", id)
                .update();
        return new Workspace(new WorkspaceId(id), name);
    }

    /**
     * The unique name decides: on MySQL and MariaDB the second insert waits for the first one's transaction and then
     * fails as a duplicate, so the caller that gets empty finds the winner's workspace committed.
     */
    @Override
    public Optional<Workspace> createIfAbsent(String name) {
        try {
            return Optional.of(create(name));
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    private static Workspace toWorkspace(ResultSet rs, int row) throws SQLException {
        return new Workspace(new WorkspaceId(rs.getLong("id")), rs.getString("name"));
    }
}
