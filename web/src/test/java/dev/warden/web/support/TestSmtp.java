package dev.warden.web.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real SMTP server (GreenMail) on a free loopback port for a test class, and the properties that send Warden's
 * notices and alerts through it. The scheduled runs are off: each test runs what it needs itself.
 */
public final class TestSmtp {
    private TestSmtp() {}

    /** A server on a free port, not started yet. */
    public static GreenMail server() {
        return new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    }

    /** Starts the server (once) and points Warden's mail at it; scheduled notice runs are off. */
    public static void sendThrough(GreenMail smtp, DynamicPropertyRegistry registry) {
        if (!smtp.isRunning()) {
            smtp.start();
        }
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
        registry.add("warden.notices.enabled", () -> "false");
        registry.add("warden.notices.public-base-url", () -> "https://warden.example.com/");
    }
}
