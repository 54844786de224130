package dev.warden.persistence.token;

import java.util.List;
import java.util.Optional;
import org.springframework.data.repository.ListCrudRepository;

interface TokenRowRepository extends ListCrudRepository<TokenRow, String> {
    Optional<TokenRow> findByWorkspaceIdAndTokenId(Long workspaceId, String tokenId);

    Optional<TokenRow> findBySecretHash(String secretHash);

    List<TokenRow> findByWorkspaceIdAndOwnerIdOrderByCreatedAtDescTokenIdDesc(Long workspaceId, Long ownerId);
}
