package dev.warden.core.access;

import dev.warden.core.permission.Scope;

/**
 * One scope of a token and whether it works now.
 * @param live the owner's current roles grant it ({@code all-apis}: grant anything)
 * @param why for a dead scope, what took it away and, when the audit log tells, since when; null when live
 */
public record ScopeState(Scope scope, boolean live, String why) {}
