package dev.warden.web.access;

import dev.warden.core.access.Decision;
import dev.warden.core.access.Denial;
import dev.warden.core.access.Step;
import dev.warden.core.access.StepOutcome;
import dev.warden.web.shared.ApiRoutes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The answer of "Check access" for people: the verdict, the facts a refusal carries, and every step of the decision
 * chain in order, numbered as in DESIGN ("The decision chain"), with the steps after a failure shown as not checked.
 * @param group the group id the path names, or null (the permission is then needed workspace-wide)
 * @param status the HTTP status a real request would get; null when allowed (the endpoint's handler would run)
 */
record CheckAccessView(
        String endpoint,
        String permission,
        String group,
        boolean allowed,
        String verdict,
        String reason,
        Integer status,
        String message,
        List<Fact> facts,
        List<Line> trace) {
    /** The facts a refusal may carry, in the order they are shown: what was needed, then what was there. */
    private static final List<String> FACT_ORDER =
            List.of(Denial.REQUIRED_SCOPE, Denial.TOKEN_SCOPES, Denial.REQUIRED_PERMISSION, Denial.ROLES);

    private static final Map<String, String> FACT_LABELS = Map.of(
            Denial.REQUIRED_SCOPE, "Scope the endpoint needs",
            Denial.TOKEN_SCOPES, "Scopes the token holds",
            Denial.REQUIRED_PERMISSION, "Permission the endpoint needs",
            Denial.ROLES, "Roles the owner holds");

    /** A fact of a refusal, e.g. the token's scopes; {@code name} is the API's field name. */
    record Fact(String name, String label, List<String> values) {}

    /**
     * @param outcome {@code passed}, {@code failed}, or {@code skipped} (after the failing step)
     * @param sub a further check of the step the line before numbers (the format after presenting a value, the
     *     expiry after revocation): shown under it without a number of its own, so each step's number appears once
     */
    record Line(
            int number,
            String step,
            String description,
            String outcome,
            String outcomeLabel,
            String detail,
            boolean sub) {
        Line(int number, String step, String description, String outcome, String outcomeLabel, String detail) {
            this(number, step, description, outcome, outcomeLabel, detail, false);
        }

        Line asSub() {
            return new Line(number, step, description, outcome, outcomeLabel, detail, true);
        }
    }

    static CheckAccessView of(ApiRoutes.Match match, Decision decision) {
        List<Line> trace = new ArrayList<>();
        for (StepOutcome outcome : decision.trace()) {
            trace.add(new Line(
                    number(outcome.step()),
                    outcome.step().name(),
                    outcome.step().description(),
                    outcome.passed() ? "passed" : "failed",
                    outcome.passed() ? "Passed" : "Failed",
                    outcome.detail()));
        }
        if (!decision.allowed()) {
            Step failed = decision.trace().get(decision.trace().size() - 1).step();
            Arrays.stream(Step.values())
                    .filter(step -> step.ordinal() > failed.ordinal())
                    .forEach(step -> trace.add(
                            new Line(number(step), step.name(), step.description(), "skipped", "Not checked", null)));
        }
        for (int i = 1; i < trace.size(); i++) {
            if (trace.get(i).number() == trace.get(i - 1).number()) {
                trace.set(i, trace.get(i).asSub());
            }
        }
        Denial denial = decision.denial();
        List<Fact> facts = denial == null
                ? List.of()
                : denial.facts().entrySet().stream()
                        .sorted(Comparator.comparing(e ->
                                FACT_ORDER.contains(e.getKey()) ? FACT_ORDER.indexOf(e.getKey()) : FACT_ORDER.size()))
                        .map(e -> new Fact(
                                e.getKey(),
                                FACT_LABELS.getOrDefault(e.getKey(), e.getKey().replace('_', ' ')),
                                e.getValue()))
                        .toList();
        return new CheckAccessView(
                match.route().label(),
                match.route().permission().key(),
                match.group() == null ? null : String.valueOf(match.group().value()),
                decision.allowed(),
                denial == null
                        ? "Allowed"
                        : "Denied: " + denial.reason().name() + " (HTTP "
                                + denial.reason().httpStatus() + ")",
                denial == null ? null : denial.reason().name(),
                denial == null ? null : denial.reason().httpStatus(),
                denial == null ? null : denial.message(),
                facts,
                trace);
    }

    /** The step's number in DESIGN's table: presenting a value is part of its format check, revoked and expired share 3. */
    static int number(Step step) {
        return switch (step) {
            case PRESENTED, FORMAT -> 1;
            case KNOWN -> 2;
            case NOT_REVOKED, NOT_EXPIRED -> 3;
            case TOKENS_ENABLED -> 4;
            case OWNER_ACTIVE -> 5;
            case TOKEN_USAGE -> 6;
            case ROLE_GRANTS_PERMISSION -> 7;
            case SCOPE_GRANTS_PERMISSION -> 8;
        };
    }
}
