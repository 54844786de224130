package dev.warden.core.service;

/** One scope as a caller declares it: its key ({@code wiki:read}) and what it allows, for people to read. */
public record ServiceScopeInput(String scope, String description) {}
