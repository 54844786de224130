package dev.warden.web.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The inactivity policy's periodic run ({@code warden.inactivity.*}; README, "Inactivity policy"). Which tokens it
 * revokes is a workspace setting ({@code revokeUnusedTokensAfterDays}); these only say whether and how often a node
 * tries the run.
 *
 * @param enabled whether this node runs the policy at all
 * @param tick how often the run is tried (one node at a time runs it, under the {@code inactivity-policy} lease)
 */
@ConfigurationProperties("warden.inactivity")
public record InactivityProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1h") Duration tick) {

    /** The lease outlives a tick a little, so the holder renews it before anyone else may take it. */
    public Duration lease() {
        return tick.plus(tick.dividedBy(2));
    }
}
