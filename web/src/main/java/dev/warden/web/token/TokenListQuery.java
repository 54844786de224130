package dev.warden.web.token;

import dev.warden.core.permission.Scope;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Validation;
import dev.warden.core.token.TokenCursor;
import dev.warden.core.token.TokenFilter;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenSort;
import dev.warden.core.token.TokenStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads the query of {@code GET /token-management/tokens}: filters, page size and the opaque page token. */
final class TokenListQuery {
    static final int MAX_DAYS = 36_500;
    /** The times a page token may name: those a DATETIME column holds (years 1000 to 9999). */
    private static final Instant OLDEST_KEY = Instant.parse("1000-01-01T00:00:00Z");

    private static final Instant NEWEST_KEY = Instant.parse("9999-12-31T23:59:59.999999Z");
    private static final java.util.regex.Pattern TOKEN_ID = java.util.regex.Pattern.compile("[0-9A-Za-z_-]{1,64}");

    /**
     * The {@code status} that is not a stored status: the active tokens a policy stops now (tokens off, owner
     * inactive, no token usage; see {@code TokenSuspensions}), as a token's {@code status} reports them.
     */
    static final String SUSPENDED = "SUSPENDED";

    private TokenListQuery() {}

    /** Whether the query asks for suspended tokens only ({@code status=SUSPENDED}, any case). */
    static boolean suspendedOnly(Map<String, String> query) {
        String status = text(query, "status");
        return status != null && status.equalsIgnoreCase(SUSPENDED);
    }

    /**
     * The query as the repository reads it: {@code status=SUSPENDED} becomes {@code ACTIVE} (a suspended token is
     * stored as active), the caller keeping only those a policy stops.
     */
    static Map<String, String> stored(Map<String, String> query) {
        if (!suspendedOnly(query)) {
            return query;
        }
        Map<String, String> stored = new java.util.LinkedHashMap<>(query);
        stored.put("status", TokenStatus.ACTIVE.name());
        return stored;
    }

    /**
     * The filter, or null when {@code created_by_username} names nobody (so nothing can match).
     * @param creatorByName a user name or an applicationId to a principal id, null when unknown
     */
    static TokenFilter filter(Map<String, String> query, Instant now, Function<String, PrincipalId> creatorByName) {
        PrincipalId owner = id(query, "owner_id");
        PrincipalId createdBy = id(query, "created_by_id");
        // no name holds a control character or runs past a name's length: such a filter is a mistake, not a miss
        String username = Validation.optional(text(query, "created_by_username"), "created_by_username", 255);
        if (username != null) {
            PrincipalId byName = creatorByName.apply(username);
            if (byName == null || (createdBy != null && !createdBy.equals(byName))) {
                return null;
            }
            createdBy = byName;
        }
        TokenStatus status = choice(query, "status", TokenStatus.class);
        TokenKind kind = choice(query, "kind", TokenKind.class);
        String scope = scope(query);
        Integer expiring = days(query, "expiring_within_days");
        Integer unused = days(query, "unused_for_days");
        boolean neverUsed = bool(query, "never_used");
        return new TokenFilter(
                owner,
                createdBy,
                status,
                kind,
                scope,
                expiring == null ? null : now.plus(Duration.ofDays(expiring)),
                unused == null ? null : now.minus(Duration.ofDays(unused)),
                neverUsed,
                now);
    }

    /**
     * Whether the query asks for the tokens that expire soon ({@code expiring_soon=true}). They are active by
     * definition, so {@code status} may only be ACTIVE or SUSPENDED beside it; any other is a mistake, named as such.
     */
    static boolean expiringSoon(Map<String, String> query) {
        boolean soon = bool(query, EXPIRING_SOON);
        String status = text(query, "status");
        if (soon
                && status != null
                && !status.equalsIgnoreCase(TokenStatus.ACTIVE.name())
                && !status.equalsIgnoreCase(SUSPENDED)) {
            throw new InvalidParameterException(
                    EXPIRING_SOON,
                    EXPIRING_SOON + " finds active tokens only; it cannot be combined with status="
                            + Validation.echo(status) + " (leave status out, or use ACTIVE or SUSPENDED).");
        }
        return soon;
    }

    /** The query parameter of "Expiring soon" (see {@link dev.warden.core.token.ExpiringSoon}). */
    static final String EXPIRING_SOON = "expiring_soon";

    /** Null when absent: the caller wants every token in one response. */
    static Integer pageSize(Map<String, String> query) {
        String raw = text(query, "page_size");
        if (raw == null) {
            return null;
        }
        try {
            int size = Integer.parseInt(raw);
            if (size >= 1 && size <= dev.warden.core.token.TokenManagementService.MAX_PAGE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidParameterException(
                "page_size",
                "page_size must be a whole number from 1 to " + dev.warden.core.token.TokenManagementService.MAX_PAGE
                        + "; got " + Validation.echo(raw) + ".");
    }

    /** {@code sort}: newest (the default), oldest, expiring_soonest, least_recently_used, most_recently_used. */
    static TokenSort sort(Map<String, String> query) {
        TokenSort sort = choice(query, "sort", TokenSort.class);
        return sort == null ? TokenSort.NEWEST : sort;
    }

    /** The page token names its order, so a token from one order is never read as a position in another. */
    static TokenCursor cursor(Map<String, String> query, TokenSort sort) {
        String raw = text(query, "page_token");
        if (raw == null) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8);
            String[] parts = decoded.split(":", 4);
            if (parts.length == 4
                    && parts[0].equals(sort.name())
                    && TOKEN_ID.matcher(parts[3]).matches()) {
                Instant key = parts[1].equals("-") && parts[2].equals("-")
                        ? null
                        : Instant.ofEpochSecond(Long.parseLong(parts[1]), Integer.parseInt(parts[2]));
                // only a time a stored token can have: anything else was not handed out (and the database's
                // DATETIME could not even hold it)
                if (key == null || (!key.isBefore(OLDEST_KEY) && !key.isAfter(NEWEST_KEY) && validNanos(parts[2]))) {
                    return new TokenCursor(key, new TokenId(parts[3]));
                }
            }
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            // answered below
        }
        throw new InvalidParameterException(
                "page_token",
                "page_token is not one this API handed out for this sort;"
                        + " pass the next_page_token of the previous response unchanged, with the same sort.");
    }

    private static boolean validNanos(String nanos) {
        int value = Integer.parseInt(nanos);
        return value >= 0 && value <= 999_999_999;
    }

    static String pageToken(TokenCursor cursor, TokenSort sort) {
        Instant key = cursor.key();
        String plain = sort.name() + ":" + (key == null ? "-:-" : key.getEpochSecond() + ":" + key.getNano()) + ":"
                + cursor.id().value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Map<String, String> query, String name) {
        String value = query.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * A scope key: {@code all-apis} or {@code resource:action}. It need not be in the catalogue now: a scope a service
     * no longer declares still finds the tokens that carry it.
     */
    private static String scope(Map<String, String> query) {
        String raw = text(query, "scope");
        if (raw == null) {
            return null;
        }
        try {
            return new Scope(raw).key();
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(
                    "scope",
                    "scope must be all-apis or resource:action, such as tokens:read; got " + Validation.echo(raw)
                            + ".");
        }
    }

    private static PrincipalId id(Map<String, String> query, String name) {
        String raw = text(query, name);
        if (raw == null) {
            return null;
        }
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return new PrincipalId(id);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidParameterException(
                name, name + " must be a principal id (a positive whole number); got " + Validation.echo(raw) + ".");
    }

    private static <E extends Enum<E>> E choice(Map<String, String> query, String name, Class<E> type) {
        String raw = text(query, name);
        if (raw == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(
                    name,
                    name + " must be one of "
                            + Arrays.stream(type.getEnumConstants())
                                    .map(Enum::name)
                                    .collect(Collectors.joining(", "))
                            + (type == TokenStatus.class ? ", " + SUSPENDED : "") + "; got " + Validation.echo(raw)
                            + ".");
        }
    }

    private static Integer days(Map<String, String> query, String name) {
        String raw = text(query, name);
        if (raw == null) {
            return null;
        }
        try {
            int days = Integer.parseInt(raw);
            if (days >= 0 && days <= MAX_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidParameterException(
                name,
                name + " must be a whole number of days from 0 to " + MAX_DAYS + "; got " + Validation.echo(raw) + ".");
    }

    private static boolean bool(Map<String, String> query, String name) {
        String raw = text(query, name);
        if (raw == null) {
            return false;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw new InvalidParameterException(
                        name, name + " must be true or false; got " + Validation.echo(raw) + ".");
        };
    }
}
