package dev.warden.web.scim;

import dev.warden.core.principal.PrincipalId;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Validation;
import dev.warden.web.scim.ScimModels.Operation;
import dev.warden.web.scim.ScimModels.PatchRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads a SCIM PATCH body ({@code PatchOp}) into operations on named attributes. Each resource decides what its
 * attributes mean; this class knows the forms: {@code op} in any case, a {@code path} (a schema URN in front is
 * dropped), or no path and an object value whose properties are the attributes, and the member filter
 * {@code members[value eq "<id>"]} (and {@code entitlements[value eq "<value>"]}). Every operation is read before any is applied, so bad input changes nothing.
 */
final class ScimPatch {
    private static final Pattern VALUE_FILTER = Pattern.compile(
            "(members|entitlements)\\s*\\[\\s*value\\s+eq\\s+\"?([^\"\\]]*)\"?\\s*]", Pattern.CASE_INSENSITIVE);

    enum Op {
        ADD,
        REMOVE,
        REPLACE
    }

    /**
     * One attribute change: {@code attribute} lower-cased and without a schema prefix ({@code name.givenname},
     * {@code members}), {@code value} null when none was given, and for {@code members[value eq "x"]} the attribute
     * {@code members} with a value listing x (likewise for {@code entitlements}).
     */
    record Change(Op op, String attribute, JsonNode value, String path) {}

    private ScimPatch() {}

    static List<Change> read(PatchRequest request) {
        if (request == null
                || request.operations() == null
                || request.operations().isEmpty()) {
            throw new InvalidParameterException(
                    "Operations", "A PATCH body needs a non-empty 'Operations' list of {op, path, value}.");
        }
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < request.operations().size(); i++) {
            Operation operation = request.operations().get(i);
            String at = "Operations[" + i + "]";
            if (operation == null) {
                throw new InvalidParameterException(at, at + " must be an object {op, path, value}.");
            }
            Op op = op(operation.op(), at + ".op");
            JsonNode value = operation.value() == null || operation.value().isNull() ? null : operation.value();
            String path = operation.path() == null ? "" : operation.path().strip();
            if (path.isEmpty()) {
                if (op == Op.REMOVE) {
                    throw new InvalidParameterException(at + ".path", "A 'remove' operation needs a path.");
                }
                if (value == null || !value.isObject()) {
                    throw new InvalidParameterException(
                            at + ".value",
                            "An '" + op.name().toLowerCase(Locale.ROOT)
                                    + "' operation without a path needs an object value, e.g. {\"displayName\":\"…\"}.");
                }
                for (Map.Entry<String, JsonNode> property : value.properties()) {
                    String attribute = attribute(property.getKey());
                    if (!attribute.equals("schemas") && !attribute.equals("id")) {
                        changes.add(new Change(
                                op,
                                attribute,
                                property.getValue().isNull() ? null : property.getValue(),
                                property.getKey()));
                    }
                }
                continue;
            }
            Matcher filtered = VALUE_FILTER.matcher(path);
            if (filtered.matches()) {
                ArrayNode one = JsonNodeFactory.instance.arrayNode();
                one.addObject().put("value", filtered.group(2).strip());
                changes.add(new Change(op, filtered.group(1).toLowerCase(Locale.ROOT), one, path));
                continue;
            }
            changes.add(new Change(op, attribute(path), value, path));
        }
        return changes;
    }

    /** Drops a schema URN prefix ({@code urn:…:User:displayName}) and lower-cases. */
    static String attribute(String path) {
        String name = path.startsWith("urn:") ? path.substring(path.lastIndexOf(':') + 1) : path;
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static Op op(String raw, String field) {
        if (raw != null) {
            for (Op op : Op.values()) {
                if (op.name().equalsIgnoreCase(raw.strip())) {
                    return op;
                }
            }
        }
        throw new InvalidParameterException(
                field, "Unsupported PATCH op " + Validation.echo(raw) + ": use add, remove or replace.");
    }

    static InvalidParameterException unsupported(Change change, String resource, String supported) {
        return new InvalidParameterException(
                "path",
                "Cannot " + change.op().name().toLowerCase(Locale.ROOT) + " " + Validation.echo(change.path())
                        + " on a "
                        + resource
                        + ". Supported paths: " + supported + ".");
    }

    static String string(Change change) {
        JsonNode value = change.value();
        if (value != null
                && value.isArray()
                && value.size() == 1
                && value.get(0).isObject()) {
            value = value.get(0).get("value"); // [{"value":"x"}], as some clients send single values
        }
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new InvalidParameterException(change.path(), Validation.echo(change.path()) + " must be a string.");
        }
        return value.asString();
    }

    static boolean bool(Change change) {
        JsonNode value = change.value();
        if (value != null
                && value.isArray()
                && value.size() == 1
                && value.get(0).isObject()) {
            value = value.get(0).get("value");
        }
        if (value != null && value.isBoolean()) {
            return value.booleanValue();
        }
        if (value != null
                && value.isString()
                && (value.asString().equalsIgnoreCase("true")
                        || value.asString().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(value.asString().toLowerCase(Locale.ROOT));
        }
        throw new InvalidParameterException(change.path(), Validation.echo(change.path()) + " must be true or false.");
    }

    /** Member ids from {@code [{"value":"12"}, …]} (or a single such object); a non-numeric id is refused. */
    static List<PrincipalId> memberIds(Change change) {
        JsonNode value = change.value();
        if (value == null) {
            return List.of();
        }
        List<PrincipalId> ids = new ArrayList<>();
        for (JsonNode member : value.isArray() ? value : List.of(value)) {
            JsonNode id = member.isObject() ? member.get("value") : member;
            ids.add(memberId(id == null || id.isNull() ? null : id.asString()));
        }
        return ids;
    }

    static PrincipalId memberId(String raw) {
        try {
            return new PrincipalId(Long.parseLong(raw == null ? "" : raw.strip()));
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(
                    "members",
                    "Unknown member id " + Validation.echo(raw) + ": members are ids of"
                            + " users or service principals of this workspace.");
        }
    }
}
