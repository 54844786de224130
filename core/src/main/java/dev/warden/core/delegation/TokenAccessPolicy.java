package dev.warden.core.delegation;

import dev.warden.core.group.GroupId;
import dev.warden.core.permission.Permission;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.EffectivePermissions;
import dev.warden.core.role.Grant;
import dev.warden.core.role.PermissionResolver;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.token.AccessRefusedException;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.DenialReason;
import dev.warden.core.token.RevocationAuthority;
import dev.warden.core.token.TokenAccessRules;
import dev.warden.core.token.TokenAction;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenTarget;
import dev.warden.core.tokenusage.TokenUsagePolicy;
import dev.warden.core.workspace.WorkspaceId;
import java.util.List;
import java.util.Set;

/**
 * The one token access policy (DESIGN, "Delegation"): who may do what to which token, and who may walk away with a
 * secret. An owner acts on its own tokens with {@code tokens:read}/{@code tokens:write}; a manager on any token of
 * the workspace with {@code token-management:read}/{@code write}, or on one group's tokens with that permission on
 * the group. Whoever receives a secret (a token created for someone else, a rotation) must hold, at the same scope,
 * everything the secret can do now (its scopes ∩ its owner's current permissions), and may use tokens itself; an
 * owner rotating its own token must be allowed to use tokens, as for a new one.
 */
public final class TokenAccessPolicy implements TokenAccessRules {
    private final PermissionResolver permissions;
    private final TokenUsagePolicy usage;
    private final PrincipalRepository principals;

    public TokenAccessPolicy(PermissionResolver permissions, TokenUsagePolicy usage, PrincipalRepository principals) {
        this.permissions = permissions;
        this.usage = usage;
        this.principals = principals;
    }

    @Override
    public RevocationAuthority require(Actor actor, TokenAction action, AccessToken token, TokenTarget target) {
        EffectivePermissions held = permissions.of(actor.workspace(), actor.principal());
        RevocationAuthority authority = authorityOver(held, action, token, target);
        if (authority == null) {
            Permission needed = needed(action, target.capacity());
            throw new PermissionDeniedException(
                    needed.key(),
                    actor.label() + " lacks the permission '" + needed.key()
                            + "'"
                            + (token.group() == null || target.capacity() == TokenTarget.Capacity.OWNER
                                    ? ""
                                    : " (for the workspace or for group " + token.group() + ")")
                            + ", which " + verb(action)
                            + " this token needs. Roles held: " + roles(held) + ".");
        }
        if (action == TokenAction.ROTATE) {
            Principal owner = owner(token.workspace(), token.owner());
            if (target.capacity() == TokenTarget.Capacity.OWNER && !usage.mayUseTokens(owner)) {
                // as for a new token: an owner who may not use tokens gets no new secret either
                throw new AccessRefusedException(
                        DenialReason.NO_TOKEN_USAGE_PERMISSION, TokenUsagePolicy.deniedMessage(owner));
            }
            requireMayReceive(actor, held, owner, token.scopes());
        }
        if (action == TokenAction.RESTORE) {
            requireHoldsPower(
                    actor,
                    held,
                    owner(token.workspace(), token.owner()),
                    token.scopes(),
                    "Restoring it would bring that back to whoever holds its secret");
        }
        return authority;
    }

    @Override
    public void requireMayIssue(Actor creator, PrincipalId owner, TokenKind kind, GroupId group, Set<Scope> scopes) {
        if (kind == TokenKind.PERSONAL) {
            if (!owner.equals(creator.principal())) {
                throw new IllegalArgumentException("a personal token is owned by its creator");
            }
            return; // the owner walks away with what it holds; the issue rules check token usage and scopes
        }
        if (kind == TokenKind.OAUTH && owner.equals(creator.principal())) {
            return; // a service principal with its own secret (or token): as a personal token
        }
        EffectivePermissions held = permissions.of(creator.workspace(), creator.principal());
        Permission needed = Permission.TOKEN_MANAGEMENT_WRITE;
        if (kind == TokenKind.GROUP ? !held.holds(needed, group) : !held.holds(needed)) {
            throw new PermissionDeniedException(
                    needed.key(),
                    creator.label() + " lacks the permission '"
                            + needed.key() + "'" + (kind == TokenKind.GROUP ? " for group " + group : "")
                            + ", which creating a "
                            + (kind == TokenKind.OAUTH ? "client secret" : "token")
                            + " for someone else needs. Roles held: " + roles(held) + ".");
        }
        requireMayReceive(creator, held, owner(creator.workspace(), owner), scopes);
    }

    /**
     * The authority the actor holds over the token for this action: {@code OWNER} for its own token as owner,
     * {@code INCIDENT} with the permission for the whole workspace, {@code ADMIN} with it for the token's group only;
     * null when it may not act at all.
     */
    private static RevocationAuthority authorityOver(
            EffectivePermissions held, TokenAction action, AccessToken token, TokenTarget target) {
        Permission needed = needed(action, target.capacity());
        if (target.capacity() == TokenTarget.Capacity.OWNER) {
            return held.holds(needed) ? RevocationAuthority.OWNER : null;
        }
        if (held.holds(needed)) {
            return RevocationAuthority.INCIDENT;
        }
        return token.group() != null && held.holds(needed, token.group()) ? RevocationAuthority.ADMIN : null;
    }

    private static Permission needed(TokenAction action, TokenTarget.Capacity capacity) {
        if (capacity == TokenTarget.Capacity.OWNER) {
            return action.changes() ? Permission.TOKENS_WRITE : Permission.TOKENS_READ;
        }
        return action.changes() ? Permission.TOKEN_MANAGEMENT_WRITE : Permission.TOKEN_MANAGEMENT_READ;
    }

    /**
     * Whoever receives a secret may use tokens (it walks away with one) and holds, at the same scope, every permission
     * the secret can exercise now: the owner's current grants that the scopes cover.
     */
    private void requireMayReceive(Actor receiver, EffectivePermissions held, Principal owner, Set<Scope> scopes) {
        requireHoldsPower(receiver, held, owner, scopes, "Nobody receives a secret that can do more than they may");
        if (!receiver.principal().equals(owner.id()) && !mayUseTokens(receiver)) {
            throw new PermissionDeniedException(
                    Permission.TOKENS_WRITE.key(),
                    PermissionDeniedException.SECRET_BEYOND_ACTOR,
                    receiver.label() + " may not use tokens (no entry in"
                            + " the token usage list names it or one of its groups), so it may not receive this token's"
                            + " secret either. A workspace admin grants token usage in Settings → Admin Console → Workspace"
                            + " settings → Permission Settings.");
        }
    }

    /**
     * The actor holds what the token can exercise now (which may have grown while it was revoked): a receiver of its
     * secret, and a restorer, who brings it back to whoever holds the secret.
     */
    private void requireHoldsPower(
            Actor actor, EffectivePermissions held, Principal owner, Set<Scope> scopes, String why) {
        List<String> missing = missing(actor, held, owner, scopes);
        if (!missing.isEmpty()) {
            throw new PermissionDeniedException(
                    missing.get(0).split(" ")[0],
                    PermissionDeniedException.SECRET_BEYOND_ACTOR,
                    actor.label() + " does not hold " + String.join(", ", missing) + ", which this token can"
                            + " exercise (its scopes, within what its owner " + owner.label() + " holds now). " + why
                            + ": narrow the token's scopes, or ask someone who holds "
                            + (missing.size() == 1 ? "it" : "them") + ".");
        }
    }

    private List<String> missing(Actor receiver, EffectivePermissions held, Principal owner, Set<Scope> scopes) {
        if (receiver.principal().equals(owner.id())) {
            return List.of();
        }
        return permissions.of(owner).grants().stream()
                .filter(grant -> scopes.stream().anyMatch(scope -> scope.covers(grant.permission())))
                .filter(grant -> !holds(held, grant))
                .map(TokenAccessPolicy::describe)
                .distinct()
                .sorted()
                .toList();
    }

    /** "settings:read", or "scim:write (group ops)" for a grant on one group. */
    static String describe(Grant grant) {
        return grant.permission().key()
                + (grant.atWorkspaceScope() ? "" : " (group " + grant.scope().displayName() + ")");
    }

    static boolean holds(EffectivePermissions held, Grant grant) {
        return grant.atWorkspaceScope()
                ? held.holds(grant.permission())
                : held.holds(grant.permission(), grant.scope().id());
    }

    private boolean mayUseTokens(Actor actor) {
        return principals
                .findById(actor.workspace(), actor.principal())
                .map(usage::mayUseTokens)
                .orElse(false);
    }

    private Principal owner(WorkspaceId workspace, PrincipalId id) {
        return principals
                .findById(workspace, id)
                .orElseThrow(() -> new ResourceNotFoundException("Principal " + id + " does not exist."));
    }

    private static String verb(TokenAction action) {
        return switch (action) {
            case READ -> "reading";
            case NARROW -> "narrowing";
            case COMMENT -> "changing the comment of";
            case ROTATE -> "rotating";
            case REVOKE -> "revoking";
            case RESTORE -> "restoring";
            case DELETE -> "deleting";
        };
    }

    private static String roles(EffectivePermissions held) {
        List<String> names = held.roleNames();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
