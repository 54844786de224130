package dev.warden.web.notice;

import dev.warden.core.notice.NoticeChannel;
import dev.warden.core.notice.NoticeScheduler;
import dev.warden.core.notice.NoticeService;
import dev.warden.web.config.NoticeProperties;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Tries the notice run every {@code warden.notices.tick} (the first a tick after start). Without an SMTP host the
 * run is skipped (nothing claimed, so nothing is lost once e-mail is configured) and that is logged once. A failed run
 * is logged and never ends the schedule. {@link #runOnce()} is the hook for tests and operators' scripts.
 */
@Component
class NoticeTicker implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(NoticeTicker.class);

    private final NoticeScheduler scheduler;
    private final NoticeChannel channel;
    private final NoticeProperties properties;
    private ScheduledExecutorService executor;
    private boolean toldOff;

    NoticeTicker(NoticeScheduler scheduler, NoticeChannel channel, NoticeProperties properties) {
        this.scheduler = scheduler;
        this.channel = channel;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled()) {
            LOG.info("Expiry notices are off on this node (warden.notices.enabled=false)");
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "warden-notices");
            thread.setDaemon(true);
            return thread;
        });
        long millis = properties.tick().toMillis();
        executor.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("The expiry notice run failed; the next tick tries again", e);
        }
    }

    /** One run now, if e-mail is on and this node holds the lease; empty otherwise. */
    synchronized Optional<NoticeService.RunResult> runOnce() {
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
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        executor = null;
        try {
            scheduler.release();
        } catch (RuntimeException e) { // the database gone at shutdown: the lease simply runs out
            LOG.info("Could not give up the expiry-notices lease at shutdown; it runs out by itself");
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
