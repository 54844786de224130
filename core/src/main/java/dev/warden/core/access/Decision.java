package dev.warden.core.access;

import dev.warden.core.principal.Principal;
import dev.warden.core.role.EffectivePermissions;
import dev.warden.core.token.AccessToken;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of the decision chain: either the authenticated token and its owner, or the first denial.
 * Both carry the trace of the steps walked, for "why was my token refused?".
 * @param ownerPermissions the owner's permissions as this request resolved them (once, at step 6, for step 7 to
 *                         use too); null when denied
 */
public record Decision(
        AccessToken token,
        Principal owner,
        Denial denial,
        List<StepOutcome> trace,
        EffectivePermissions ownerPermissions) {
    public Decision {
        trace = List.copyOf(trace);
        if ((denial == null) == (token == null || owner == null)) {
            throw new IllegalArgumentException("a decision either allows with token and owner, or denies");
        }
    }

    public boolean allowed() {
        return denial == null;
    }

    public Optional<Denial> denialIfAny() {
        return Optional.ofNullable(denial);
    }
}
