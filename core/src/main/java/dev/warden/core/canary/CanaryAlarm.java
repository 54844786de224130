package dev.warden.core.canary;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.CanaryTrips;
import dev.warden.core.token.CanaryUse;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenUse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Raises the alerts of canary tokens: a {@link AuditAction#CANARY_TRIGGERED} audit record, from which the audit port
 * publishes the {@code token.canary_triggered} event (webhooks, and e-mail to the owner and the admins), in one
 * transaction per alert, written by {@link #flush} off the request thread; {@link #tripped} only queues.
 * <p>
 * Bounded, so that an attacker hammering a canary cannot flood anyone: per canary at most one alert per
 * {@code window}. The first use opens a window and is alerted at the next flush; the uses within the window are only
 * counted, and once it has passed one more alert reports them (with the last one's address, user agent and endpoint)
 * and opens the next window. The queue holds at most {@code capacity} alerts; beyond it they are dropped and counted.
 * Windows are per node: with n nodes a canary raises at most n alerts a window.
 */
public final class CanaryAlarm implements CanaryTrips {
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
    public static final int DEFAULT_CAPACITY = 1_000;
    static final int MAX_TEXT = 255;
    static final String ACTOR = "canary token";

    private static final System.Logger LOG = System.getLogger(CanaryAlarm.class.getName());

    private final TokenRepository tokens;
    private final AuditLog audit;
    private final TransactionRunner tx;
    private final Clock clock;
    private final Duration window;
    private final int capacity;

    /** Guarded by {@code this}: cheap in-memory bookkeeping, never any I/O. */
    private final Map<TokenId, Window> windows = new HashMap<>();

    private final ArrayDeque<Alert> queued = new ArrayDeque<>();
    private long dropped;

    public CanaryAlarm(
            TokenRepository tokens, AuditLog audit, TransactionRunner tx, Clock clock, Duration window, int capacity) {
        if (window.isNegative() || window.isZero() || capacity < 1) {
            throw new IllegalArgumentException("the window must be positive and the capacity at least 1");
        }
        this.tokens = tokens;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.window = window;
        this.capacity = capacity;
    }

    public CanaryAlarm(TokenRepository tokens, AuditLog audit, TransactionRunner tx, Clock clock) {
        this(tokens, audit, tx, clock, DEFAULT_WINDOW, DEFAULT_CAPACITY);
    }

    /** One alert: the use it describes and how many uses it stands for. */
    record Alert(AccessToken canary, CanaryUse use, int uses) {}

    /** A canary's current window: when it opened, and the uses since that were not alerted yet. */
    private static final class Window {
        Instant opened;
        AccessToken canary;
        CanaryUse last;
        int unalerted;

        Window(Instant opened) {
            this.opened = opened;
        }
    }

    @Override
    public synchronized void tripped(AccessToken canary, CanaryUse use) {
        if (canary.kind() != TokenKind.CANARY) {
            throw new IllegalArgumentException("token " + canary.id() + " is no canary");
        }
        Window current = windows.get(canary.id());
        if (current == null || (current.unalerted == 0 && !use.at().isBefore(current.opened.plus(window)))) {
            windows.put(canary.id(), new Window(use.at()));
            queue(new Alert(canary, use, 1));
            return;
        }
        current.canary = canary;
        current.last = use;
        current.unalerted++;
    }

    /**
     * Writes the queued alerts, and one for each window that has passed with uses not yet alerted: each alert in a
     * transaction of its own (event and audit record, and the canary's last use). A canary deleted meanwhile raises
     * nothing. An alert whose write fails is queued again, as far as there is room.
     * @return how many alerts it wrote
     */
    public int flush() {
        List<Alert> due = due(clock.instant());
        int written = 0;
        for (Alert alert : due) {
            try {
                if (write(alert)) {
                    written++;
                }
            } catch (RuntimeException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Could not write the alert of canary token "
                                + alert.canary().id() + "; will retry: " + e.getMessage());
                synchronized (this) {
                    queue(alert);
                }
            }
        }
        return written;
    }

    /** Alerts waiting for the next flush. */
    public synchronized int pendingCount() {
        return queued.size();
    }

    /** Alerts dropped because the queue was full, since start. */
    public synchronized long droppedCount() {
        return dropped;
    }

    private synchronized List<Alert> due(Instant now) {
        List<Alert> due = new ArrayList<>(queued);
        queued.clear();
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
            Window w = it.next();
            if (now.isBefore(w.opened.plus(window))) {
                continue;
            }
            if (w.unalerted == 0) {
                it.remove(); // a quiet canary keeps no memory
            } else {
                due.add(new Alert(w.canary, w.last, w.unalerted));
                w.opened = now;
                w.unalerted = 0;
                w.last = null;
                w.canary = null;
            }
        }
        return due;
    }

    private void queue(Alert alert) {
        if (queued.size() >= capacity) {
            dropped++;
            return;
        }
        queued.add(alert);
    }

    private boolean write(Alert alert) {
        AccessToken canary = alert.canary();
        CanaryUse use = alert.use();
        return tx.inTransaction(() -> {
            Optional<AccessToken> still = tokens.findById(canary.workspace(), canary.id());
            if (still.isEmpty()) {
                return false;
            }
            Map<String, Object> data = data(still.get(), use, alert.uses());
            // the audit record is the event: the audit port publishes token.canary_triggered from it
            AuditEvent.Builder event = AuditEvent.anonymous(canary.workspace(), AuditAction.CANARY_TRIGGERED, use.at())
                    .actor(null, ACTOR)
                    .clientAddress(use.clientAddress())
                    .target("token", canary.id().value());
            data.forEach(event::detail);
            audit.record(event.build());
            tokens.recordUses(List.of(
                    new TokenUse(canary.workspace(), canary.id(), use.at(), use.clientAddress(), use.userAgent())));
            return true;
        });
    }

    /** What the event and the audit record say: strings and numbers only, no nulls, never a secret. */
    static Map<String, Object> data(AccessToken canary, CanaryUse use, int uses) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("owner_id", canary.owner().value());
        put(data, "comment", canary.comment());
        put(data, "hint", canary.displayHint());
        put(data, "client_address", use.clientAddress());
        put(data, "user_agent", use.userAgent());
        put(data, "method", use.method());
        put(data, "endpoint", use.endpoint());
        put(data, "source", use.source());
        data.put("time", use.at().toString());
        data.put("uses", uses);
        return data;
    }

    private static void put(Map<String, Object> data, String key, String value) {
        if (value != null && !value.isEmpty()) {
            data.put(key, value.length() <= MAX_TEXT ? value : value.substring(0, MAX_TEXT) + "…");
        }
    }
}
