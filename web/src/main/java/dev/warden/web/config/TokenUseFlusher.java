package dev.warden.web.config;

import dev.warden.core.token.TokenUseRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes coalesced last-use data off the request thread. While the database is unreachable each round fails after the
 * pool's connection timeout and the recorder keeps the uses pending (at most one per token, the newest), to be written
 * on the first round after it answers again.
 */
@Component
class TokenUseFlusher extends BufferFlusher {
    private static final Logger LOG = LoggerFactory.getLogger(TokenUseFlusher.class);

    private final TokenUseRecorder recorder;

    TokenUseFlusher(TokenUseRecorder recorder, WardenProperties properties) {
        super("last-use", properties.tokens().lastUseFlushTick());
        this.recorder = recorder;
    }

    @Override
    void writeDue() {
        recorder.flushDue();
    }

    @Override
    void writeAll() {
        int written = recorder.flushAll();
        int unwritten = recorder.pendingCount(); // only when the database is unreachable at shutdown
        if (unwritten > 0) {
            LOG.warn(
                    "Wrote last use of {} tokens at shutdown; the database could not take {} more", written, unwritten);
        } else {
            LOG.info("Wrote last use of {} tokens at shutdown", written);
        }
    }
}
