package dev.warden.core.notice;

/** Port: a way notices reach people (e-mail today; webhooks later). */
public interface NoticeChannel {
    /** Whether this channel can deliver at all (e-mail without an SMTP host cannot). */
    boolean enabled();

    /**
     * Delivers one notice to its recipients.
     *
     * @throws RuntimeException when it could not; the notice is then tried again at the next run
     */
    void send(Notice notice);

    /** Delivers an alert raised through {@link TokenAlerts}; throws as {@link #send} does. */
    void sendAlert(Alert alert);
}
