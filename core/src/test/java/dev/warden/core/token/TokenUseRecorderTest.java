package dev.warden.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.shared.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TokenUseRecorderTest {
    private static final Duration INTERVAL = Duration.ofMinutes(5);

    private final MutableClock clock = MutableClock.at("2025-03-01T10:00:00Z");
    private final InMemoryTokenRepository tokens = new InMemoryTokenRepository();
    private final TokenUseRecorder recorder = new TokenUseRecorder(tokens, clock, INTERVAL);

    private final AccessToken first = Tokens.aToken().build();
    private final AccessToken second = Tokens.aToken().build();
    private final AccessToken third = Tokens.aToken().build();

    TokenUseRecorderTest() {
        List.of(first, second, third).forEach(tokens::add);
    }

    private TokenUse use(AccessToken token, Instant at) {
        return new TokenUse(token.workspace(), token.id(), at, "10.0.0.7", "curl/8.5");
    }

    private TokenUse useNow(AccessToken token) {
        return use(token, clock.instant());
    }

    private List<TokenUse> lastBatch() {
        List<List<TokenUse>> batches = tokens.usageBatches();
        return batches.get(batches.size() - 1);
    }

    @Test
    void recordingAloneWritesNothing() {
        recorder.record(useNow(first));
        recorder.record(useNow(second));

        assertThat(tokens.usageWriteAttempts()).isZero();
        assertThat(recorder.pendingCount()).isEqualTo(2);
    }

    @Test
    void flushDueWritesEveryPendingUseInOneBatch() {
        recorder.record(useNow(first));
        recorder.record(useNow(second));
        recorder.record(useNow(third));

        int written = recorder.flushDue();

        assertThat(written).isEqualTo(3);
        assertThat(tokens.usageBatches()).hasSize(1);
        assertThat(lastBatch())
                .extracting(TokenUse::token)
                .containsExactlyInAnyOrder(first.id(), second.id(), third.id());
        assertThat(recorder.pendingCount()).isZero();
    }

    @Test
    void flushingWithNothingPendingWritesNothing() {
        assertThat(recorder.flushDue()).isZero();
        assertThat(recorder.flushAll()).isZero();

        assertThat(tokens.usageWriteAttempts()).isZero();
    }

    @Test
    void keepsOnlyTheNewestUseOfATokenEvenWhenUsesArriveOutOfOrder() {
        Instant t0 = clock.instant();
        recorder.record(use(first, t0.plusSeconds(1)));
        recorder.record(use(first, t0.plusSeconds(3)));
        recorder.record(use(first, t0.plusSeconds(2)));

        recorder.flushDue();

        assertThat(lastBatch())
                .singleElement()
                .satisfies(usage -> assertThat(usage.at()).isEqualTo(t0.plusSeconds(3)));
    }

    @Test
    void theWrittenUseBecomesTheTokensLastUse() {
        recorder.record(useNow(first));

        recorder.flushDue();

        assertThat(tokens.findById(first.workspace(), first.id()).orElseThrow().lastUse())
                .isEqualTo(new TokenLastUse(clock.instant(), "10.0.0.7", "curl/8.5"));
    }

    @Nested
    class WhenATokenWasWrittenRecently {
        private final Instant writtenAt = clock.instant();

        WhenATokenWasWrittenRecently() {
            recorder.record(useNow(first));
            recorder.flushDue();
        }

        @Test
        void manyUsesWithinTheIntervalAreNotWrittenAgain() {
            for (long seconds = 1; seconds < INTERVAL.toSeconds(); seconds += 10) {
                clock.setInstant(writtenAt.plusSeconds(seconds));
                recorder.record(useNow(first));
                recorder.flushDue();
            }

            assertThat(tokens.usageBatches()).hasSize(1);
            assertThat(recorder.pendingCount()).isEqualTo(1);
        }

        @Test
        void isNotWrittenJustBeforeTheIntervalHasPassed() {
            recorder.record(use(first, writtenAt.plusSeconds(1)));
            clock.setInstant(writtenAt.plus(INTERVAL).minusNanos(1));

            assertThat(recorder.flushDue()).isZero();
            assertThat(tokens.usageBatches()).hasSize(1);
        }

        @Test
        void isWrittenAgainWithItsNewestUseOnceTheIntervalHasPassed() {
            recorder.record(use(first, writtenAt.plusSeconds(10)));
            recorder.record(use(first, writtenAt.plusSeconds(90)));
            recorder.record(use(first, writtenAt.plusSeconds(20)));
            clock.advance(INTERVAL);

            assertThat(recorder.flushDue()).isEqualTo(1);

            assertThat(tokens.usageBatches()).hasSize(2);
            assertThat(lastBatch())
                    .singleElement()
                    .satisfies(usage -> assertThat(usage.at()).isEqualTo(writtenAt.plusSeconds(90)));
        }

        @Test
        void doesNotHoldBackOtherTokens() {
            clock.advance(Duration.ofSeconds(30));
            recorder.record(useNow(first));
            recorder.record(useNow(second));

            recorder.flushDue();

            assertThat(lastBatch()).extracting(TokenUse::token).containsExactly(second.id());
            assertThat(recorder.pendingCount()).isEqualTo(1);
        }

        @Test
        void flushAllWritesEverythingPendingRegardlessOfTheInterval() {
            clock.advance(Duration.ofSeconds(30));
            recorder.record(useNow(first));
            recorder.record(useNow(second));

            assertThat(recorder.flushAll()).isEqualTo(2);

            assertThat(tokens.usageBatches()).hasSize(2);
            assertThat(lastBatch()).extracting(TokenUse::token).containsExactlyInAnyOrder(first.id(), second.id());
            assertThat(recorder.pendingCount()).isZero();
        }
    }

    @Nested
    class WhenTheRepositoryFails {
        WhenTheRepositoryFails() {
            tokens.failUsageWritesWith(new IllegalStateException("database is down"));
        }

        @Test
        void keepsTheUsesPendingAndWritesThemOnTheNextRound() {
            recorder.record(useNow(first));
            recorder.record(useNow(second));

            assertThat(recorder.flushDue()).isZero();
            assertThat(recorder.pendingCount()).isEqualTo(2);

            tokens.failUsageWritesWith(null);
            assertThat(recorder.flushDue()).isEqualTo(2);
            assertThat(tokens.usageBatches()).hasSize(1);
            assertThat(tokens.usageBatches().get(0)).hasSize(2);
            assertThat(recorder.pendingCount()).isZero();
        }

        @Test
        void flushAllAlsoKeepsThemPending() {
            recorder.record(useNow(first));

            assertThat(recorder.flushAll()).isZero();

            assertThat(recorder.pendingCount()).isEqualTo(1);
        }

        @Test
        void aFailedWriteDoesNotCountAsAWriteForTheInterval() {
            recorder.record(useNow(first));
            recorder.flushDue();
            tokens.failUsageWritesWith(null);
            clock.advance(Duration.ofSeconds(1));

            assertThat(recorder.flushDue()).isEqualTo(1);
        }
    }

    @Test
    void aNewerUseThatArrivesDuringAFailedWriteIsKeptInsteadOfTheOlderOne() {
        Instant t0 = clock.instant();
        TokenUseRecorder[] racing = new TokenUseRecorder[1];
        InMemoryTokenRepository failingOnce = new InMemoryTokenRepository() {
            private boolean failed;

            @Override
            public synchronized void recordUses(Collection<TokenUse> usages) {
                if (!failed) {
                    failed = true;
                    racing[0].record(use(first, t0.plusSeconds(30))); // a request lands mid-write
                    throw new IllegalStateException("database is down");
                }
                super.recordUses(usages);
            }
        };
        failingOnce.add(first);
        racing[0] = new TokenUseRecorder(failingOnce, clock, INTERVAL);
        racing[0].record(use(first, t0));

        racing[0].flushDue();
        racing[0].flushDue();

        assertThat(failingOnce.usageBatches()).hasSize(1);
        assertThat(failingOnce.usageBatches().get(0))
                .singleElement()
                .satisfies(usage -> assertThat(usage.at()).isEqualTo(t0.plusSeconds(30)));
    }
}
