package dev.warden.core.tokenusage;

import dev.warden.core.group.GroupId;
import dev.warden.core.principal.PrincipalId;
import java.util.Objects;

/** One direct entry of the token usage list: a principal (user or service principal) or a group, and a level. */
public record TokenUsageEntry(PrincipalId principal, GroupId group, TokenUsageLevel level) {
    public TokenUsageEntry {
        Objects.requireNonNull(level, "level");
        if ((principal == null) == (group == null)) {
            throw new IllegalArgumentException("an entry names exactly one principal or one group");
        }
    }

    public static TokenUsageEntry forPrincipal(PrincipalId principal, TokenUsageLevel level) {
        return new TokenUsageEntry(principal, null, level);
    }

    public static TokenUsageEntry forGroup(GroupId group, TokenUsageLevel level) {
        return new TokenUsageEntry(null, group, level);
    }

    /** Same principal or group (whatever the level). */
    public boolean sameSubject(TokenUsageEntry other) {
        return Objects.equals(principal, other.principal) && Objects.equals(group, other.group);
    }
}
