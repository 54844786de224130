package dev.warden.core.tokenusage;

import dev.warden.core.principal.Principal;
import java.util.List;

/** What a change to the token usage list would do: who loses token usage and how many working tokens stop. */
public record TokenUsageImpact(List<Loss> losses) {
    public record Loss(Principal principal, int activeTokens) {}

    public TokenUsageImpact {
        losses = List.copyOf(losses);
    }

    public int tokensStopping() {
        return losses.stream().mapToInt(Loss::activeTokens).sum();
    }
}
