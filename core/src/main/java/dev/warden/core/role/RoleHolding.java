package dev.warden.core.role;

import dev.warden.core.group.Group;
import dev.warden.core.principal.Principal;

/**
 * One role assignment with what it points at, for showing who holds a role and for what: the role, the principal
 * or the group holding it (exactly one), and the group it is scoped to ({@code scope} null = workspace).
 */
public record RoleHolding(RoleAssignment assignment, Role role, Principal principal, Group group, Group scope) {}
