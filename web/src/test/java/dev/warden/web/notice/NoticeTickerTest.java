package dev.warden.web.notice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.notice.Alert;
import dev.warden.core.notice.Notice;
import dev.warden.core.notice.NoticeChannel;
import dev.warden.web.config.NoticeProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Without an SMTP host nothing runs (so nothing is claimed), and the node says so once. */
@ExtendWith(OutputCaptureExtension.class)
class NoticeTickerTest {
    @Test
    void withoutAnSmtpHostNothingRunsAndThatIsLoggedOnce(CapturedOutput output) {
        NoticeChannel off = new NoticeChannel() {
            @Override
            public boolean enabled() {
                return false;
            }

            @Override
            public void send(Notice notice) {
                throw new AssertionError("nothing is sent");
            }

            @Override
            public void sendAlert(Alert alert) {
                throw new AssertionError("nothing is sent");
            }
        };
        // no scheduler: the run must not get as far as the lease or the claims
        NoticeTicker ticker = new NoticeTicker(
                null, off, new NoticeProperties(false, Duration.ofHours(1), "w@example.com", "http://x"));

        assertThat(ticker.runOnce()).isEmpty();
        assertThat(ticker.runOnce()).isEmpty();

        assertThat(output.getAll().split("no SMTP host configured", -1)).hasSize(2);
    }
}
