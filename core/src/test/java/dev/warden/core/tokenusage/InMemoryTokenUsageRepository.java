package dev.warden.core.tokenusage;

import dev.warden.core.group.GroupId;
import dev.warden.core.group.InMemoryGroupRepository;
import dev.warden.core.principal.InMemoryPrincipalRepository;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.workspace.WorkspaceId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link TokenUsageRepository} in memory, scoped by workspace like the {@code token_usage_entry} table: entries come
 * back in the order they were written. Built on the principal and group fakes it behaves like the database's keys:
 * {@link #replace} refuses (and writes nothing) when an entry names a principal or group that does not exist in that
 * workspace, and deleting a principal or group removes its entries (ON DELETE CASCADE). Built without them it stores
 * whatever it is given.
 */
public class InMemoryTokenUsageRepository implements TokenUsageRepository {
    private final InMemoryPrincipalRepository principals;
    private final InMemoryGroupRepository groups;
    private final Map<WorkspaceId, List<TokenUsageEntry>> entries = new LinkedHashMap<>();
    private int replaces;

    /** Unlinked: any principal or group id is accepted. */
    public InMemoryTokenUsageRepository() {
        this(null, null);
    }

    /** Linked to the directory fakes: subjects must exist in the workspace, and go with their principal or group. */
    public InMemoryTokenUsageRepository(InMemoryPrincipalRepository principals, InMemoryGroupRepository groups) {
        this.principals = principals;
        this.groups = groups;
        if (principals != null) {
            principals.onDelete(this::forgetPrincipal);
        }
        if (groups != null) {
            groups.onDelete(this::forgetGroup);
        }
    }

    @Override
    public synchronized List<TokenUsageEntry> list(WorkspaceId workspace) {
        return List.copyOf(entries.getOrDefault(workspace, List.of()));
    }

    @Override
    public synchronized void replace(WorkspaceId workspace, List<TokenUsageEntry> replacement) {
        for (TokenUsageEntry entry : replacement) {
            if (entry.principal() != null
                    && principals != null
                    && principals.findById(workspace, entry.principal()).isEmpty()) {
                throw new IllegalStateException("no principal " + entry.principal() + " in workspace " + workspace);
            }
            if (entry.group() != null
                    && groups != null
                    && groups.findById(workspace, entry.group()).isEmpty()) {
                throw new IllegalStateException("no group " + entry.group() + " in workspace " + workspace);
            }
        }
        replaces++;
        entries.put(workspace, new ArrayList<>(replacement));
    }

    /** Test set-up: adds one entry to the workspace's list without counting a write. */
    public synchronized InMemoryTokenUsageRepository grant(WorkspaceId workspace, TokenUsageEntry entry) {
        entries.computeIfAbsent(workspace, w -> new ArrayList<>()).add(entry);
        return this;
    }

    /** How often {@link #replace} stored a list. */
    public synchronized int replaces() {
        return replaces;
    }

    /** Captures every workspace's entries; running the result puts them back. */
    public synchronized Runnable snapshot() {
        Map<WorkspaceId, List<TokenUsageEntry>> saved = new LinkedHashMap<>();
        entries.forEach((workspace, list) -> saved.put(workspace, List.copyOf(list)));
        return () -> {
            synchronized (this) {
                entries.clear();
                saved.forEach((workspace, list) -> entries.put(workspace, new ArrayList<>(list)));
            }
        };
    }

    private synchronized void forgetPrincipal(WorkspaceId workspace, PrincipalId principal) {
        List<TokenUsageEntry> list = entries.get(workspace);
        if (list != null) {
            list.removeIf(entry -> principal.equals(entry.principal()));
        }
    }

    private synchronized void forgetGroup(WorkspaceId workspace, GroupId group) {
        List<TokenUsageEntry> list = entries.get(workspace);
        if (list != null) {
            list.removeIf(entry -> group.equals(entry.group()));
        }
    }
}
