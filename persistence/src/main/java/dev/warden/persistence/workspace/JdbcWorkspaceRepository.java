package dev.warden.persistence.workspace;

import dev.warden.core.workspace.Workspace;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.stereotype.Repository;

@Repository
class JdbcWorkspaceRepository implements WorkspaceRepository {
    private final WorkspaceRowRepository rows;

    JdbcWorkspaceRepository(WorkspaceRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public Optional<Workspace> findByName(String name) {
        return rows.findByName(name).map(JdbcWorkspaceRepository::toDomain);
    }

    @Override
    public boolean isEmpty() {
        return rows.count() == 0;
    }

    @Override
    public Workspace create(String name) {
        return toDomain(rows.save(new WorkspaceRow(null, name, Clock.systemUTC().instant().truncatedTo(ChronoUnit.MICROS))));
    }

    private static Workspace toDomain(WorkspaceRow row) {
        return new Workspace(new WorkspaceId(row.id()), row.name());
    }
}
