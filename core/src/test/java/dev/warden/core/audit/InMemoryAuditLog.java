package dev.warden.core.audit;

import dev.warden.core.workspace.WorkspaceId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** {@link AuditLog} in a list; {@link #events()} gives everything in the order it was recorded. */
public class InMemoryAuditLog implements AuditLog {
    private final List<AuditEvent> events = new ArrayList<>();

    @Override
    public synchronized void record(AuditEvent event) {
        events.add(event);
    }

    @Override
    public synchronized List<AuditEvent> recent(WorkspaceId workspace, int limit) {
        return newestFirst(workspace, event -> true, limit);
    }

    @Override
    public synchronized List<AuditEvent> history(WorkspaceId workspace, String targetType, String targetId, int limit) {
        return newestFirst(workspace, event -> event.concerns(targetType, targetId), limit);
    }

    /** An event's id is its place in the recording order, counted from 1. */
    @Override
    public synchronized List<StoredAuditEvent> search(WorkspaceId workspace, AuditQuery query, int limit) {
        List<StoredAuditEvent> found = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            StoredAuditEvent stored = new StoredAuditEvent(i + 1, events.get(i));
            if (stored.event().workspace().equals(workspace) && query.matches(stored)) {
                found.add(stored);
            }
        }
        found.sort(Comparator.comparing((StoredAuditEvent e) -> e.event().occurredAt())
                .thenComparingLong(StoredAuditEvent::id)
                .reversed());
        return List.copyOf(found.subList(0, Math.min(limit, found.size())));
    }

    @Override
    public synchronized Optional<StoredAuditEvent> find(WorkspaceId workspace, long id) {
        if (id < 1
                || id > events.size()
                || !events.get((int) id - 1).workspace().equals(workspace)) {
            return Optional.empty();
        }
        return Optional.of(new StoredAuditEvent(id, events.get((int) id - 1)));
    }

    private List<AuditEvent> newestFirst(WorkspaceId workspace, Predicate<AuditEvent> wanted, int limit) {
        List<AuditEvent> newestFirst = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).workspace().equals(workspace) && wanted.test(events.get(i))) {
                newestFirst.add(events.get(i));
            }
        }
        // Stable sort: events at the same instant stay newest-recorded first.
        newestFirst.sort(Comparator.comparing(AuditEvent::occurredAt).reversed());
        return List.copyOf(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
    }

    /** Captures the recorded events; running the result forgets everything recorded since. */
    public synchronized Runnable snapshot() {
        List<AuditEvent> saved = List.copyOf(events);
        return () -> {
            synchronized (this) {
                events.clear();
                events.addAll(saved);
            }
        };
    }

    /** Every recorded event, oldest first. */
    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }

    public synchronized List<AuditEvent> eventsWith(AuditAction action) {
        return events.stream().filter(e -> e.action() == action).toList();
    }
}
