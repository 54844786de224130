package dev.warden.core.token;

import java.util.Objects;

/**
 * A token as one request reads it: the token row, with its workspace's authorisation version read by the same
 * statement, so that what a node resolved for the owner at that version can be reused (DESIGN, "Request cost").
 */
public record VersionedToken(AccessToken token, long authorizationVersion) {
    public VersionedToken {
        Objects.requireNonNull(token, "token");
    }
}
