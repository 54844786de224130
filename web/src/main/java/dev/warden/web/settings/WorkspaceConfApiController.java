package dev.warden.web.settings;

import dev.warden.core.principal.Actor;
import dev.warden.core.settings.SettingsService;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Validation;
import dev.warden.web.shared.ApiController;
import dev.warden.web.shared.RequiresPermission;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/**
 * Workspace settings as the Databricks {@code workspace-conf} flat object of string keys and values. GET answers
 * the requested {@code keys}, or every known key when none are given (the Java SDK sends none); PATCH changes the
 * given keys and keeps the rest, validated in full before anything is stored.
 */
@ApiController
@Tag(
        name = "Workspace conf",
        description = "Databricks: workspace settings (enableTokensConfig, maxTokenLifetimeDays, ...)")
@RequestMapping(path = "/api/2.0/workspace-conf", produces = "application/json")
class WorkspaceConfApiController {
    private final SettingsService settings;

    WorkspaceConfApiController(SettingsService settings) {
        this.settings = settings;
    }

    @GetMapping
    @RequiresPermission("settings:read")
    Map<String, String> get(Actor actor, @RequestParam(name = "keys", required = false) String keys) {
        Map<String, String> all = SettingsService.asConf(settings.get(actor));
        if (keys == null || keys.isBlank()) {
            return all;
        }
        Map<String, String> selected = new LinkedHashMap<>();
        for (String key : Arrays.stream(keys.split(","))
                .map(String::strip)
                .filter(k -> !k.isEmpty())
                .toList()) {
            if (!all.containsKey(key)) {
                throw new InvalidParameterException(
                        "keys",
                        "Unknown workspace-conf key " + Validation.echo(key) + ". Known keys: "
                                + String.join(", ", SettingsService.KEYS) + ".");
            }
            selected.put(key, all.get(key));
        }
        return selected;
    }

    /** String values are canonical; booleans, numbers and null are read as their string form (null clears). */
    @PatchMapping(consumes = "application/json")
    @RequiresPermission("settings:write")
    Map<String, Object> patch(Actor actor, @RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidParameterException(
                    null,
                    "The body must be a JSON object of workspace-conf keys and"
                            + " string values, e.g. {\"enableTokensConfig\":\"true\"}.");
        }
        Map<String, String> changes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            JsonNode value = field.getValue();
            if (value == null || value.isNull()) {
                changes.put(field.getKey(), null);
            } else if (value.isString() || value.isBoolean() || value.isNumber()) {
                changes.put(field.getKey(), value.asString());
            } else {
                throw new InvalidParameterException(field.getKey(), field.getKey() + " must be a string value.");
            }
        }
        settings.update(actor, changes);
        return Map.of();
    }
}
