package dev.warden.web.config;

import dev.warden.core.canary.CanaryAlarm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes the queued alerts of canary tokens (event and audit record, one transaction each) off the request thread, on
 * the last-use tick ({@code warden.tokens.last-use-flush-tick}), and a last time at shutdown.
 */
@Component
class CanaryAlarmFlusher extends BufferFlusher {
    private static final Logger LOG = LoggerFactory.getLogger(CanaryAlarmFlusher.class);

    private final CanaryAlarm alarm;
    private long droppedReported;

    CanaryAlarmFlusher(CanaryAlarm alarm, WardenProperties properties) {
        super("canary-alerts", properties.tokens().lastUseFlushTick());
        this.alarm = alarm;
    }

    @Override
    void writeDue() {
        alarm.flush();
        long dropped = alarm.droppedCount();
        if (dropped > droppedReported) {
            LOG.warn(
                    "Dropped {} canary token alerts since start: more canaries fired between writes than the queue"
                            + " holds",
                    dropped);
            droppedReported = dropped;
        }
    }

    @Override
    void writeAll() {
        int written = alarm.flush();
        if (written > 0) {
            LOG.info("Wrote {} canary token alerts at shutdown", written);
        }
    }
}
