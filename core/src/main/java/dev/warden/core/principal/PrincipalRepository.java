package dev.warden.core.principal;

import dev.warden.core.shared.Page;
import dev.warden.core.shared.PageRequest;
import dev.warden.core.workspace.WorkspaceId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Port for principals; every lookup is scoped by workspace. */
public interface PrincipalRepository {
    Optional<Principal> findById(WorkspaceId workspace, PrincipalId id);

    Optional<Principal> findByUserName(WorkspaceId workspace, String userName);

    Optional<Principal> findByApplicationId(WorkspaceId workspace, String applicationId);

    List<Principal> findAllById(WorkspaceId workspace, Collection<PrincipalId> ids);

    /**
     * The principals of these ids, by id, in one read (nulls and repeats in {@code ids} are fine); an id of no
     * principal in the workspace is absent from the map.
     */
    default Map<PrincipalId, Principal> byId(WorkspaceId workspace, Collection<PrincipalId> ids) {
        Set<PrincipalId> wanted = ids.stream().filter(Objects::nonNull).collect(Collectors.toSet());
        if (wanted.isEmpty()) {
            return Map.of();
        }
        return findAllById(workspace, wanted).stream()
                .collect(Collectors.toMap(Principal::id, Function.identity(), (a, b) -> a));
    }

    /**
     * Principals of one kind, ordered by display name then id.
     * @param query matched case-insensitively against user name, display name and application id; null for all
     */
    Page<Principal> search(WorkspaceId workspace, PrincipalKind kind, PrincipalQuery query, PageRequest page);

    /** Inserts a new principal (id null) or updates an existing one; returns it with its id. */
    Principal save(Principal principal);

    /** Deletes the principal with its tokens, memberships and role assignments; false when there was none. */
    boolean delete(WorkspaceId workspace, PrincipalId id);
}
