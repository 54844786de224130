package dev.warden.core.access;

/** One line of a decision trace: which check ran, whether it passed, and what it looked at. */
public record StepOutcome(Step step, boolean passed, String detail) {}
