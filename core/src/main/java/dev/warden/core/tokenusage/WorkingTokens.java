package dev.warden.core.tokenusage;

import dev.warden.core.principal.PrincipalId;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Instant;

/**
 * Port: how many of an owner's tokens work now, to show what a change of the token usage list would stop. Owned by
 * the token usage feature; the token repository answers it.
 */
public interface WorkingTokens {

    int workingTokensOf(WorkspaceId workspace, PrincipalId owner, Instant now);
}
