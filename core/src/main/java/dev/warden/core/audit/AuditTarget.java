package dev.warden.core.audit;

/** What an event is about: its target type as stored ({@code token}, {@code user}, {@code group}…) and id. */
public record AuditTarget(String type, String id) {}
