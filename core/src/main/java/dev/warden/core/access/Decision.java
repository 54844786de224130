package dev.warden.core.access;

import dev.warden.core.principal.Principal;
import dev.warden.core.role.EffectivePermissions;
import dev.warden.core.token.AccessToken;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The outcome of the decision chain: either the authenticated token and its owner, or the first denial.
 * Both carry the trace of the steps walked, for "why was my token refused?". The trace's text is written only when
 * someone reads {@link #trace()} (check access does; an accepted request never does), so that a request pays for no
 * string it does not show (DESIGN, "Request cost").
 */
public final class Decision {
    private final AccessToken token;
    private final Principal owner;
    private final Denial denial;
    private final List<Line> lines;
    private final EffectivePermissions ownerPermissions;
    private final AccessToken identified;
    private final AccessToken canary;
    private volatile List<StepOutcome> rendered;

    Decision(
            AccessToken token,
            Principal owner,
            Denial denial,
            List<Line> lines,
            EffectivePermissions ownerPermissions,
            AccessToken identified) {
        this(token, owner, denial, lines, ownerPermissions, identified, null);
    }

    Decision(
            AccessToken token,
            Principal owner,
            Denial denial,
            List<Line> lines,
            EffectivePermissions ownerPermissions,
            AccessToken identified,
            AccessToken canary) {
        if ((denial == null) == (token == null || owner == null)) {
            throw new IllegalArgumentException("a decision either allows with token and owner, or denies");
        }
        this.token = token;
        this.owner = owner;
        this.denial = denial;
        this.lines = List.copyOf(lines);
        this.ownerPermissions = ownerPermissions;
        this.identified = identified;
        this.canary = canary;
    }

    /**
     * The armed canary token (active: neither revoked nor expired) that was presented: the request is refused as
     * if the token were unknown, and whoever answers it hands the canary on for its alert. Empty for every other
     * request.
     */
    public Optional<AccessToken> trippedCanary() {
        return Optional.ofNullable(canary);
    }

    public AccessToken token() {
        return token;
    }

    public Principal owner() {
        return owner;
    }

    /**
     * The token the chain found, allowed or not: empty only when it was refused before a stored token was identified
     * (no token, a malformed value, an unknown one). A refusal of an identified token is kept among its recent
     * refusals.
     */
    public Optional<AccessToken> identifiedToken() {
        return Optional.ofNullable(identified);
    }

    public Denial denial() {
        return denial;
    }

    /**
     * The owner's permissions as this request resolved them (once, at step 6, for step 7 to use too); null when
     * denied.
     */
    public EffectivePermissions ownerPermissions() {
        return ownerPermissions;
    }

    /** Every step walked, in order, with what it looked at; the failing step, if any, is the last. */
    public List<StepOutcome> trace() {
        List<StepOutcome> trace = rendered;
        if (trace == null) {
            trace = lines.stream()
                    .map(line -> new StepOutcome(
                            line.step(), line.passed(), line.detail().get()))
                    .toList();
            rendered = trace;
        }
        return trace;
    }

    public boolean allowed() {
        return denial == null;
    }

    public Optional<Denial> denialIfAny() {
        return Optional.ofNullable(denial);
    }

    /** The steps walked, for a later part of the chain to continue. */
    List<Line> lines() {
        return lines;
    }

    /** One step of the trace, its text not yet written. */
    record Line(Step step, boolean passed, Supplier<String> detail) {}
}
