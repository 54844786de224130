package dev.warden.core.tokenusage;

import dev.warden.core.principal.Actor;
import java.util.List;

/**
 * Port: nobody raises token usage permission beyond their own. Owned by the token usage feature, which only asks;
 * implemented by {@code delegation.DirectoryPolicy}.
 */
public interface TokenUsageGrantRules {

    /** Each entry added or raised from {@code before} to {@code after}; refuses by throwing. */
    void requireMayGrantTokenUsage(Actor actor, List<TokenUsageEntry> before, List<TokenUsageEntry> after);
}
