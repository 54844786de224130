package dev.warden.core.token;

import dev.warden.core.principal.PrincipalId;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Map;

/**
 * Port: how many tokens one workspace has in each state, counted by the database (grouped {@code COUNT}s), never by
 * loading the tokens. What the Access tokens tab shows above the inventory.
 */
public interface TokenCounts {

    /**
     * @param soon the window of "expiring soon" ({@link ExpiringSoon})
     */
    Counts count(WorkspaceId workspace, Instant now, ExpiringSoon soon);

    /**
     * @param active neither revoked nor expired at {@code now} (suspended ones included: they are stored as active)
     * @param expiringSoon the active ones that {@link ExpiringSoon#covers} covers
     * @param activeByOwner the active tokens per owner, from which the caller works out the suspended ones (a
     *     policy suspends all the active tokens of an owner at once)
     */
    record Counts(long active, long expiringSoon, long revoked, long expired, Map<PrincipalId, Long> activeByOwner) {
        public Counts {
            activeByOwner = Map.copyOf(activeByOwner);
        }
    }
}
