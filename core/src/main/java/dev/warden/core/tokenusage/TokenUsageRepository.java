package dev.warden.core.tokenusage;

import dev.warden.core.workspace.WorkspaceId;
import java.util.List;

/** Port for the direct entries of a workspace's token usage list. */
public interface TokenUsageRepository {
    List<TokenUsageEntry> list(WorkspaceId workspace);

    /** Replaces all direct entries with these. */
    void replace(WorkspaceId workspace, List<TokenUsageEntry> entries);
}
