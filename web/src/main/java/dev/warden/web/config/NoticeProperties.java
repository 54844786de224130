package dev.warden.web.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Expiry notices ({@code warden.notices.*}; README, "Expiry notices"). E-mail goes through Spring Mail's {@code
 * spring.mail.*} (host, port, user name, password); without {@code spring.mail.host} e-mail is off.
 *
 * @param enabled whether this node runs the periodic notice run at all
 * @param tick how often the run is tried (one node at a time runs it, under the {@code expiry-notices} lease)
 * @param from the sender address of notice e-mails
 * @param publicBaseUrl the address people reach the console at, for the link to the token's page
 */
@ConfigurationProperties("warden.notices")
public record NoticeProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1h") Duration tick,
        @DefaultValue("warden@localhost") String from,
        @DefaultValue("http://localhost:8080") String publicBaseUrl) {

    /** The lease outlives a tick a little, so the holder renews it before anyone else may take it. */
    public Duration lease() {
        return tick.plus(tick.dividedBy(2));
    }
}
