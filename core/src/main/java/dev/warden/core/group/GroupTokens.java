package dev.warden.core.group;

import dev.warden.core.principal.PrincipalId;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;

/**
 * Port: a group's tokens and the technical users that own them, which go with the group when it is deleted. Owned
 * by the group feature; the token repository answers it.
 */
public interface GroupTokens {

    List<GroupToken> tokensOfGroup(WorkspaceId workspace, GroupId group, Instant now);

    /** A group token, by its id, and its technical owner. */
    record GroupToken(String id, PrincipalId owner) {}
}
