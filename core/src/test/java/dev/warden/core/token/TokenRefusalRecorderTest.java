package dev.warden.core.token;

import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static dev.warden.core.testkit.CoreTestKit.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.core.access.Decision;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Issue 16: recent refusals, queued off the request path, written in one batch, the newest 20 of each token kept. */
class TokenRefusalRecorderTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final Principal alice = kit.user("alice", BuiltInRole.USER);
    private final IssuedToken aliceToken;
    private final IssuedToken otherToken;
    private final Instant t0 = Instant.parse("2026-12-01T10:00:00Z");

    TokenRefusalRecorderTest() {
        kit.acl.grant(WORKSPACE, TokenUsageEntry.forPrincipal(alice.id(), TokenUsageLevel.CAN_USE));
        aliceToken = kit.tokenService.create(as(alice), new CreateTokenCommand("a", Duration.ofDays(10), List.of()));
        otherToken = kit.tokenService.create(as(alice), new CreateTokenCommand("b", Duration.ofDays(10), List.of()));
    }

    private TokenRefusal refusal(IssuedToken token, int second, String path) {
        return new TokenRefusal(
                WORKSPACE,
                token.token().id(),
                t0.plusSeconds(second),
                "GET",
                path,
                DenialReason.TOKEN_REVOKED,
                "10.0.0.1",
                "curl/8");
    }

    @Nested
    class TheRecord {
        @Test
        void keepsThePathWithoutItsQueryStringOrFragment() {
            assertThat(refusal(aliceToken, 0, "/api/2.0/token/list?token=secret&x=1")
                            .path())
                    .isEqualTo("/api/2.0/token/list");
            assertThat(refusal(aliceToken, 0, "/a#frag?x").path()).isEqualTo("/a");
            assertThat(refusal(aliceToken, 0, "?only=query").path()).isEqualTo("/");
            assertThat(refusal(aliceToken, 0, null).path()).isEqualTo("/");
        }

        @Test
        void cutsLongValuesToWhatIsStored() {
            TokenRefusal refusal = new TokenRefusal(
                    WORKSPACE,
                    aliceToken.token().id(),
                    t0,
                    "X".repeat(40),
                    "/" + "p".repeat(1000),
                    DenialReason.SCOPE_MISSING,
                    "a".repeat(100),
                    "u".repeat(1000));

            assertThat(refusal.method()).hasSize(TokenRefusal.MAX_METHOD_LENGTH);
            assertThat(refusal.path()).hasSize(512);
            assertThat(refusal.clientAddress()).hasSize(TokenRefusal.MAX_ADDRESS_LENGTH);
            assertThat(refusal.userAgent()).hasSize(TokenRefusal.MAX_USER_AGENT_LENGTH);
        }
    }

    @Test
    void aCutNeverSplitsACharacter() {
        String agent = "a".repeat(TokenRefusal.MAX_USER_AGENT_LENGTH - 1) + "😀";

        String kept = new TokenRefusal(
                        WORKSPACE, aliceToken.token().id(), t0, "GET", "/", DenialReason.TOKEN_EXPIRED, null, agent)
                .userAgent();

        assertThat(kept).isEqualTo("a".repeat(TokenRefusal.MAX_USER_AGENT_LENGTH - 1));
    }

    @Nested
    class TheBuffer {
        @Test
        void recordingWritesNothingUntilTheFlushWhichWritesOneBatch() {
            TokenRefusalRecorder recorder = new TokenRefusalRecorder(kit.refusals);
            recorder.record(refusal(aliceToken, 1, "/a"));
            recorder.record(refusal(otherToken, 2, "/b"));

            assertThat(kit.refusals.batches()).isZero();
            assertThat(recorder.pendingCount()).isEqualTo(2);

            assertThat(recorder.flush()).isEqualTo(2);
            assertThat(kit.refusals.batches()).isEqualTo(1);
            assertThat(recorder.pendingCount()).isZero();
            assertThat(recorder.flush()).isZero();
            assertThat(kit.refusals.batches()).isEqualTo(1);
        }

        @Test
        void beyondItsCapacityARefusalIsDroppedAndCounted() {
            TokenRefusalRecorder recorder = new TokenRefusalRecorder(kit.refusals, 3);
            IntStream.range(0, 5).forEach(i -> recorder.record(refusal(aliceToken, i, "/p" + i)));

            assertThat(recorder.pendingCount()).isEqualTo(3);
            assertThat(recorder.droppedCount()).isEqualTo(2);
            recorder.flush();
            assertThat(kit.refusals.recent(WORKSPACE, aliceToken.token().id(), 20))
                    .extracting(TokenRefusal::path)
                    .containsExactly("/p2", "/p1", "/p0");

            recorder.record(refusal(aliceToken, 9, "/after"));
            assertThat(recorder.pendingCount()).isEqualTo(1); // room again after the flush
        }

        @Test
        void aFailedWriteKeepsTheRefusalsForTheNextRound() {
            TokenRefusalRecorder recorder = new TokenRefusalRecorder(kit.refusals);
            recorder.record(refusal(aliceToken, 1, "/a"));
            kit.refusals.failWritesWith(new IllegalStateException("database down"));

            assertThat(recorder.flush()).isZero();
            assertThat(recorder.pendingCount()).isEqualTo(1);

            kit.refusals.failWritesWith(null);
            assertThat(recorder.flush()).isEqualTo(1);
            assertThat(kit.refusals.recent(WORKSPACE, aliceToken.token().id(), 20))
                    .hasSize(1);
        }
    }

    @Nested
    class TheNewestTwenty {
        @Test
        void onlyTheNewestTwentyOfEachTokenAreKeptNewestFirst() {
            TokenRefusalRecorder recorder = new TokenRefusalRecorder(kit.refusals);
            IntStream.range(0, 15).forEach(i -> recorder.record(refusal(aliceToken, i, "/first" + i)));
            recorder.record(refusal(otherToken, 0, "/other"));
            recorder.flush();
            IntStream.range(15, 30).forEach(i -> recorder.record(refusal(aliceToken, i, "/second" + i)));
            recorder.flush();

            List<TokenRefusal> kept =
                    kit.refusals.recent(WORKSPACE, aliceToken.token().id(), 100);
            assertThat(kept).hasSize(TokenRefusalRecorder.KEEP);
            assertThat(kept.get(0).path()).isEqualTo("/second29");
            assertThat(kept.get(19).path()).isEqualTo("/first10");
            assertThat(kept).isSortedAccordingTo((a, b) -> b.at().compareTo(a.at()));
            assertThat(kit.refusals.recent(WORKSPACE, otherToken.token().id(), 100))
                    .extracting(TokenRefusal::path)
                    .containsExactly("/other");
        }

        @Test
        void aSingleFlushWritesAtMostTheNewestTwentyOfAToken() {
            List<TokenRefusal> many = IntStream.range(0, 50)
                    .mapToObj(i -> refusal(aliceToken, 50 - i, "/p" + (50 - i))) // arrive newest first
                    .toList();

            List<TokenRefusal> batch = TokenRefusalRecorder.newestOfEachToken(new java.util.ArrayList<>(many));

            assertThat(batch).hasSize(20);
            assertThat(batch.get(0).path()).isEqualTo("/p31"); // oldest first, so stored order follows time
            assertThat(batch.get(19).path()).isEqualTo("/p50");
        }
    }

    @Nested
    class WhoMayRead {
        @Test
        void theOwnerAndTokenManagementReadersMayAndNobodyElseLearnsTheTokenExists() {
            TokenRefusalRecorder recorder = new TokenRefusalRecorder(kit.refusals);
            recorder.record(refusal(aliceToken, 1, "/a"));
            recorder.flush();
            Principal bob = kit.user("bob", BuiltInRole.USER);
            Principal auditor = kit.user("auditor", BuiltInRole.AUDITOR);
            TokenId id = aliceToken.token().id();

            assertThat(kit.accessChecks.refusals(as(alice), id)).hasSize(1);
            assertThat(kit.accessChecks.refusals(as(auditor), id)).hasSize(1);
            assertThat(catchThrowableOfType(TokenNotFoundException.class, () -> kit.accessChecks.refusals(as(bob), id)))
                    .isNotNull();
            assertThat(catchThrowableOfType(
                            TokenNotFoundException.class,
                            () -> kit.accessChecks.refusals(as(alice), new TokenId("nope"))))
                    .isNotNull();
        }
    }

    @Nested
    class TheChainNamesTheRefusedToken {
        @Test
        void aRefusalAfterTheLookupNamesTheTokenAndOneBeforeItDoesNot() {
            kit.tokenService.revoke(as(alice), aliceToken.token().id());

            Decision revoked = kit.decisions.evaluate(aliceToken.secret().reveal(), Permission.TOKENS_READ);
            Decision unknown = kit.decisions.evaluate("wdn_nothing", Permission.TOKENS_READ);

            assertThat(revoked.denial().reason()).isEqualTo(DenialReason.TOKEN_REVOKED);
            assertThat(revoked.identifiedToken())
                    .map(AccessToken::id)
                    .contains(aliceToken.token().id());
            assertThat(unknown.identifiedToken()).isEmpty();
        }

        @Test
        void aScopeRefusalNamesTheTokenToo() {
            Decision refused = kit.decisions.evaluate(otherToken.secret().reveal(), Permission.SETTINGS_WRITE);

            assertThat(refused.allowed()).isFalse();
            assertThat(refused.identifiedToken())
                    .map(AccessToken::id)
                    .contains(otherToken.token().id());
        }
    }
}
