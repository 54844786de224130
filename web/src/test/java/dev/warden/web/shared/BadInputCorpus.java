package dev.warden.web.shared;

import dev.warden.web.support.RawHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The generated part of the bad-input corpus: for every operation of {@code /v3/api-docs}, every path parameter,
 * query parameter and body field gets wrong types, huge, negative and out-of-range values, Unicode edge cases (lone
 * surrogates, control characters), malformed %-escapes, injection strings and path tricks; every body gets malformed
 * JSON and wrong content types; every path gets the methods it does not take.
 *
 * <p>Only invalid variants, so no request may change state:
 * <ul>
 * <li>An operation that changes state gets a bad value in one field of an otherwise valid body (the
 * {@link Fixtures#baseline baseline}), on a real resource, so that the field's own check is what must refuse it.
 * Values that would be valid there (an injection string is a fine name; an absent optional field is no error) are
 * sent only to operations that read.</li>
 * <li>Its path parameters get bad values only, never a real id, for a bodiless call on a real id (revoke, delete)
 * is valid by definition.</li>
 * <li>Fields the server ignores by contract (SCIM's read-only {@code id}, {@code meta}, {@code schemas},
 * {@code groups}, {@code roles}, the decorations of a multi-valued entry such as {@code display}) are not
 * targeted in writes: a bad value there is no error. {@code entitlements[].value} is targeted: an unknown one is
 * refused.</li>
 * </ul>
 */
final class BadInputCorpus {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BAD = "@@BAD@@";

    /** A value far over every limit, and the marker the echo check looks for (201 of these in a row = echoed). */
    static final char HUGE_CHAR = 'x';

    static final String HUGE_TEXT = String.valueOf(HUGE_CHAR).repeat(100_000);

    /** Operations that only read, though not by GET: any variant may be sent to them. */
    /**
     * POSTs that change nothing. A leak report is one as far as this corpus goes: any text and an empty partner payload
     * are valid reports, and it changes state only for a live token's value, which the corpus never sends (the
     * database snapshot still proves nothing changed).
     */
    private static final Set<String> READS = Set.of(
            "POST /api/2.0/access/check",
            "POST /api/2.0/token-management/tokens/bulk-revoke/preview",
            "POST /api/2.0/token/report-leak");

    /**
     * Text a caller names things with: any text is a valid value, so only malformed text is bad. A filter by name is
     * one too: a name nobody has is a filter that matches nothing.
     */
    private static final Set<String> FREE_TEXT = Set.of(
            "created_by_username",
            "comment",
            "name",
            "description",
            "displayName",
            "userName",
            "givenName",
            "familyName",
            "externalId",
            "reason",
            "emails[0].value",
            "Operations[0].value");

    /** SCIM attributes a write ignores by contract (RFC 7643 read-only, or not kept by Warden). */
    private static final Set<String> IGNORED_IN_WRITES = Set.of(
            "id",
            "meta",
            "schemas",
            "groups",
            "roles",
            "display",
            "$ref",
            "type",
            "primary",
            "emails[0].display",
            "emails[0].$ref",
            "emails[0].type",
            "emails[0].primary",
            "members[0].display",
            "members[0].$ref",
            "members[0].type",
            "members[0].primary",
            "entitlements[0].display",
            "entitlements[0].$ref",
            "entitlements[0].type",
            "entitlements[0].primary");

    /** Request fields naming one of several kinds of subject: a bad value in one, the others left out. */
    private static final List<Set<String>> EXCLUSIVE =
            List.of(Set.of("user_name", "group_name", "service_principal_name"), Set.of("principal_id", "group_id"));

    /**
     * One request of the corpus; {@code field} names what it targets (null when it targets the whole request).
     * @param raw the exact bytes to send instead of a request built from the other parts (a malformed request line)
     * @param write whether the request goes to an operation that changes state: then a 2xx answer means bad input
     *     was accepted
     */
    record Case(
            String name,
            String method,
            String target,
            Map<String, String> headers,
            byte[] body,
            String field,
            byte[] raw,
            boolean write) {
        Case(String name, String method, String target, Map<String, String> headers, byte[] body, String field) {
            this(name, method, target, headers, body, field, null, false);
        }

        static Case raw(String name, byte[] bytes) {
            return new Case(name, "?", "/api/", Map.of(), null, null, bytes, false);
        }

        byte[] bytes() {
            return raw != null ? raw : RawHttp.request(method, target, headers, body);
        }

        /** Under /api (a raw request is sent to an API path, or to none Warden could read: JSON either way). */
        boolean api() {
            return target.startsWith("/api/") || target.startsWith("/api?");
        }
    }

    /** A malformed path value; {@code targetsField} false when the container or the firewall must refuse the URL. */
    private record PathValue(String encoded, boolean targetsField) {}

    private static final List<PathValue> PATH_VALUES = List.of(
            new PathValue("0", true),
            new PathValue("-1", true),
            new PathValue("abc", true),
            new PathValue("1.5", true),
            new PathValue("1e3", true),
            new PathValue("99999999999999999999", true),
            new PathValue("-9223372036854775809", true),
            new PathValue("%20", true),
            new PathValue("%C3%A9t%C3%A9", true),
            new PathValue("%F0%9F%9A%80", true),
            new PathValue("%E2%80%AE", true),
            new PathValue("1%20OR%201%3D1", true),
            new PathValue("%27%3B--", false),
            new PathValue("%3Cscript%3E", true),
            new PathValue(String.valueOf(HUGE_CHAR).repeat(3_000), true),
            new PathValue("%00", false),
            new PathValue("%0A", false),
            new PathValue("%0D%0ASet-Cookie:x", false),
            new PathValue("%2F", false),
            new PathValue("%5C", false),
            new PathValue("%25", false),
            new PathValue("..", false),
            new PathValue("%2e%2e", false),
            new PathValue("..%2F..%2Fetc%2Fpasswd", false),
            new PathValue("%ZZ", false),
            new PathValue("%", false),
            new PathValue("%ED%A0%80", false),
            new PathValue("%FF", false),
            new PathValue("x;jsessionid=1", false),
            new PathValue("%24%7Bjndi%3Aldap%3A%2F%2Fx%7D", false));

    /** Query values already %-encoded, malformed or not UTF-8: the parameter must be named all the same. */
    private static final List<String> RAW_QUERY_VALUES =
            List.of("%zz", "%", "%4", "%E0%A4", "%ED%A0%80", "%C0%AF", "%FF", "%00", "%0A", "%1B%5B31m", "%E2%80%AE");

    private static final List<String> QUERY_TEXT = List.of(
            HUGE_TEXT.substring(0, 4_000),
            "' OR '1'='1",
            "\"; DROP TABLE access_token; --",
            "${jndi:ldap://127.0.0.1/a}",
            "<script>alert(1)</script>",
            "../../../../etc/passwd",
            "🚀",
            "é",
            " ",
            "");

    private static final List<String> QUERY_INTEGER =
            List.of("abc", "1.5", "1e3", "0x10", "99999999999999999999", "-1", "-99999999999", "NaN", "١٢", "+", "");

    private static final List<String> QUERY_BOOLEAN = List.of("yes", "1", "TRUE ", "null", "");

    private final JsonNode spec;
    private final Fixtures fixtures;
    private final List<Case> cases = new ArrayList<>();
    /** Whether the operation being generated changes state. */
    private boolean write;

    private BadInputCorpus(JsonNode spec, Fixtures fixtures) {
        this.spec = spec;
        this.fixtures = fixtures;
    }

    /** The real resources the corpus points at, and valid bodies to put one bad value into. */
    interface Fixtures {
        /** The value of a path parameter that names a real resource, for calls that read or carry a bad body. */
        String pathValue(String path, String parameter);

        /** A valid body for the operation (null when none is known: then its fields are not targeted in writes). */
        ObjectNode baseline(String method, String path);

        /** Headers every request carries (the admin token). */
        Map<String, String> headers();
    }

    static List<Case> generate(JsonNode spec, Fixtures fixtures) {
        BadInputCorpus corpus = new BadInputCorpus(spec, fixtures);
        for (Map.Entry<String, JsonNode> path : spec.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                corpus.operation(operation.getKey().toUpperCase(Locale.ROOT), path.getKey(), operation.getValue());
            }
            corpus.unsupportedMethods(path.getKey(), path.getValue());
        }
        return corpus.cases;
    }

    private void operation(String method, String path, JsonNode operation) {
        boolean reads = method.equals("GET") || READS.contains(method + " " + path);
        write = !reads;
        List<JsonNode> parameters = new ArrayList<>();
        operation.path("parameters").forEach(parameters::add);
        JsonNode body = operation.path("requestBody");
        boolean hasBody = !body.isMissingNode();
        // a valid body, so that only the path is wrong (a bad path never names a real resource)
        ObjectNode baseline = hasBody ? fixtures.baseline(method, path) : null;
        String emptyBody = hasBody ? (baseline == null ? "{}" : JSON.writeValueAsString(baseline)) : null;

        for (JsonNode parameter : parameters) {
            if (parameter.path("in").asString().equals("path")) {
                String name = parameter.path("name").asString();
                for (PathValue value : PATH_VALUES) {
                    add(
                            method + " " + path + " path " + name + "=" + abbreviate(value.encoded()),
                            method,
                            fill(path, name, value.encoded()),
                            emptyBody,
                            value.targetsField() ? name : null);
                }
            }
        }
        String real = fill(path, null, null);
        for (JsonNode parameter : parameters) {
            if (!parameter.path("in").asString().equals("query") || !reads) {
                continue;
            }
            String name = parameter.path("name").asString();
            String type = schema(parameter.path("schema")).path("type").asString();
            List<String> values = new ArrayList<>(QUERY_TEXT);
            values.addAll(type.equals("integer") ? QUERY_INTEGER : type.equals("boolean") ? QUERY_BOOLEAN : List.of());
            for (String value : values) {
                add(
                        method + " " + path + " query " + name + "=" + abbreviate(value),
                        method,
                        real + "?" + encode(name) + "=" + encode(value),
                        emptyBody,
                        name);
            }
            for (String value : RAW_QUERY_VALUES) {
                add(
                        method + " " + path + " query " + name + "=" + value,
                        method,
                        real + "?" + encode(name) + "=" + value,
                        emptyBody,
                        name);
            }
        }
        if (hasBody) {
            bodyFields(
                    method,
                    path,
                    real,
                    schema(body.path("content").path("application/json").path("schema")),
                    reads);
            malformedBodies(method, path, real, body.path("required").asBoolean(false) || reads);
        }
    }

    private void bodyFields(String method, String path, String target, JsonNode schema, boolean reads) {
        ObjectNode baseline = fixtures.baseline(method, path);
        if (baseline == null) {
            if (!reads) {
                return;
            }
            baseline = JSON.createObjectNode();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        collectFields(schema, "", fields, 0);
        if (path.equals("/api/2.0/workspace-conf")) {
            Set.of("enableTokensConfig", "maxTokenLifetimeDays", "defaultTokenLifetimeDays", "tokenQuotaPerPrincipal")
                    .forEach(key -> fields.put(key, "conf"));
        }
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String name = field.getKey();
            if (!reads && (IGNORED_IN_WRITES.contains(root(name)) || IGNORED_IN_WRITES.contains(leafOrPath(name)))) {
                continue;
            }
            // SCIM's PATCH value is any JSON; the corpus's operation replaces displayName, a string
            String type = name.equals("Operations[0].value") ? "string" : field.getValue();
            // a PATCH operation's value is named by the attribute it sets, as SCIM errors name it
            String named = name.equals("Operations[0].value") ? "displayName" : name;
            for (String value : badJson(name, type, reads)) {
                ObjectNode body = with(baseline, name);
                add(
                        method + " " + path + " body " + name + "=" + abbreviate(value),
                        method,
                        target,
                        JSON.writeValueAsString(body).replace("\"" + BAD + "\"", value),
                        named);
            }
        }
        if (path.equals("/api/2.0/workspace-conf")) {
            add(method + " " + path + " body unknown key", method, target, "{\"zzz\":\"1\"}", "zzz");
        }
    }

    /** Bad JSON values for a field of this OpenAPI type, as JSON text. */
    private static List<String> badJson(String field, String type, boolean reads) {
        boolean freeText = FREE_TEXT.contains(field) || FREE_TEXT.contains(leafOrPath(field));
        List<String> values = new ArrayList<>();
        switch (type) {
            case "integer", "number" ->
                values.addAll(List.of(
                        "\"5x\"", // "5" is 5: proto3 JSON sends 64-bit integers as strings
                        "\"1.5\"",
                        "\"\"",
                        "1.5",
                        "true",
                        "{}",
                        "[]",
                        "1e400",
                        "99999999999999999999",
                        "-1",
                        "-9223372036854775808"));
            case "boolean" -> values.addAll(List.of("\"true\"", "1", "\"yes\"", "{}", "[]"));
            case "array" ->
                values.addAll(List.of(
                        "\"x\"",
                        "1",
                        "{}",
                        "true",
                        "[1]",
                        "[{}]",
                        "[[]]",
                        "[\"\\u0000\"]",
                        "[\"\\ud800\"]",
                        "[" + "\"x\",".repeat(5_000) + "\"x\"]"));
            case "object" -> values.addAll(List.of("\"x\"", "1", "[]", "true"));
            case "conf" ->
                values.addAll(List.of(
                        "\"maybe\"", "\"-5\"", "\"1.5\"", "\"99999999999\"", "\"\\u0000\"", "\"\\ud800\"", "[]", "{}"));
            default -> {
                values.addAll(List.of("123", "1.5", "true", "{}", "[]"));
                values.addAll(List.of(
                        json(HUGE_TEXT),
                        "\"a\\u0000b\"",
                        "\"tab\\there\"",
                        "\"line\\nbreak\"",
                        "\"esc\\u001b[31m\"",
                        "\"del\\u007f\"",
                        "\"lone \\ud800 high\"",
                        "\"lone \\udc00 low\"",
                        "\"\\ude00\\ud83d reversed\""));
                if (!freeText || reads) {
                    values.addAll(List.of(
                            json("' OR '1'='1"),
                            json("\"; DROP TABLE access_token; --"),
                            json("${jndi:ldap://127.0.0.1/a}"),
                            json("<script>alert(1)</script>"),
                            json("../../../../etc/passwd"),
                            json("🚀")));
                }
            }
        }
        if (reads) {
            values.addAll(List.of("null", "\"\"", "\" \""));
        }
        return values;
    }

    private void malformedBodies(String method, String path, String target, boolean bodyRequired) {
        List<String> bodies = new ArrayList<>(List.of(
                "{",
                "{\"a\":}",
                "{\"a\":1,}",
                "{'a':1}",
                "{\"a\":NaN}",
                "[]",
                "\"x\"",
                "1",
                "{} {}",
                "{}x",
                "\u0000",
                "{\"a\":\"\\uZZZZ\"}",
                "[".repeat(5_000),
                "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000)));
        if (bodyRequired) {
            bodies.addAll(List.of("", "null", " "));
        }
        for (String body : bodies) {
            add(method + " " + path + " malformed body " + abbreviate(body), method, target, body, null);
        }
        byte[] notUtf8 = {'{', '"', 'c', 'o', 'm', 'm', 'e', 'n', 't', '"', ':', '"', (byte) 0xC3, '(', '"', '}'};
        cases.add(new Case(
                method + " " + path + " body not UTF-8",
                method,
                target,
                jsonHeaders("application/json"),
                notUtf8,
                null));
        for (String contentType : List.of(
                "text/plain",
                "application/xml",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/json; charset=nope",
                "application/json; charset=ISO-2022-JP",
                "application/*",
                "nonsense")) {
            cases.add(new Case(
                    method + " " + path + " content type " + contentType,
                    method,
                    target,
                    jsonHeaders(contentType),
                    "{".getBytes(StandardCharsets.UTF_8),
                    null,
                    null,
                    write));
        }
    }

    /** Methods the path does not take, including ones HTTP does not define. */
    private void unsupportedMethods(String path, JsonNode operations) {
        String target = fill(path, null, null);
        write = true; // no operation: nothing may accept it
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE", "PROPFIND", "TRACE", "BREW")) {
            if (!operations.has(method.toLowerCase(Locale.ROOT))) {
                add(method + " " + path + " (method not taken)", method, target, "{", null);
            }
        }
    }

    private void add(String name, String method, String target, String body, String field) {
        cases.add(new Case(
                name,
                method,
                target,
                body == null ? fixtures.headers() : jsonHeaders("application/json"),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                field,
                null,
                write));
    }

    private Map<String, String> jsonHeaders(String contentType) {
        Map<String, String> headers = new LinkedHashMap<>(fixtures.headers());
        headers.put("Content-Type", contentType);
        return headers;
    }

    /** The path with real resources in every parameter but {@code bad}, which gets {@code value} (already encoded). */
    private String fill(String path, String bad, String value) {
        String filled = path;
        for (String parameter : parametersOf(path)) {
            String replacement = parameter.equals(bad) ? value : encode(fixtures.pathValue(path, parameter));
            filled = filled.replace("{" + parameter + "}", replacement);
        }
        return filled;
    }

    private static List<String> parametersOf(String path) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Leaf fields of a request schema by path ({@code name.givenName}, {@code members[0].value}) and their type. */
    private void collectFields(JsonNode schema, String prefix, Map<String, String> fields, int depth) {
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String name = prefix + property.getKey();
            JsonNode resolved = schema(property.getValue());
            String type = resolved.path("type").asString(resolved.has("properties") ? "object" : "string");
            fields.put(name, type);
            if (depth < 2 && resolved.has("properties")) {
                collectFields(resolved, name + ".", fields, depth + 1);
            } else if (depth < 2 && type.equals("array")) {
                JsonNode items = schema(resolved.path("items"));
                if (items.has("properties")) {
                    collectFields(items, name + "[0].", fields, depth + 1);
                }
            }
        }
    }

    private JsonNode schema(JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.startsWith("#/components/schemas/")
                ? spec.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()))
                : schema;
    }

    /** A copy of the baseline with {@code path} set to the placeholder, the other subjects of its kind removed. */
    private static ObjectNode with(ObjectNode baseline, String path) {
        ObjectNode copy = baseline.deepCopy();
        String[] steps = path.replace("[0]", ".[0]").split("\\.");
        JsonNode at = copy;
        for (int i = 0; i < steps.length - 1; i++) {
            String step = steps[i];
            String next = steps[i + 1];
            if (step.equals("[0]")) {
                ArrayNode array = (ArrayNode) at;
                if (array.isEmpty()) {
                    array.addObject();
                }
                at = array.get(0);
            } else {
                ObjectNode object = (ObjectNode) at;
                JsonNode child = object.get(step);
                if (child == null || !(child.isObject() || child.isArray())) {
                    child = next.equals("[0]") ? object.putArray(step) : object.putObject(step);
                }
                at = child;
            }
        }
        String leaf = steps[steps.length - 1];
        if (at instanceof ArrayNode array) {
            array.removeAll();
            array.add(BAD);
        } else {
            ObjectNode object = (ObjectNode) at;
            EXCLUSIVE.stream().filter(kind -> kind.contains(leaf)).forEach(kind -> kind.forEach(object::remove));
            object.put(leaf, BAD);
        }
        return copy;
    }

    private static String root(String field) {
        return field.split("[.\\[]", 2)[0];
    }

    private static String leafOrPath(String field) {
        int dot = field.lastIndexOf('.');
        return dot < 0 ? field : field.substring(dot + 1);
    }

    static String json(String text) {
        return JSON.writeValueAsString(text);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String abbreviate(String value) {
        String shown = value.length() > 40 ? value.substring(0, 20) + "…(" + value.length() + ")" : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
