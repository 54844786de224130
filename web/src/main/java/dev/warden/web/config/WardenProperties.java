package dev.warden.web.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Boot-time settings ({@code warden.*} in application.yaml, each with an environment override there).
 * Runtime workspace settings that admins edit live in the database, not here.
 */
@ConfigurationProperties("warden")
public record WardenProperties(
        @DefaultValue("./data") String dataDir,
        @DefaultValue("main") String consoleWorkspace,
        @DefaultValue Tokens tokens,
        @DefaultValue Bootstrap bootstrap,
        @DefaultValue AuthorizationCache authorizationCache,
        @DefaultValue OAuth oauth) {

    public record Tokens(
            @DefaultValue("wdn_") String prefix,
            @DefaultValue("90d") Duration defaultLifetime,
            @DefaultValue("730d") Duration maxLifetime,
            /* A token's last use is written at most once per this interval. */
            @DefaultValue("60s") Duration lastUseWriteInterval,
            /* How often pending last-use values are checked for writing. */
            @DefaultValue("1s") Duration lastUseFlushTick) {}

    /**
     * Each node's memory of what the decision chain resolved for token owners (DESIGN, "Request cost"). Correctness
     * needs no expiry: the bounds are for memory only.
     * @param maxEntries at most this many owners (at one workspace version each) are kept; 0 keeps none
     * @param idle an entry nobody asked for this long is dropped
     */
    public record AuthorizationCache(
            @DefaultValue("10000") long maxEntries,
            @DefaultValue("10m") Duration idle) {}

    /**
     * OAuth machine-to-machine (client credentials for service principals).
     * @param accessTokenLifetime how long an access token from {@code /oidc/v1/token} lives (1 second to 1 day)
     */
    public record OAuth(@DefaultValue("1h") Duration accessTokenLifetime) {}

    /**
     * First start on an empty database.
     * @param adminPassword the admin's password; generated and printed once when empty
     * @param adminToken an exact token value that becomes an admin token; must be in Warden's format
     */
    public record Bootstrap(String adminPassword, String adminToken) {
        public boolean hasAdminPassword() {
            return adminPassword != null && !adminPassword.isBlank();
        }

        public boolean hasAdminToken() {
            return adminToken != null && !adminToken.isBlank();
        }
    }
}
