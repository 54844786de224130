package dev.warden.core.token;

import static dev.warden.core.testkit.CoreTestKit.OTHER_WORKSPACE;
import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.event.EventingAuditLog;
import dev.warden.core.event.TokenEvent;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.token.LeakReports.Leak;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeakReportsTest {
    private final CoreTestKit kit = new CoreTestKit();
    /** The events the audit decorator publishes: token.leaked comes from the TOKEN_LEAK_REPORTED record. */
    private final List<TokenEvent> events = new ArrayList<>();

    private final LeakReports reports = new LeakReports(
            kit.tokens, kit.format, new EventingAuditLog(kit.audit, events::add, kit.tokens), kit.tx, kit.clock);
    private final Principal alice = kit.user("alice", BuiltInRole.USER);
    private final Instant now = kit.clock.instant();

    private AccessToken token(String value) {
        return kit.store(fresh(value));
    }

    private Tokens.Builder fresh(String value) {
        return Tokens.aToken()
                .inWorkspace(WORKSPACE)
                .ownedBy(alice.id())
                .withValue(value)
                .createdAt(now.minus(Duration.ofDays(1)));
    }

    private AccessToken stored(AccessToken token) {
        return kit.tokens.findById(token.workspace(), token.id()).orElseThrow();
    }

    private List<AuditEvent> leakEvents() {
        return kit.audit.recent(WORKSPACE, 100).stream()
                .filter(event -> event.action() == AuditAction.TOKEN_LEAK_REPORTED)
                .toList();
    }

    @Test
    void aWorkingTokenIsRevokedAsAnIncidentAndAuditedWithWhereItWasFound() {
        String value = Tokens.aValue();
        AccessToken token = token(value);
        int revoked = reports.report(
                List.of(new Leak(value, "https://github.com/acme/app/blob/abc/config.yml (content)")), "203.0.113.9");

        assertThat(revoked).isEqualTo(1);
        AccessToken after = stored(token);
        assertThat(after.statusAt(now)).isEqualTo(TokenStatus.REVOKED);
        assertThat(after.revocationAuthority()).isEqualTo(RevocationAuthority.INCIDENT);
        assertThat(after.revokedBy()).isNull();
        assertThat(leakEvents()).singleElement().satisfies(event -> {
            assertThat(event.targetId()).isEqualTo(token.id().value());
            assertThat(event.actorId()).isNull();
            assertThat(event.clientAddress()).isEqualTo("203.0.113.9");
            assertThat(event.details())
                    .containsEntry("authority", "INCIDENT")
                    .containsEntry("source", "https://github.com/acme/app/blob/abc/config.yml (content)")
                    .containsEntry(
                            "reason", "reported as leaked (https://github.com/acme/app/blob/abc/config.yml (content))")
                    .containsEntry("reporter_address", "203.0.113.9");
            assertThat(event.details().values()).noneMatch(detail -> detail.contains(value));
        });
        assertThat(events)
                .extracting(
                        e -> e.type() + " " + e.token().value() + " " + e.data().get("source"))
                .containsExactly(
                        "LEAKED " + token.id().value() + " https://github.com/acme/app/blob/abc/config.yml (content)");
    }

    @Test
    void withoutASourceTheReasonNamesThePlainTextReportAndItsAddress() {
        String value = Tokens.aValue();
        token(value);

        reports.report(List.of(new Leak(value, null)), "198.51.100.4");

        assertThat(leakEvents())
                .singleElement()
                .satisfies(event -> assertThat(event.details())
                        .containsEntry("reason", "reported as leaked (plain text report from 198.51.100.4)"));
    }

    @Test
    void aTokenOfAnotherWorkspaceIsFoundByItsDigestAndAuditedThere() {
        String value = Tokens.aValue();
        AccessToken foreign = kit.store(fresh(value).inWorkspace(OTHER_WORKSPACE));

        assertThat(reports.report(List.of(new Leak(value, "a paste")), "192.0.2.1"))
                .isEqualTo(1);

        assertThat(stored(foreign).isRevoked()).isTrue();
        assertThat(kit.audit.recent(OTHER_WORKSPACE, 10))
                .anyMatch(event -> event.action() == AuditAction.TOKEN_LEAK_REPORTED);
        assertThat(leakEvents()).isEmpty();
    }

    @Test
    void revokedExpiredUnknownAndMalformedValuesChangeNothing() {
        String revokedValue = Tokens.aValue();
        AccessToken revoked = kit.store(Tokens.aToken()
                .inWorkspace(WORKSPACE)
                .ownedBy(alice.id())
                .withValue(revokedValue)
                .revokedAt(now.minus(Duration.ofHours(1)), alice.id()));
        String expiredValue = Tokens.aValue();
        kit.store(Tokens.aToken()
                .inWorkspace(WORKSPACE)
                .ownedBy(alice.id())
                .withValue(expiredValue)
                .createdAt(now.minus(Duration.ofDays(40)))
                .expiringIn(Duration.ofDays(30)));
        String live = Tokens.aValue();
        AccessToken untouched = token(live);
        String badChecksum = live.substring(0, live.length() - 1) + (live.endsWith("0") ? "1" : "0");

        int count = reports.report(
                List.of(
                        new Leak(revokedValue, "x"),
                        new Leak(expiredValue, "x"),
                        new Leak(Tokens.aValue(), "x"),
                        new Leak(badChecksum, "x"),
                        new Leak("not a token", "x"),
                        new Leak(null, "x")),
                "192.0.2.1");

        assertThat(count).isZero();
        assertThat(stored(revoked).revocationAuthority()).isEqualTo(revoked.revocationAuthority());
        assertThat(stored(revoked).revokedAt()).isEqualTo(revoked.revokedAt());
        assertThat(stored(untouched).isRevoked()).isFalse();
        assertThat(leakEvents()).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void aSecondReportOfTheSameTokenChangesNothing() {
        String value = Tokens.aValue();
        token(value);
        reports.report(List.of(new Leak(value, "first")), "192.0.2.1");

        assertThat(reports.report(List.of(new Leak(value, "second")), "192.0.2.1"))
                .isZero();
        assertThat(leakEvents()).hasSize(1);
    }

    @Test
    void moreThanTheMostTokensPerReportIsRefusedAndChangesNothing() {
        String value = Tokens.aValue();
        AccessToken token = token(value);
        List<Leak> leaks = new ArrayList<>(Collections.nCopies(LeakReports.MAX_TOKENS, new Leak("x", "y")));
        leaks.add(new Leak(value, "y"));

        InvalidParameterException refused =
                catchThrowableOfType(InvalidParameterException.class, () -> reports.report(leaks, "192.0.2.1"));

        assertThat(refused.field()).isEqualTo("tokens");
        assertThat(stored(token).isRevoked()).isFalse();
    }

    @Test
    void findsWellFormedTokensInTextAmongNoise() {
        String one = Tokens.aValue();
        String two = Tokens.aValue();
        String broken = one.substring(0, one.length() - 1) + (one.endsWith("0") ? "1" : "0");
        String text = "export WARDEN_TOKEN=" + one + "\nx" + two + " glued\n" + broken + " " + two.toUpperCase()
                + "\n\"" + two + "\", " + one + two.substring(4) + " and " + one + ".";

        assertThat(reports.findIn(text)).containsExactly(one, two);
    }
}
