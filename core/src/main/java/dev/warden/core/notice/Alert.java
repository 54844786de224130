package dev.warden.core.notice;

import java.util.List;

/** A free-text message about a token, for {@link NoticeChannel#sendAlert}. */
public record Alert(List<String> recipients, String subject, String text) {
    public Alert {
        recipients = List.copyOf(recipients);
    }
}
