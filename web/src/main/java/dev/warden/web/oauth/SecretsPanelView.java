package dev.warden.web.oauth;

import dev.warden.core.oauth.SecretStatus;
import dev.warden.core.oauth.ServicePrincipalSecret;
import dev.warden.web.console.InstantText;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The OAuth secrets section of a service principal's page: its secrets with status and expiry, and, for whoever may
 * create one, the lifetimes to choose from (presets up to the workspace's longest).
 * @param path where the section's actions go ({@code /settings/admin/service-principals/{id}/secrets})
 * @param clientId the service principal's application id, which tools use as client id
 * @param presets lifetimes in days a new secret may have; empty when the viewer may not create one
 * @param preferredDays the preset chosen at first
 */
public record SecretsPanelView(
        String path,
        String clientId,
        List<Row> secrets,
        boolean mayChange,
        List<Preset> presets,
        long preferredDays,
        int max) {
    /** The lifetimes offered, in days; only those up to the workspace's longest, which is always offered too. */
    private static final List<Long> PRESET_DAYS = List.of(30L, 90L, 180L, 365L, 730L);

    private static final long PREFERRED_DAYS = 90;

    public record Preset(long days, String label) {}

    /**
     * @param statusLabel "Active" or "Expired"
     * @param deleteConfirm the question asked before deleting, which says what stops
     */
    public record Row(
            String id,
            String hint,
            String created,
            String expires,
            String status,
            String statusLabel,
            String deleteConfirm) {
        static Row of(ServicePrincipalSecret secret, Instant now) {
            SecretStatus status = secret.statusAt(now);
            return new Row(
                    secret.id().value(),
                    secret.displayHint(),
                    InstantText.format(secret.createdAt()),
                    InstantText.format(secret.expiresAt()),
                    status.name().toLowerCase(java.util.Locale.ROOT),
                    status == SecretStatus.ACTIVE ? "Active" : "Expired",
                    "Delete secret " + secret.displayHint() + "? Tools using it get no new tokens, and the tokens it"
                            + " obtained stop working now.");
        }
    }

    static SecretsPanelView of(
            long servicePrincipal,
            String clientId,
            List<ServicePrincipalSecret> secrets,
            boolean mayChange,
            Duration maxLifetime,
            int max,
            Instant now) {
        long maxDays = maxLifetime.toDays();
        List<Preset> presets = mayChange
                ? java.util.stream.Stream.concat(
                                PRESET_DAYS.stream().filter(days -> days < maxDays),
                                java.util.stream.Stream.of(maxDays))
                        .map(days -> new Preset(days, label(days)))
                        .toList()
                : List.of();
        return new SecretsPanelView(
                SecretsPageController.path(servicePrincipal),
                clientId,
                secrets.stream().map(secret -> Row.of(secret, now)).toList(),
                mayChange,
                presets,
                Math.min(PREFERRED_DAYS, maxDays),
                max);
    }

    public boolean full() {
        return secrets.size() >= max;
    }

    private static String label(long days) {
        if (days % 365 == 0) {
            long years = days / 365;
            return years + (years == 1 ? " year" : " years") + " (" + days + " days)";
        }
        return days + (days == 1 ? " day" : " days");
    }
}
