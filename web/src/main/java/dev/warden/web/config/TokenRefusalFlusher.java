package dev.warden.web.config;

import dev.warden.core.token.TokenRefusalRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes the queued recent refusals of tokens off the request thread, in one batch per tick (the last-use tick,
 * {@code warden.tokens.last-use-flush-tick}). A failed round keeps the refusals queued, as far as the queue has room.
 */
@Component
class TokenRefusalFlusher extends BufferFlusher {
    private static final Logger LOG = LoggerFactory.getLogger(TokenRefusalFlusher.class);

    private final TokenRefusalRecorder recorder;
    private long droppedReported;

    TokenRefusalFlusher(TokenRefusalRecorder recorder, WardenProperties properties) {
        super("refusals", properties.tokens().lastUseFlushTick());
        this.recorder = recorder;
    }

    @Override
    void writeDue() {
        recorder.flush();
        long dropped = recorder.droppedCount();
        if (dropped > droppedReported) {
            LOG.warn(
                    "Dropped {} token refusals since start: more arrived between writes than the queue holds", dropped);
            droppedReported = dropped;
        }
    }

    @Override
    void writeAll() {
        LOG.info("Wrote {} token refusals at shutdown", recorder.flush());
    }
}
