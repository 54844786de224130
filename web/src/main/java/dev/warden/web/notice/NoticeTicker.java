package dev.warden.web.notice;

import dev.warden.core.notice.NoticeChannel;
import dev.warden.core.notice.NoticeScheduler;
import dev.warden.core.notice.NoticeService;
import dev.warden.web.config.NoticeProperties;
import dev.warden.web.shared.LeasedTicker;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tries the notice run every {@code warden.notices.tick}, on the node that holds its lease. Without an SMTP host the
 * run is skipped (nothing claimed, so nothing is lost once e-mail is configured) and that is logged once.
 */
@Component
class NoticeTicker extends LeasedTicker {
    private static final Logger LOG = LoggerFactory.getLogger(NoticeTicker.class);

    private final NoticeScheduler scheduler;
    private final NoticeChannel channel;
    private boolean toldOff;

    NoticeTicker(NoticeScheduler scheduler, NoticeChannel channel, NoticeProperties properties) {
        super(
                "The expiry notice run",
                "warden-notices",
                properties.enabled(),
                "warden.notices.enabled",
                properties.tick());
        this.scheduler = scheduler;
        this.channel = channel;
    }

    /** One run now, if e-mail is on and this node holds the lease; empty otherwise. */
    @Override
    public synchronized Optional<NoticeService.RunResult> runOnce() {
        if (!channel.enabled()) {
            if (!toldOff) {
                toldOff = true;
                LOG.info("Expiry notices are not sent: no SMTP host configured (spring.mail.host)");
            }
            return Optional.empty();
        }
        Optional<NoticeService.RunResult> result = scheduler.tick();
        result.filter(r -> r.sent() + r.failed() + r.recipientsWithoutAddress() > 0)
                .ifPresent(r -> LOG.info(
                        "Expiry notices: {} sent, {} failed (retried next run), {} recipients without an e-mail"
                                + " address skipped",
                        r.sent(),
                        r.failed(),
                        r.recipientsWithoutAddress()));
        return result;
    }

    @Override
    protected void release() {
        scheduler.release();
    }
}
