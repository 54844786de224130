package dev.warden.persistence.principal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

interface PrincipalRowRepository extends ListCrudRepository<PrincipalRow, Long> {
    Optional<PrincipalRow> findByWorkspaceIdAndId(Long workspaceId, Long id);

    Optional<PrincipalRow> findByWorkspaceIdAndUserName(Long workspaceId, String userName);

    Optional<PrincipalRow> findByWorkspaceIdAndApplicationId(Long workspaceId, String applicationId);

    List<PrincipalRow> findByWorkspaceIdAndIdIn(Long workspaceId, Collection<Long> ids);
}
