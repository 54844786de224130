package dev.warden.web.console;

import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.token.TokenLifetimePolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The one expiry control of every create-token dialog (personal, on behalf of a service principal, organisation,
 * group): presets of 7, 30 and 90 days, or a date, within the workspace's longest lifetime. "Never" is offered only
 * where the lifetime policy allows a token without expiry, which Warden's policies do not today (every workspace has
 * a maximum lifetime), so it is not shown. The form posts {@code expiresIn} (a preset's days, or {@value #ON_DATE})
 * and {@code expirationDate}.
 * @param presets the preset lifetimes in days that fit within the maximum
 * @param dates each preset's expiry date, as the preset's hint shows it
 */
public record ExpiryControl(
        List<Integer> presets, List<String> dates, String today, String minDate, String maxDate, long maxDays) {
    public static final String ON_DATE = "date";
    private static final List<Integer> PRESETS = List.of(7, 30, 90);

    public static ExpiryControl of(TokenLifetimePolicy lifetimes, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Integer> fitting =
                PRESETS.stream().filter(days -> days <= lifetimes.maxDays()).toList();
        return new ExpiryControl(
                fitting,
                fitting.stream().map(days -> today.plusDays(days).toString()).toList(),
                today.toString(),
                lifetimes.firstExpiryDate(now).toString(),
                lifetimes.lastExpiryDate(now).toString(),
                lifetimes.maxDays());
    }

    /** The choice a new dialog starts with: the default lifetime's preset when it is one, else its date. */
    public static String defaultChoice(TokenLifetimePolicy lifetimes) {
        long days = lifetimes.defaultDays();
        return PRESETS.contains((int) days) && days <= lifetimes.maxDays() ? String.valueOf(days) : ON_DATE;
    }

    /**
     * The lifetime the form asks for. A form that names no choice (a script posting the field alone) is read by the
     * field it sent: a date, else {@code legacyDays} (the personal dialog's former "Lifetime in days").
     * @throws InvalidParameterException as core words it, on {@link TokenLifetimePolicy#FIELD}
     */
    public static Duration lifetime(
            String expiresIn, LocalDate date, Integer legacyDays, TokenLifetimePolicy lifetimes, Instant now) {
        String choice = expiresIn == null ? "" : expiresIn.strip();
        if (choice.isEmpty() && date == null && legacyDays != null) {
            return lifetimes.lifetimeOfDays(legacyDays);
        }
        if (choice.isEmpty() || choice.equals(ON_DATE)) {
            return lifetimes.lifetimeUntil(date, now);
        }
        try {
            return lifetimes.lifetimeOfDays(Integer.valueOf(choice));
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(
                    TokenLifetimePolicy.FIELD, "Choose 7, 30 or 90 days, or a date, for the token to expire.");
        }
    }

    public String dateIn(int days) {
        return dates.get(presets.indexOf(days));
    }
}
