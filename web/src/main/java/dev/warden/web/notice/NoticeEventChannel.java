package dev.warden.web.notice;

import dev.warden.core.event.TokenEvent;
import dev.warden.core.event.TokenEventType;
import dev.warden.core.event.TokenEvents;
import dev.warden.core.notice.Alert;
import dev.warden.core.notice.Notice;
import dev.warden.core.notice.NoticeChannel;
import dev.warden.core.notice.NoticeKind;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The notice channel the notice run uses: each notice is first queued as an event for the webhooks ({@code
 * token.expiring} for an expiry, {@code token.unused} for the inactivity policy's warning), then mailed. The event's
 * id is derived from the token, the lead time and the due date (see the outbox), so when the e-mail fails and the run
 * gives the claim back and tries again, the webhooks still get it once.
 */
@Component
@Primary
class NoticeEventChannel implements NoticeChannel {
    private final EmailNoticeChannel email;
    private final TokenEvents events;
    private final Clock clock;

    NoticeEventChannel(EmailNoticeChannel email, TokenEvents events, Clock clock) {
        this.email = email;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public boolean enabled() {
        return email.enabled();
    }

    @Override
    public void send(Notice notice) {
        Map<String, Object> data = new LinkedHashMap<>();
        boolean inactivity = notice.kind() == NoticeKind.INACTIVITY;
        data.put("lead_days", notice.leadDays());
        data.put("due_at", notice.dueAt().toString());
        if (notice.token().expiresAt() != null) {
            data.put("expires_at", notice.token().expiresAt().toString());
        }
        if (inactivity) {
            data.put("unused_days", notice.unusedDays());
        }
        data.put("kind", notice.token().kind().name());
        data.put("owner_id", notice.token().owner().toString());
        if (notice.token().comment() != null) {
            data.put("comment", notice.token().comment());
        }
        events.publish(new TokenEvent(
                notice.token().workspace(),
                inactivity ? TokenEventType.UNUSED : TokenEventType.EXPIRING,
                notice.token().id(),
                clock.instant(),
                data));
        email.send(notice);
    }

    @Override
    public void sendAlert(Alert alert) {
        email.sendAlert(alert);
    }
}
