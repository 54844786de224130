package dev.warden.core.access;

import dev.warden.core.principal.PrincipalId;
import dev.warden.core.workspace.WorkspaceId;
import java.util.Objects;
import java.util.function.Function;

/**
 * Port: one node's memory of what the decision chain resolved for a token's owner ({@link ResolvedOwner}), keyed by
 * workspace, <em>authorisation version</em> and owner (DESIGN, "Request cost"). Every change that could alter a
 * decision moves the workspace's version on ({@code AuthorizationVersions}), and each request reads the current
 * version together with its token, so an entry of an older version is simply never asked for again: correctness
 * needs no expiry, no invalidation and no message between nodes. An implementation bounds its size for memory only.
 */
public interface AuthorizationCache {
    /** No memory at all: every request resolves afresh (tests of the chain, and check access). */
    AuthorizationCache NONE = (key, resolve) -> resolve.apply(key);

    /** The entry for the key, resolved with {@code resolve} (at most once at a time per key) when absent. */
    ResolvedOwner get(Key key, Function<Key, ResolvedOwner> resolve);

    /** A token owner at one version of its workspace's authorisation. */
    record Key(WorkspaceId workspace, long version, PrincipalId owner) {
        public Key {
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(owner, "owner");
        }
    }
}
