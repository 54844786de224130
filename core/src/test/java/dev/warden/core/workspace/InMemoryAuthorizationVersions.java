package dev.warden.core.workspace;

import java.util.HashMap;
import java.util.Map;

/** {@link AuthorizationVersions} in a map: every workspace starts at 0. It counts the bumps, for tests. */
public class InMemoryAuthorizationVersions implements AuthorizationVersions {
    private final Map<WorkspaceId, Long> versions = new HashMap<>();
    private int bumps;

    @Override
    public synchronized void bump(WorkspaceId workspace) {
        versions.merge(workspace, 1L, Long::sum);
        bumps++;
    }

    @Override
    public synchronized long current(WorkspaceId workspace) {
        return versions.getOrDefault(workspace, 0L);
    }

    /** How often {@link #bump} was called, for any workspace (rolled-back bumps included). */
    public synchronized int bumpCount() {
        return bumps;
    }

    /** Every workspace's version, for a test to compare before and after. */
    public synchronized Map<WorkspaceId, Long> all() {
        return Map.copyOf(versions);
    }

    /** Captures the versions; running the result puts them back (a rolled-back transaction leaves them as they were). */
    public synchronized Runnable snapshot() {
        Map<WorkspaceId, Long> saved = Map.copyOf(versions);
        return () -> {
            synchronized (this) {
                versions.clear();
                versions.putAll(saved);
            }
        };
    }
}
