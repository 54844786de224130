package dev.warden.web.token;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Leaked-token reports ({@code warden.leak-report.*}): at most {@code reportsPerMinute} reports per client address
 * and minute (counted in this node's memory, at most {@code maxTracked} addresses), and GitHub's secret-scanning
 * signing keys: {@code githubPublicKeys} is a file holding what {@code https://api.github.com/meta/public_keys/secret_scanning}
 * answers (Warden does not fetch it); when set, a signed report's signature is verified.
 */
@ConfigurationProperties("warden.leak-report")
public record LeakReportProperties(
        @DefaultValue("20") int reportsPerMinute,
        Path githubPublicKeys,
        @DefaultValue("100000") int maxTracked) {

    public LeakReportProperties {
        if (reportsPerMinute < 1 || maxTracked < 1) {
            throw new IllegalArgumentException("warden.leak-report: reports-per-minute and max-tracked must be >= 1");
        }
    }
}
