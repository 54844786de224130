package dev.warden.core.token;

import dev.warden.core.group.GroupId;
import dev.warden.core.principal.PrincipalId;
import java.util.Objects;

/**
 * How a caller names a token, and so in which capacity it acts: as its owner ({@code /api/2.0/token/…}, where
 * anybody else's token is unknown), or as a manager of the workspace's tokens, of its organisation and group tokens,
 * or of the organisation's tokens, or of one group's tokens. A token outside the target is unknown to that caller (404), so existence never leaks.
 */
public record TokenTarget(TokenId id, Capacity capacity, Range range, GroupId group) {
    public enum Capacity {
        OWNER,
        MANAGER
    }

    public enum Range {
        /** Every token of the workspace (the owner's own, for the owner). */
        ANY,
        /** The organisation's tokens (those of technical users holding a workspace role). */
        ORGANISATION,
        /** The tokens of one group. */
        GROUP
    }

    public TokenTarget {
        Objects.requireNonNull(id, "id");
        if ((range == Range.GROUP) != (group != null)) {
            throw new IllegalArgumentException("a group target names its group, and only it");
        }
    }

    /** The caller's own token. */
    public static TokenTarget own(TokenId id) {
        return new TokenTarget(id, Capacity.OWNER, Range.ANY, null);
    }

    /** Any token of the workspace, through token management. */
    public static TokenTarget managed(TokenId id) {
        return new TokenTarget(id, Capacity.MANAGER, Range.ANY, null);
    }

    /** An organisation token, through the organisation's tokens. */
    public static TokenTarget ofOrganisation(TokenId id) {
        return new TokenTarget(id, Capacity.MANAGER, Range.ORGANISATION, null);
    }

    /** A token of this group, through the group's tokens. */
    public static TokenTarget ofGroup(GroupId group, TokenId id) {
        return new TokenTarget(id, Capacity.MANAGER, Range.GROUP, group);
    }

    /** Whether the token is one this target can name at all. */
    public boolean includes(AccessToken token, PrincipalId actor) {
        if (capacity == Capacity.OWNER && (!token.owner().equals(actor) || token.kind() == TokenKind.CANARY)) {
            return false; // a canary is its creator's only on paper: managed through token management alone
        }
        return switch (range) {
            case ANY -> true;
            case ORGANISATION -> token.kind() == TokenKind.ORGANISATION;
            case GROUP -> token.kind() == TokenKind.GROUP && group.equals(token.group());
        };
    }
}
