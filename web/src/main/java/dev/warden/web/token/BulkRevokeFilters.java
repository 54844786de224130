package dev.warden.web.token;

import dev.warden.core.notice.TokenHealthService;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalNames;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Validation;
import dev.warden.core.token.TokenFilter;
import dev.warden.core.token.TokenKind;
import dev.warden.web.console.PrincipalLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The filters of a bulk revoke, named as {@code GET /token-management/tokens} names them and read by
 * {@link TokenListQuery}, for the API (JSON body fields) and the console (form fields). A name that is not a filter
 * is refused rather than ignored: ignoring it would revoke more than the caller meant.
 */
@Component
class BulkRevokeFilters {
    /** Filter name → how the console shows it, in the order it shows them. */
    static final Map<String, String> LABELS = labels();
    /** Stands for "nobody": a created_by_username that names no one matches no token. Ids start at 1. */
    private static final PrincipalId NOBODY = new PrincipalId(-1);

    private final PrincipalNames principals;
    private final TokenHealthService health;

    BulkRevokeFilters(PrincipalNames principals, TokenHealthService health) {
        this.principals = principals;
        this.health = health;
    }

    /**
     * The non-blank filters of {@code fields}, in {@link #LABELS} order; names in {@code alsoAllowed} (paging, the
     * reason, the CSRF token) are skipped, any other name is a 400 naming it.
     */
    static Map<String, String> select(Map<String, String> fields, Set<String> alsoAllowed) {
        for (String name : fields.keySet()) {
            if (!LABELS.containsKey(name) && !alsoAllowed.contains(name)) {
                throw new InvalidParameterException(
                        name,
                        Validation.echo(name) + " is not a filter of a bulk revoke; the" + " filters are "
                                + String.join(", ", LABELS.keySet()) + ".");
            }
        }
        Map<String, String> selected = new LinkedHashMap<>();
        LABELS.keySet().forEach(name -> {
            String value = fields.get(name);
            if (value != null && !value.isBlank()) {
                selected.put(name, value.strip());
            }
        });
        return selected;
    }

    /** The core filter; bad values are a 400 naming the field. */
    TokenFilter filter(Actor actor, Map<String, String> filters, Instant now) {
        if (TokenListQuery.suspendedOnly(filters)) {
            // read as ACTIVE it would revoke every working token too: refuse rather than widen
            throw new InvalidParameterException(
                    "status",
                    "status SUSPENDED cannot select tokens to revoke: it is not a stored status, and revoking by"
                            + " ACTIVE would take every working token too. Narrow by owner_id (the owner whose tokens"
                            + " are suspended) with status ACTIVE instead.");
        }
        boolean expiringSoon = TokenListQuery.expiringSoon(filters);
        TokenFilter filter = TokenListQuery.filter(filters, now, name -> creatorByName(actor, name));
        if (filter == null) {
            return new TokenFilter(null, NOBODY, null, null, null, null, null, false, now);
        }
        // the inventory's "Expiring soon" revokes exactly what it lists
        return expiringSoon ? filter.expiringSoon(health.expiringSoon(actor.workspace())) : filter;
    }

    /** The filters as people read them ("Owner: alice (id 12)"); empty when every token that works is meant. */
    List<Shown> describe(Actor actor, Map<String, String> filters) {
        List<Shown> shown = new ArrayList<>();
        filters.forEach((name, value) -> {
            String text = switch (name) {
                case "owner_id", "created_by_id" -> principal(actor, value);
                case "status" -> capitalized(value);
                case "kind" -> kind(value);
                case "expiring_within_days" -> "the next " + days(value);
                case "unused_for_days" -> days(value);
                case "never_used", TokenListQuery.EXPIRING_SOON -> "true".equalsIgnoreCase(value) ? "yes" : null;
                default -> value;
            };
            if (text != null) {
                shown.add(new Shown(name, LABELS.get(name), text));
            }
        });
        return shown;
    }

    /** One filter as the console shows it; {@code name} is its form field. */
    record Shown(String name, String label, String text) {}

    /** A user by userName, else a service principal by applicationId; null when neither exists. */
    private PrincipalId creatorByName(Actor actor, String name) {
        return principals
                .byUserNameOrApplicationId(actor.workspace(), name)
                .map(Principal::id)
                .orElse(null);
    }

    private String principal(Actor actor, String value) {
        try {
            return principals
                    .find(actor.workspace(), new PrincipalId(Long.parseLong(value)))
                    .map(p -> PrincipalLink.labelOf(p) + " (id " + value + ")")
                    .orElse("id " + value + " (nobody)");
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static String kind(String value) {
        try {
            return TokenInventoryRow.kindLabel(TokenKind.valueOf(value.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static String capitalized(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.isEmpty() ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    private static String days(String value) {
        return "1".equals(value) ? "1 day" : value + " days";
    }

    private static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("owner_id", "Owner");
        labels.put("created_by_id", "Created by");
        labels.put("created_by_username", "Created by (user name or applicationId)");
        labels.put("status", "Status");
        labels.put("kind", "Kind");
        labels.put("scope", "Scope");
        labels.put("expiring_within_days", "Expiring within");
        labels.put("unused_for_days", "Unused for");
        labels.put("never_used", "Never used");
        labels.put(TokenListQuery.EXPIRING_SOON, "Expiring soon");
        return java.util.Collections.unmodifiableMap(labels);
    }
}
