package dev.warden.web.notice;

import dev.warden.core.notice.Alert;
import dev.warden.core.notice.Notice;
import dev.warden.core.notice.NoticeChannel;
import dev.warden.core.notice.NoticeKind;
import dev.warden.core.token.TokenKind;
import dev.warden.web.config.NoticeProperties;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Notices by e-mail over SMTP (Spring Mail). Spring Boot makes the {@link JavaMailSender} only when {@code
 * spring.mail.host} is set; without it this channel is off. Each recipient gets a message of its own, so no recipient
 * learns the others' addresses. Plain, short text: which token, when it expires, where to rotate or extend it.
 */
@Component
class EmailNoticeChannel implements NoticeChannel {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final ObjectProvider<JavaMailSender> sender;
    private final NoticeProperties properties;

    EmailNoticeChannel(ObjectProvider<JavaMailSender> sender, NoticeProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    @Override
    public boolean enabled() {
        return sender.getIfAvailable() != null;
    }

    @Override
    public void send(Notice notice) {
        JavaMailSender mail = sender.getObject();
        String subject = subject(notice);
        String text = text(notice);
        for (String to : notice.recipients()) {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(properties.from());
            message.setTo(to);
            message.setSubject(subject);
            message.setText(text);
            mail.send(message);
        }
    }

    @Override
    public void sendAlert(Alert alert) {
        JavaMailSender mail = sender.getObject();
        for (String to : alert.recipients()) {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(properties.from());
            message.setTo(to);
            message.setSubject(alert.subject());
            message.setText(alert.text());
            mail.send(message);
        }
    }

    static String subject(Notice notice) {
        if (notice.kind() == NoticeKind.INACTIVITY) {
            return "Warden token " + notice.token().id().value() + " will be revoked within " + days(notice.leadDays())
                    + " unless it is used";
        }
        return "Warden token " + notice.token().id().value() + " expires within " + days(notice.leadDays());
    }

    String text(Notice notice) {
        return notice.kind() == NoticeKind.INACTIVITY ? inactivityText(notice) : expiryText(notice);
    }

    /** What happens, when, why, and how to keep the token: use it, or ask an admin. */
    private String inactivityText(Notice notice) {
        String base = properties.publicBaseUrl().replaceAll("/+$", "");
        return "Token " + notice.token().id().value() + comment(notice) + ", owned by " + notice.ownerName()
                + ", will be revoked on " + WHEN.format(notice.dueAt().atOffset(ZoneOffset.UTC))
                + ": the workspace revokes tokens unused for " + days(notice.unusedDays())
                + ", and this one has not been used since "
                + WHEN.format(notice.dueAt()
                        .minus(java.time.Duration.ofDays(notice.unusedDays()))
                        .atOffset(ZoneOffset.UTC))
                + ".\n\n"
                + "To keep it, use it before then (any authenticated call counts), or ask a workspace admin."
                + " If it is revoked, a workspace admin can restore it; its owner cannot.\n"
                + base + tokenPage(notice) + "\n\n"
                + "You get this notice because of the workspace's inactivity policy and notification settings"
                + " (Workspace settings).\n";
    }

    private static String comment(Notice notice) {
        return notice.token().comment() == null || notice.token().comment().isBlank()
                ? ""
                : " (\"" + notice.token().comment() + "\")";
    }

    private String expiryText(Notice notice) {
        String comment =
                notice.token().comment() == null || notice.token().comment().isBlank()
                        ? ""
                        : " (\"" + notice.token().comment() + "\")";
        String base = properties.publicBaseUrl().replaceAll("/+$", "");
        return "Token " + notice.token().id().value() + comment + ", owned by " + notice.ownerName() + ", expires on "
                + WHEN.format(notice.token().expiresAt().atOffset(ZoneOffset.UTC)) + ".\n\n"
                + "To keep whatever uses it working, rotate it (a new secret, same token) or create a new token"
                + " before then, and put the new value where the old one is used:\n"
                + base + tokenPage(notice) + "\n\n"
                + "You get this notice because of the workspace's notification settings"
                + " (Workspace settings, Notifications).\n";
    }

    /** The owner's own page for a personal token; the admin's token page for every other kind. */
    private static String tokenPage(Notice notice) {
        String id = notice.token().id().value();
        return notice.token().kind() == TokenKind.PERSONAL
                ? "/settings/user/tokens/" + id
                : "/settings/admin/tokens/" + id;
    }

    private static String days(int days) {
        return days == 1 ? "1 day" : days + " days";
    }
}
