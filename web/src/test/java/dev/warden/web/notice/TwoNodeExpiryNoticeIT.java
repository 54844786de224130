package dev.warden.web.notice;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.warden.core.notice.NoticeService;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.Tokens;
import dev.warden.persistence.EmbeddedMariaDb;
import dev.warden.web.support.RunningWarden;
import dev.warden.web.support.TestData;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The two-node test: two whole Warden nodes (two Spring application contexts, as {@code MultiNodeIT} starts
 * them) on one MariaDB, each with its notice ticker started and sending through one real SMTP server (GreenMail). A
 * token expiring in 7 days gets exactly one 7-day notice: not one per node when both run at the same moment, not a
 * second when both run again, nor after one node restarts.
 *
 * <p>The tickers run on their ordinary schedule, an hour apart here, so that no run happens behind the test's back;
 * the test makes each run happen through {@link NoticeTicker#runOnce()} (what the schedule calls: lease, then run)
 * and through each node's {@link NoticeService#runOnce()} (the run itself, without the lease, so that two nodes
 * really run it at once and only the claim in the database stands between them and a second mail). No waiting on
 * time: every run has finished when its call returns, and GreenMail has the message by then (SMTP is synchronous).
 */
class TwoNodeExpiryNoticeIT {
    private static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    private static String database;
    private static RunningWarden nodeA;
    private static RunningWarden nodeB;

    @BeforeAll
    static void twoNodesAndAnSmtpServer() {
        SMTP.start();
        database = EmbeddedMariaDb.newDatabase("two_node_notices");
        nodeA = start();
        nodeB = start();
    }

    @AfterAll
    static void stop() {
        for (RunningWarden node : new RunningWarden[] {nodeB, nodeA}) {
            if (node != null) {
                node.close();
            }
        }
        SMTP.stop();
    }

    private static RunningWarden start() {
        return RunningWarden.startOn(
                database,
                EmbeddedMariaDb.username(),
                EmbeddedMariaDb.password(),
                "warden.bootstrap.admin-password=two-node-notices-password",
                "spring.mail.host=127.0.0.1",
                "spring.mail.port=" + SMTP.getSmtp().getPort(),
                "warden.notices.enabled=true",
                "warden.notices.tick=1h",
                "warden.notices.from=warden@example.com",
                "warden.notices.public-base-url=https://warden.example.com/");
    }

    @Test
    void aTokenExpiringInSevenDaysGetsExactlyOneSevenDayNoticeAcrossNodesRunsAndARestart() throws Exception {
        TestData data = TestData.of(nodeA.context());
        Principal alice = data.user("alice");
        nodeA.bean(PrincipalRepository.class)
                .save(alice.withProfile(alice.userName(), alice.displayName(), "alice@example.com", null, null, null));
        Instant now = Instant.now();
        AccessToken token = Tokens.aToken()
                .inWorkspace(data.main().id())
                .ownedBy(alice.id())
                .createdBy(alice.id())
                .comment("nightly backup")
                .createdAt(now.minus(Duration.ofDays(83)))
                .expiringAt(now.plus(Duration.ofDays(7)))
                .build();
        nodeA.bean(TokenRepository.class).add(token);

        // both nodes run at the same moment: one claim wins, one mail
        int sent = bothAtOnce(
                        () -> nodeA.bean(NoticeService.class).runOnce(),
                        () -> nodeB.bean(NoticeService.class).runOnce())
                .stream()
                .mapToInt(NoticeService.RunResult::sent)
                .sum();
        assertThat(sent).isEqualTo(1);
        assertOneSevenDayNotice(token);

        // both schedulers' runs: only the node holding the lease runs, and finds the notice claimed
        List<Optional<NoticeService.RunResult>> ticks =
                bothAtOnce(() -> ticker(nodeA).runOnce(), () -> ticker(nodeB).runOnce());
        assertThat(ticks).filteredOn(Optional::isPresent).as("one lease holder").hasSize(1);
        assertThat(ticks.stream()
                        .flatMap(Optional::stream)
                        .mapToInt(NoticeService.RunResult::sent)
                        .sum())
                .isZero();
        // and both nodes again, each in its own right
        assertThat(nodeA.bean(NoticeService.class).runOnce().sent()).isZero();
        assertThat(nodeB.bean(NoticeService.class).runOnce().sent()).isZero();
        assertOneSevenDayNotice(token);

        // node A restarts: a new process, a new lease holder, the same database
        nodeA.close();
        nodeA = start();
        assertThat(ticker(nodeA).runOnce().map(NoticeService.RunResult::sent).orElse(0))
                .isZero();
        assertThat(ticker(nodeB).runOnce().map(NoticeService.RunResult::sent).orElse(0))
                .isZero();
        assertThat(nodeA.bean(NoticeService.class).runOnce().sent()).isZero();
        assertOneSevenDayNotice(token);
        assertThat(nodeB.bean(JdbcClient.class)
                        .sql("SELECT lead_days FROM token_notice WHERE token_id = :token")
                        .param("token", token.id().value())
                        .query(Integer.class)
                        .list())
                .as("the one claim in the database")
                .containsExactly(7);
    }

    private static void assertOneSevenDayNotice(AccessToken token) throws Exception {
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getRecipients(Message.RecipientType.TO))
                .extracting(Object::toString)
                .containsExactly("alice@example.com");
        assertThat(received[0].getSubject())
                .isEqualTo("Warden token " + token.id().value() + " expires within 7 days");
    }

    private static NoticeTicker ticker(RunningWarden node) {
        return node.bean(NoticeTicker.class);
    }

    /** Both released at the same moment, on two threads; their answers in order. */
    private static <T> List<T> bothAtOnce(Supplier<T> first, Supplier<T> second) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<T>> runs = new ArrayList<>();
        for (Supplier<T> work : List.of(first, second)) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return work.get();
            }));
        }
        go.countDown();
        List<T> answers = new ArrayList<>();
        for (CompletableFuture<T> run : runs) {
            answers.add(run.get());
        }
        return answers;
    }
}
