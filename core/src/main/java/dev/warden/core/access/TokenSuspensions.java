package dev.warden.core.access;

import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.settings.SettingsRepository;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.DenialReason;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenStatus;
import dev.warden.core.tokenusage.TokenUsagePolicy;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which tokens are <em>suspended</em>: active in themselves, but refused by the decision chain because of their
 * owner or workspace (steps 4–6: {@code TOKENS_DISABLED}, {@code OWNER_INACTIVE}, {@code NO_TOKEN_USAGE_PERMISSION},
 * in that order). A policy stops them, not a person, so they work again when the policy allows it. Lists ask for a
 * whole page of tokens at once; each distinct owner is looked up once.
 */
public final class TokenSuspensions {
    private final SettingsRepository settings;
    private final PrincipalRepository principals;
    private final TokenUsagePolicy usage;

    public TokenSuspensions(SettingsRepository settings, PrincipalRepository principals, TokenUsagePolicy usage) {
        this.settings = settings;
        this.principals = principals;
        this.usage = usage;
    }

    /** Why the owners of these tokens (in this workspace) have their tokens suspended; owners not named have none. */
    public OwnerSuspensions of(WorkspaceId workspace, Collection<AccessToken> tokens) {
        return ofOwners(
                workspace,
                tokens.stream().map(AccessToken::owner).collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    /** Why these owners (in this workspace) have their tokens suspended; owners not named have none. */
    public OwnerSuspensions ofOwners(WorkspaceId workspace, Set<PrincipalId> owners) {
        Map<PrincipalId, Suspension> byOwner = new LinkedHashMap<>();
        if (owners.isEmpty()) {
            return new OwnerSuspensions(byOwner);
        }
        if (!settings.get(workspace).tokensEnabled()) {
            Suspension disabled = new Suspension(
                    DenialReason.TOKENS_DISABLED,
                    "Tokens are disabled in this"
                            + " workspace, so no token works; none was deleted. A workspace admin turns them on in Settings →"
                            + " Admin Console → Workspace settings (enableTokensConfig).");
            owners.forEach(owner -> byOwner.put(owner, disabled));
            return new OwnerSuspensions(byOwner);
        }
        Map<PrincipalId, Principal> found = principals.byId(workspace, owners);
        for (PrincipalId id : owners) {
            Principal owner = found.get(id);
            if (owner == null || !owner.active()) {
                byOwner.put(id, new Suspension(DenialReason.OWNER_INACTIVE, inactive(id, owner)));
            } else if (!usage.mayUseTokens(owner)) {
                byOwner.put(
                        id,
                        new Suspension(DenialReason.NO_TOKEN_USAGE_PERMISSION, TokenUsagePolicy.deniedMessage(owner)));
            }
        }
        return new OwnerSuspensions(byOwner);
    }

    private static String inactive(PrincipalId id, Principal owner) {
        if (owner == null) {
            return "The owner of this token (principal " + id + ") no longer exists in this workspace, so the token"
                    + " does not work. Delete the token.";
        }
        return owner.label() + " is deactivated, so its tokens are suspended (not deleted). A workspace admin"
                + " activates it again on its page in Settings → Admin Console, which brings back its tokens that are"
                + " neither revoked nor expired.";
    }

    /** Why a token is suspended: the decision chain's reason code and a sentence saying why and how to fix it. */
    public record Suspension(DenialReason reason, String message) {
        public Suspension {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** The suspension of each owner that has one. */
    public record OwnerSuspensions(Map<PrincipalId, Suspension> byOwner) {
        public OwnerSuspensions {
            byOwner = Map.copyOf(byOwner);
        }

        public Optional<Suspension> ofOwner(PrincipalId owner) {
            return Optional.ofNullable(byOwner.get(owner));
        }

        /**
         * The suspension of one token: only a token that is itself active can be suspended; a revoked or expired
         * one keeps that status, since restoring the owner's rights would not bring it back.
         */
        public Optional<Suspension> of(AccessToken token, Instant now) {
            return token.statusAt(now) == TokenStatus.ACTIVE && token.kind() != TokenKind.CANARY
                    ? ofOwner(token.owner())
                    : Optional.empty();
        }
    }
}
