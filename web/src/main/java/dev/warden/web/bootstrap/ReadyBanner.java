package dev.warden.web.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells whoever started Warden where to log in. */
@Component
class ReadyBanner {
    private static final Logger LOG = LoggerFactory.getLogger(ReadyBanner.class);

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            LOG.info(
                    "\n\n    Warden is ready. Log in at http://localhost:{}/login as 'admin'.\n",
                    web.getWebServer().getPort());
        }
    }
}
