package dev.warden.web.token;

import dev.warden.core.access.ScopeState;
import dev.warden.core.permission.Scope;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.DenialReason;
import dev.warden.core.token.TokenStatus;
import dev.warden.web.console.InstantText;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every view of a token shows, formatted for people, whatever page it is on: a user's own token list and page,
 * the Admin Console's inventory, an organisation or group token list, a principal's tokens, a token's page. Each of
 * those composes these facts with its own (owner, creator, path…); see {@link Row}.
 * @param name the token's comment, or "(no name)"
 * @param status {@code ACTIVE}, {@code REVOKED}, {@code EXPIRED}, or {@code SUSPENDED} when a policy stops a token
 *               that would otherwise work
 * @param lastUsedService the registered service that asked about the token last (introspection or forward
 *     authentication), or null when its last use was a call of Warden's own API
 * @param revocable whether Revoke applies (the token is active)
 * @param restorable whether Restore applies: revoked, not expired, and the viewer may restore it
 * @param rotatable whether Rotate applies: the token access policy lets the viewer rotate it here (core's
 *     {@code allows}: active, not an OAuth token, and the viewer may receive its secret); false until
 *     {@link #withRotate} says so
 */
public record TokenFacts(
        String id,
        String name,
        String hint,
        List<String> scopes,
        String created,
        String expires,
        String lastUsed,
        String lastUsedAddress,
        String lastUsedService,
        String status,
        String statusLabel,
        boolean revocable,
        boolean restorable,
        boolean rotatable,
        Map<String, String> deadScopes) {
    private static final String SUSPENDED = "SUSPENDED";
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    public TokenFacts {
        deadScopes = deadScopes == null ? Map.of() : Map.copyOf(deadScopes);
    }

    /** @param mayRestore whether the viewer may restore it (the token access policy says) */
    public static TokenFacts of(AccessToken token, boolean mayRestore, Instant now) {
        return of(token, mayRestore, now, InstantText.TO_THE_MINUTE);
    }

    /** The same facts with times to the second, as a token's own page shows them. */
    public static TokenFacts toTheSecond(AccessToken token, boolean mayRestore, Instant now) {
        return of(token, mayRestore, now, InstantText.TO_THE_SECOND);
    }

    private static TokenFacts of(AccessToken token, boolean mayRestore, Instant now, InstantText time) {
        TokenStatus status = token.statusAt(now);
        return new TokenFacts(
                token.id().value(),
                token.comment() == null || token.comment().isEmpty() ? "(no name)" : token.comment(),
                token.displayHint(),
                token.scopes().stream().map(Scope::key).toList(),
                time.of(token.createdAt()),
                time.orNever(token.expiresAt()),
                time.orNever(token.lastUse() == null ? null : token.lastUse().at()),
                token.lastUse() == null ? null : token.lastUse().clientAddress(),
                token.lastUse() == null ? null : token.lastUse().service(),
                status.name(),
                label(status),
                status == TokenStatus.ACTIVE,
                status == TokenStatus.REVOKED && !token.isExpiredAt(now) && mayRestore,
                false,
                Map.of());
    }

    /** The same facts with Rotate offered when the viewer may rotate the token where it is shown. */
    public TokenFacts withRotate(boolean mayRotate) {
        return copy(status, statusLabel, mayRotate, deadScopes);
    }

    /**
     * The same token with its dead scopes marked (a list's chips strike them through and say since when): a scope
     * that no longer works because the owner's roles lost its permission or its service no longer declares it.
     */
    public TokenFacts withDeadScopes(List<ScopeState> dead) {
        return withDeadScopes(dead, false);
    }

    /** As {@link #withDeadScopes(List)}; {@code forOwner}: the owner reads the note ("you no longer hold it"). */
    public TokenFacts withDeadScopes(List<ScopeState> dead, boolean forOwner) {
        if (dead == null || dead.isEmpty()) {
            return this;
        }
        Map<String, String> notes = new LinkedHashMap<>();
        dead.forEach(state -> notes.put(state.scope().key(), deadNote(state, forOwner)));
        return copy(status, statusLabel, rotatable, notes);
    }

    /** "removed on 2026-11-02" when the audit log tells when, else why in a few words. */
    static String deadNote(ScopeState state, boolean forOwner) {
        if (state.since() != null) {
            return "removed on " + DAY.format(state.since());
        }
        String why = state.why() == null ? "" : state.why();
        if (why.contains("catalogue")) {
            return "no longer in the catalogue";
        }
        return forOwner ? "you no longer hold it" : "owner lacks it";
    }

    public boolean isDead(String scope) {
        return deadScopes.containsKey(scope);
    }

    /** The same token when it would work but does not now (its owner lost token usage, or tokens are off). */
    public TokenFacts suspended() {
        return suspended("Suspended");
    }

    /** As {@link #suspended()}, with a label that says why ("Suspended: owner inactive"). */
    public TokenFacts suspended(String label) {
        return isActive() ? copy(SUSPENDED, label, rotatable, deadScopes) : this;
    }

    /** These facts with what the withers change; everything else as it is. */
    private TokenFacts copy(String status, String statusLabel, boolean rotatable, Map<String, String> deadScopes) {
        return new TokenFacts(
                id,
                name,
                hint,
                scopes,
                created,
                expires,
                lastUsed,
                lastUsedAddress,
                lastUsedService,
                status,
                statusLabel,
                revocable,
                restorable,
                rotatable,
                deadScopes);
    }

    public boolean isActive() {
        return TokenStatus.ACTIVE.name().equals(status);
    }

    public boolean isSuspended() {
        return SUSPENDED.equals(status);
    }

    /** Why a token is suspended, in a few words, for a list's status column (the token's page says it in full). */
    public static String shortReason(DenialReason reason) {
        return switch (reason) {
            case OWNER_INACTIVE -> "owner inactive";
            case TOKENS_DISABLED -> "tokens disabled";
            case NO_TOKEN_USAGE_PERMISSION -> "no token usage permission";
            default -> reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    /** How the console names a token's status. */
    public static String label(TokenStatus status) {
        return switch (status) {
            case ACTIVE -> "Active";
            case REVOKED -> "Revoked";
            case EXPIRED -> "Expired";
        };
    }

    /**
     * A view that composes a token's facts and shows them as its own properties, so a template reads
     * {@code token.name} on any of them (and the shared token fragments take any of them).
     */
    public interface Row {
        TokenFacts facts();

        default String id() {
            return facts().id();
        }

        default String name() {
            return facts().name();
        }

        default String hint() {
            return facts().hint();
        }

        default List<String> scopes() {
            return facts().scopes();
        }

        default String created() {
            return facts().created();
        }

        default String expires() {
            return facts().expires();
        }

        default String lastUsed() {
            return facts().lastUsed();
        }

        default String lastUsedAddress() {
            return facts().lastUsedAddress();
        }

        /** The registered service that asked about the token last (introspection or forward authentication). */
        default String lastUsedService() {
            return facts().lastUsedService();
        }

        default String status() {
            return facts().status();
        }

        default String statusLabel() {
            return facts().statusLabel();
        }

        default boolean revocable() {
            return facts().revocable();
        }

        default boolean restorable() {
            return facts().restorable();
        }

        default boolean rotatable() {
            return facts().rotatable();
        }

        /** Scope key to a short note ("removed on 2026-11-02") for each scope that no longer works. */
        default Map<String, String> deadScopes() {
            return facts().deadScopes();
        }

        default boolean isDead(String scope) {
            return facts().isDead(scope);
        }
    }
}
