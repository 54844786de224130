package dev.warden.web.scim;

import dev.warden.core.entitlement.Entitlement;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Validation;
import dev.warden.web.scim.ScimModels.ComplexValue;
import dev.warden.web.scim.ScimPatch.Change;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * SCIM {@code entitlements} in requests and answers: a list of {@code {"value": "workspace-access"}}. PATCH adds,
 * removes (with a value, or {@code entitlements[value eq "…"]}, or all without one) and replaces them; the core
 * entitlement service checks the values and who may grant them.
 */
final class ScimEntitlements {
    static final String FIELD = Entitlement.FIELD;

    private ScimEntitlements() {}

    /**
     * The values of a request's list, checked before anything is written (so a bad one touches no row); null when
     * the request has none (the default, or unchanged).
     */
    static List<String> values(List<ComplexValue> entitlements) {
        if (entitlements == null) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < entitlements.size(); i++) {
            ComplexValue entry = entitlements.get(i);
            if (entry == null || entry.value() == null) {
                throw new InvalidParameterException(
                        FIELD + "[" + i + "].value",
                        "Each entry of entitlements needs a value, e.g. {\"value\": \"workspace-access\"}.");
            }
            values.add(Entitlement.parse(entry.value(), FIELD).value());
        }
        return values;
    }

    /** The answer's list, sorted; null (left out) when there are none. */
    static List<ComplexValue> of(Set<Entitlement> entitlements) {
        if (entitlements == null || entitlements.isEmpty()) {
            return null;
        }
        return entitlements.stream()
                .sorted()
                .map(entitlement -> new ComplexValue(entitlement.value(), null, null, null, null))
                .toList();
    }

    /** The set after one PATCH operation on {@code entitlements}, from the set before it. */
    static Set<String> apply(Collection<String> before, Change change) {
        Set<String> after = new LinkedHashSet<>(before);
        switch (change.op()) {
            case ADD -> after.addAll(values(change));
            case REMOVE -> {
                if (change.value() == null) {
                    after.clear();
                } else {
                    values(change).forEach(value -> after.removeIf(held -> held.equalsIgnoreCase(value.strip())));
                }
            }
            case REPLACE -> {
                after.clear();
                if (change.value() != null) {
                    after.addAll(values(change));
                }
            }
        }
        return after;
    }

    /** Checks an operation's values before anything is applied (a bad one is a 400 naming entitlements). */
    static void check(Change change) {
        Entitlement.parseAll(apply(Set.of(), change), FIELD);
    }

    /** {@code [{"value": "x"}, …]}, a single such object, or plain strings. */
    private static List<String> values(Change change) {
        List<String> values = new ArrayList<>();
        JsonNode value = change.value();
        if (value == null) {
            throw new InvalidParameterException(
                    FIELD,
                    "An '" + change.op().name().toLowerCase(Locale.ROOT)
                            + "' of entitlements needs a value, e.g. [{\"value\": \"workspace-access\"}].");
        }
        for (JsonNode entry : value.isArray() ? value : List.of(value)) {
            JsonNode text = entry.isObject() ? entry.get("value") : entry;
            if (text == null || !text.isString()) {
                throw new InvalidParameterException(
                        FIELD,
                        "entitlements are given as [{\"value\": \"workspace-access\"}, …]; got "
                                + Validation.echo(entry) + ".");
            }
            values.add(text.asString());
        }
        return values;
    }
}
