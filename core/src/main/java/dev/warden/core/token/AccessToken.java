package dev.warden.core.token;

import dev.warden.core.group.GroupId;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.InvalidStateException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The token aggregate. It holds the digest of its secret, never the secret itself.
 * Revocation is temporary (restore brings it back); deletion is the repository's business.
 */
public final class AccessToken {
    private final TokenId id;
    private final WorkspaceId workspace;
    private final PrincipalId owner;
    private final PrincipalId createdBy;
    private String comment;
    private final TokenKind kind;
    /** The group of a group token; null for every other kind. */
    private final GroupId group;
    /** The id of the service principal secret that obtained an OAuth token; null for every other kind. */
    private final String oauthSecret;

    private TokenDigest digest;
    private String displayHint;
    /** The secret before the last rotation, accepted until {@code previousValidUntil}; null when none. */
    private TokenDigest previousDigest;

    private Instant previousValidUntil;
    private Instant rotatedAt;
    private Set<Scope> scopes;
    private final Instant createdAt;
    private final Instant expiresAt;
    private Instant revokedAt;
    private PrincipalId revokedBy;
    private RevocationAuthority revocationAuthority;
    /** When the token was last restored (null: never); the inactivity policy counts from it as from a use. */
    private Instant restoredAt;

    private final TokenLastUse lastUse;
    /** The state as built (as read from the store): a write is a compare-and-set against it. */
    private final TokenRevision readRevision;

    private AccessToken(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.workspace = Objects.requireNonNull(b.workspace, "workspace");
        this.owner = Objects.requireNonNull(b.owner, "owner");
        this.createdBy = Objects.requireNonNull(b.createdBy, "createdBy");
        this.comment = b.comment == null ? "" : b.comment;
        this.kind = b.kind == null ? TokenKind.PERSONAL : b.kind;
        this.group = b.group;
        if ((kind == TokenKind.GROUP) != (group != null)) {
            throw new IllegalArgumentException("a group token names its group, and no other kind does");
        }
        this.oauthSecret = b.oauthSecret;
        if ((kind == TokenKind.OAUTH) != (oauthSecret != null)) {
            throw new IllegalArgumentException(
                    "an OAuth token names the secret that obtained it, and no other kind does");
        }
        this.digest = Objects.requireNonNull(b.digest, "digest");
        this.previousDigest = b.previousDigest;
        this.previousValidUntil = b.previousValidUntil;
        this.rotatedAt = b.rotatedAt;
        this.displayHint = Objects.requireNonNull(b.displayHint, "displayHint");
        this.scopes = Collections.unmodifiableSet(new TreeSet<>(b.scopes));
        this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
        this.expiresAt = b.expiresAt;
        this.revokedAt = b.revokedAt;
        this.revokedBy = b.revokedBy;
        this.revocationAuthority = b.revokedAt == null
                ? null
                : b.revocationAuthority == null ? RevocationAuthority.ADMIN : b.revocationAuthority;
        this.restoredAt = b.restoredAt;
        this.lastUse = b.lastUse;
        if (scopes.isEmpty() != (kind == TokenKind.CANARY)) {
            throw new IllegalArgumentException("a token holds at least one scope, and a canary token none");
        }
        this.readRevision = revision();
    }

    public static Builder builder() {
        return new Builder();
    }

    public TokenStatus statusAt(Instant now) {
        if (revokedAt != null) {
            return TokenStatus.REVOKED;
        }
        if (isExpiredAt(now)) {
            return TokenStatus.EXPIRED;
        }
        return TokenStatus.ACTIVE;
    }

    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    /**
     * Temporarily disables the token, with the authority of whoever revokes it; {@link #restore} undoes it. A token
     * already revoked stays as it is (false: nothing changed), unless this authority is higher: then the revocation
     * takes it, so that an owner who revoked first cannot restore what an admin meant to stop.
     * @return whether anything changed
     */
    public boolean revoke(PrincipalId by, RevocationAuthority authority, Instant now) {
        if (revokedAt != null && revocationAuthority.covers(authority)) {
            return false;
        }
        if (revokedAt == null) {
            revokedAt = now;
        }
        revokedBy = by;
        revocationAuthority = authority;
        return true;
    }

    /**
     * Undoes a revocation, given at least the authority that made it; an expired token stays dead, since expiry is
     * final.
     */
    public void restore(RevocationAuthority authority, Instant now) {
        if (revokedAt == null) {
            throw new InvalidStateException("Token " + id + " is not revoked, so there is nothing to restore.");
        }
        if (!authority.covers(revocationAuthority)) {
            throw new PermissionDeniedException(
                    "token-management:write",
                    PermissionDeniedException.REVOCATION_AUTHORITY,
                    "Token " + id + " was revoked by "
                            + revocationAuthority.description() + " (authority " + revocationAuthority
                            + "); restoring it needs"
                            + " at least that authority, and acting "
                            + (authority == RevocationAuthority.OWNER ? "as its owner" : "with authority " + authority)
                            + " is less. "
                            + (revocationAuthority == RevocationAuthority.INCIDENT
                                    ? "A holder of token-management:write for the whole workspace can restore it."
                                    : "An admin with token-management:write can restore it."));
        }
        if (isExpiredAt(now)) {
            throw new InvalidStateException("Token " + id + " expired on " + expiresAt
                    + " and cannot be restored. Create a new token instead.");
        }
        revokedAt = null;
        revokedBy = null;
        revocationAuthority = null;
        restoredAt = now;
    }

    /** The state transitions change, now. */
    public TokenRevision revision() {
        return new TokenRevision(revokedAt, revocationAuthority, digest);
    }

    /** That state as this object was built, i.e. as read: the repository writes a change only if the row still holds it. */
    public TokenRevision readRevision() {
        return readRevision;
    }

    /**
     * Issues a new secret for the same token (same id, scopes, owner, lineage). The old secret stops at once, or
     * after {@code grace}, never beyond the token's expiry.
     */
    public void rotate(TokenDigest newDigest, String newHint, Instant now, java.time.Duration grace) {
        if (revokedAt != null || isExpiredAt(now)) {
            throw new InvalidStateException("Token " + id + " is "
                    + statusAt(now).name().toLowerCase(Locale.ROOT) + "; only an active token can be rotated.");
        }
        Instant until = now.plus(grace);
        if (expiresAt != null && until.isAfter(expiresAt)) {
            until = expiresAt;
        }
        previousDigest = grace.isZero() ? null : digest;
        previousValidUntil = grace.isZero() ? null : until;
        digest = newDigest;
        displayHint = newHint;
        rotatedAt = now;
    }

    /**
     * Keeps only some of the token's scopes. Narrowing never widens: each scope kept must be one the token holds,
     * or be covered by its {@code all-apis}; at least one stays.
     */
    public void narrow(Set<Scope> kept) {
        if (kept.isEmpty()) {
            throw new InvalidParameterException(
                    CreateTokenCommand.SCOPES_FIELD,
                    "A token keeps at least one scope;" + " to stop it altogether, revoke or delete it.");
        }
        List<String> wider = kept.stream()
                .filter(scope ->
                        !scopes.contains(scope) && !(scopes.contains(Scope.ALL_APIS) && !scope.equals(Scope.ALL_APIS)))
                .map(Scope::key)
                .sorted()
                .toList();
        if (!wider.isEmpty()) {
            throw new InvalidParameterException(
                    CreateTokenCommand.SCOPES_FIELD,
                    "Scopes can only be narrowed:"
                            + " token " + id + " holds "
                            + String.join(", ", scopes.stream().map(Scope::key).toList())
                            + ", not " + String.join(", ", wider) + ". Create a new token for more.");
        }
        scopes = Collections.unmodifiableSet(new TreeSet<>(kept));
    }

    /**
     * Replaces the comment (already validated: trimmed, plain text, within its length).
     * @return false when it already was this comment (nothing to store or audit)
     */
    public boolean changeComment(String newComment) {
        String next = newComment == null ? "" : newComment;
        if (next.equals(comment)) {
            return false;
        }
        comment = next;
        return true;
    }

    /** True when this is the previous secret, still inside its grace period. */
    public boolean acceptsPrevious(TokenDigest presented, Instant now) {
        return previousDigest != null
                && previousValidUntil != null
                && now.isBefore(previousValidUntil)
                && previousDigest.matches(presented);
    }

    /** The group of a group token; null for every other kind. */
    public GroupId group() {
        return group;
    }

    public TokenKind kind() {
        return kind;
    }

    /** The id of the service principal secret that obtained this OAuth token; null for every other kind. */
    public String oauthSecret() {
        return oauthSecret;
    }

    public TokenDigest previousDigest() {
        return previousDigest;
    }

    public Instant previousValidUntil() {
        return previousValidUntil;
    }

    public Instant rotatedAt() {
        return rotatedAt;
    }

    public TokenId id() {
        return id;
    }

    public WorkspaceId workspace() {
        return workspace;
    }

    public PrincipalId owner() {
        return owner;
    }

    public PrincipalId createdBy() {
        return createdBy;
    }

    public String comment() {
        return comment;
    }

    public TokenDigest digest() {
        return digest;
    }

    public String displayHint() {
        return displayHint;
    }

    public Set<Scope> scopes() {
        return scopes;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** Null when the token never expires. */
    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public PrincipalId revokedBy() {
        return revokedBy;
    }

    /** Null unless revoked. */
    public RevocationAuthority revocationAuthority() {
        return revocationAuthority;
    }

    /** When the token was last restored; null when never. */
    public Instant restoredAt() {
        return restoredAt;
    }

    /** Null when the token has never been used (or its first use is not written yet). */
    public TokenLastUse lastUse() {
        return lastUse;
    }

    @Override
    public String toString() {
        return "AccessToken[" + id + ", owner " + owner + ", " + displayHint + "]";
    }

    public static final class Builder {
        private TokenId id;
        private WorkspaceId workspace;
        private PrincipalId owner;
        private PrincipalId createdBy;
        private String comment;
        private TokenKind kind;
        private GroupId group;
        private String oauthSecret;
        private TokenDigest digest;
        private TokenDigest previousDigest;
        private Instant previousValidUntil;
        private Instant rotatedAt;
        private String displayHint;
        private Set<Scope> scopes = Set.of();
        private Instant createdAt;
        private Instant expiresAt;
        private Instant revokedAt;
        private PrincipalId revokedBy;
        private RevocationAuthority revocationAuthority;
        private Instant restoredAt;
        private TokenLastUse lastUse;

        private Builder() {}

        public Builder id(TokenId value) {
            this.id = value;
            return this;
        }

        public Builder workspace(WorkspaceId value) {
            this.workspace = value;
            return this;
        }

        public Builder owner(PrincipalId value) {
            this.owner = value;
            return this;
        }

        public Builder createdBy(PrincipalId value) {
            this.createdBy = value;
            return this;
        }

        public Builder comment(String value) {
            this.comment = value;
            return this;
        }

        public Builder digest(TokenDigest value) {
            this.digest = value;
            return this;
        }

        public Builder kind(TokenKind value) {
            this.kind = value;
            return this;
        }

        public Builder group(GroupId value) {
            this.group = value;
            return this;
        }

        public Builder oauthSecret(String value) {
            this.oauthSecret = value;
            return this;
        }

        public Builder previous(TokenDigest value, Instant validUntil) {
            this.previousDigest = value;
            this.previousValidUntil = validUntil;
            return this;
        }

        public Builder rotatedAt(Instant value) {
            this.rotatedAt = value;
            return this;
        }

        public Builder displayHint(String value) {
            this.displayHint = value;
            return this;
        }

        public Builder scopes(Set<Scope> value) {
            this.scopes = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            this.createdAt = value;
            return this;
        }

        public Builder expiresAt(Instant value) {
            this.expiresAt = value;
            return this;
        }

        public Builder revoked(Instant at, PrincipalId by) {
            this.revokedAt = at;
            this.revokedBy = by;
            return this;
        }

        public Builder revoked(Instant at, PrincipalId by, RevocationAuthority authority) {
            this.revokedAt = at;
            this.revokedBy = by;
            this.revocationAuthority = authority;
            return this;
        }

        public Builder restoredAt(Instant value) {
            this.restoredAt = value;
            return this;
        }

        public Builder lastUse(TokenLastUse value) {
            this.lastUse = value;
            return this;
        }

        public AccessToken build() {
            return new AccessToken(this);
        }
    }
}
