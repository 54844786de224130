package dev.warden.core.group;

import dev.warden.core.principal.PrincipalNames;
import dev.warden.core.workspace.WorkspaceId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Groups by id or by display name, in one workspace: to name the group of a token or of a token usage entry, and to
 * resolve a group name a request gives. Plain reads without a permission check, like {@link PrincipalNames};
 * {@link GroupService} is the checked way to read groups and their members.
 */
public final class GroupNames {
    private final GroupRepository groups;

    public GroupNames(GroupRepository groups) {
        this.groups = groups;
    }

    /**
     * The groups of these ids, by id, in one read (nulls and repeats in {@code ids} are fine); an id of no group in
     * the workspace is absent from the map.
     */
    public Map<GroupId, Group> byId(WorkspaceId workspace, Collection<GroupId> ids) {
        List<GroupId> wanted = ids.stream().filter(Objects::nonNull).distinct().toList();
        if (wanted.isEmpty()) {
            return Map.of();
        }
        return groups.findAllById(workspace, wanted).stream()
                .collect(Collectors.toMap(Group::id, Function.identity(), (a, b) -> a));
    }

    public Optional<Group> find(WorkspaceId workspace, GroupId id) {
        return groups.findById(workspace, id);
    }

    /** The group with exactly this display name (display names are unique in a workspace). */
    public Optional<Group> byDisplayName(WorkspaceId workspace, String displayName) {
        return groups.findByDisplayName(workspace, displayName);
    }
}
