package dev.warden.web.security;

import static dev.warden.web.support.TestData.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.shared.MutableClock;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Console sign-in throttling over real HTTP: per user name (5 failures, then a lock of a minute that doubles) and per
 * client address (20 failures), the same answer whether or not the user exists, and the LOGIN_THROTTLED record.
 * Every request comes from 127.0.0.1, so this class runs its own application (the property below makes its context
 * differ): its address lock never reaches the tests that share the common one. Each test starts with clean counters
 * by moving the test clock past any lock and quiet spell, and waits for a lock to pass the same way.
 */
@WardenSpringBootTest
@TestPropertySource(properties = "warden.sign-in.max-tracked=1000")
class SignInThrottleIT {
    private static final String LOCKED_FOR_A_MINUTE = "Too many failed sign-ins; try again in 1 minute.";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    MutableClock clock;

    @Autowired
    AuditLog audit;

    TestData testData;

    @BeforeEach
    void forgetEveryFailure() {
        testData = TestData.of(context);
        clock.advance(Duration.ofHours(2)); // past the longest lock (15 min) and the quiet spell (15 min)
    }

    @Test
    void fiveFailuresLockTheNameSoEvenTheRightPasswordIsRefusedAsForAnUnknownName() {
        String userName =
                testData.consoleUser(unique("throttled"), "right-password-1").userName();
        String nobody = unique("nobody");
        for (int i = 0; i < 5; i++) {
            assertThat(new ConsoleSession(port).logIn(userName, "wrong-password-" + i))
                    .isEqualTo("/login?error");
            assertThat(new ConsoleSession(port).logIn(nobody, "wrong-password-" + i))
                    .isEqualTo("/login?error");
        }
        ConsoleSession known = new ConsoleSession(port);
        ConsoleSession unknown = new ConsoleSession(port);

        HttpResponse<String> knownAnswer = signIn(known, userName, "right-password-1");
        HttpResponse<String> unknownAnswer = signIn(unknown, nobody, "right-password-1");
        String knownPage = withoutCsrf(known.get("/login?error").body());
        String unknownPage = withoutCsrf(unknown.get("/login?error").body());

        assertThat(knownAnswer.statusCode()).isEqualTo(302).isEqualTo(unknownAnswer.statusCode());
        assertThat(location(knownAnswer)).endsWith("/login?error").isEqualTo(location(unknownAnswer));
        assertThat(knownPage)
                .contains(LOCKED_FOR_A_MINUTE, "data-testid=\"login-throttled\"")
                .doesNotContain("data-testid=\"login-error\"")
                .isEqualTo(unknownPage);
        assertThat(known.get("/settings/user/tokens").statusCode())
                .as("not signed in")
                .isEqualTo(302);
    }

    @Test
    void afterTheLockTheRightPasswordWorksAndAFurtherFailureLocksForTwiceAsLong() {
        String userName =
                testData.consoleUser(unique("waits"), "right-password-1").userName();
        for (int i = 0; i < 5; i++) {
            new ConsoleSession(port).logIn(userName, "wrong-password-" + i);
        }
        assertThat(new ConsoleSession(port).logIn(userName, "right-password-1")).isEqualTo("/login?error");

        clock.advance(Duration.ofSeconds(61));
        assertThat(new ConsoleSession(port).logIn(userName, "right-password-1"))
                .as("the lock has passed")
                .isEqualTo("/");

        // a success clears the name: five more failures before the next lock, which then lasts a minute
        for (int i = 0; i < 4; i++) {
            new ConsoleSession(port).logIn(userName, "wrong-again-" + i);
        }
        assertThat(new ConsoleSession(port).logIn(userName, "right-password-1")).isEqualTo("/");
    }

    @Test
    void eachFailureAfterALockDoublesIt() {
        String userName =
                testData.consoleUser(unique("doubling"), "right-password-1").userName();
        for (int i = 0; i < 5; i++) {
            new ConsoleSession(port).logIn(userName, "wrong-password-" + i);
        }
        clock.advance(Duration.ofSeconds(61));
        ConsoleSession session = new ConsoleSession(port);

        assertThat(session.logIn(userName, "wrong-password-6")).isEqualTo("/login?error");
        assertThat(session.logIn(userName, "right-password-1")).isEqualTo("/login?error");
        assertThat(session.get("/login?error").body()).contains("Too many failed sign-ins; try again in 2 minutes.");
        clock.advance(Duration.ofSeconds(61));
        assertThat(session.logIn(userName, "right-password-1")).isEqualTo("/login?error");
        assertThat(session.get("/login?error").body()).contains("Too many failed sign-ins; try again in 1 minute.");

        clock.advance(Duration.ofSeconds(60));
        assertThat(new ConsoleSession(port).logIn(userName, "right-password-1")).isEqualTo("/");
    }

    @Test
    void twentyFailuresFromOneAddressLockItForEveryName() {
        String userName =
                testData.consoleUser(unique("bystander"), "right-password-1").userName();
        for (int i = 0; i < 20; i++) {
            // twenty different names, none of them failing five times
            assertThat(new ConsoleSession(port).logIn(unique("spray"), "guess-" + i))
                    .isEqualTo("/login?error");
        }
        ConsoleSession session = new ConsoleSession(port);

        assertThat(session.logIn(userName, "right-password-1")).isEqualTo("/login?error");
        assertThat(session.get("/login?error").body()).contains(LOCKED_FOR_A_MINUTE);

        clock.advance(Duration.ofSeconds(61));
        assertThat(new ConsoleSession(port).logIn(userName, "right-password-1")).isEqualTo("/");
    }

    @Test
    void aThrottledSignInIsAuditedWithTheNameAndAddressButNoPassword() {
        String nobody = unique("audited");
        for (int i = 0; i < 5; i++) {
            new ConsoleSession(port).logIn(nobody, "wrong-password-" + i);
        }

        new ConsoleSession(port).logIn(nobody, "secret-attempt-1");

        List<AuditEvent> throttled = audit.recent(testData.main().id(), 50).stream()
                .filter(e -> e.action() == AuditAction.LOGIN_THROTTLED && nobody.equals(e.actorName()))
                .toList();
        assertThat(throttled).hasSize(1);
        AuditEvent event = throttled.get(0);
        assertThat(event.actorId()).isNull();
        assertThat(event.clientAddress()).isEqualTo("127.0.0.1");
        assertThat(Long.parseLong(event.details().get("retry_after_seconds"))).isBetween(1L, 60L);
        assertThat(event.toString()).doesNotContain("secret-attempt-1");
        assertThat(audit.recent(testData.main().id(), 50).stream()
                        .filter(e -> e.action() == AuditAction.LOGIN_FAILED && nobody.equals(e.actorName())))
                .as("the five failures before, not the throttled one")
                .hasSize(5);
    }

    @Test
    void aPasswordOver72BytesIsAWrongPasswordNotAnError() {
        String userName =
                testData.consoleUser(unique("long"), "right-password-1").userName();

        assertThat(new ConsoleSession(port).logIn(userName, "x".repeat(200))).isEqualTo("/login?error");
        assertThat(new ConsoleSession(port).logIn(userName, "right-password-1")).isEqualTo("/");
    }

    private static HttpResponse<String> signIn(ConsoleSession session, String userName, String password) {
        String csrf = ConsoleSession.csrfFrom(session.get("/login").body());
        return session.postForm("/login", Map.of("username", userName, "password", password, "_csrf", csrf), false);
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    private static String withoutCsrf(String html) {
        return html.replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "");
    }
}
