package dev.warden.core.token;

import dev.warden.core.permission.Permission;
import dev.warden.core.permission.Scope;
import dev.warden.core.shared.InvalidParameterException;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What a new token of one owner may be: how long it may live, how many tokens the owner may hold, and which scopes
 * it may carry: {@code all-apis}, or permissions the owner's roles grant now (at workspace or group scope). A token
 * never does more than its owner anyway; refusing the rest up front says so when it is asked for, not later.
 */
public record TokenIssueTerms(TokenLifetimePolicy lifetimes, int quota, Set<Permission> grantable) {
    public TokenIssueTerms {
        grantable = Set.copyOf(grantable);
    }

    /** Refuses scopes the owner's roles do not grant, naming each of them. */
    public void requireGrantable(Collection<Scope> scopes, String ownerName) {
        List<String> beyond = scopes.stream()
                .filter(scope -> !scope.equals(Scope.ALL_APIS))
                .filter(scope -> grantable.stream().noneMatch(scope::covers))
                .map(Scope::key)
                .sorted()
                .toList();
        if (!beyond.isEmpty()) {
            throw new InvalidParameterException(
                    CreateTokenCommand.SCOPES_FIELD,
                    "The roles of " + ownerName
                            + " do not grant " + String.join(", ", beyond) + ", so a token of " + ownerName
                            + " cannot hold "
                            + (beyond.size() == 1 ? "that scope" : "those scopes")
                            + ": a token never does more than its"
                            + " owner. Choose among "
                            + String.join(
                                    ", ",
                                    grantable.stream()
                                            .map(Permission::key)
                                            .sorted()
                                            .toList()) + (grantable.isEmpty() ? "" : ",") + " or all-apis.");
        }
    }
}
