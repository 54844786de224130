package dev.warden.persistence.workspace;

import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

interface WorkspaceRowRepository extends ListCrudRepository<WorkspaceRow, Long> {
    Optional<WorkspaceRow> findByName(String name);
}
