package dev.warden.web.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.warden.core.principal.Actor;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Page;
import dev.warden.core.shared.PageRequest;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.shared.Validation;
import dev.warden.core.webhook.DeliveryAttempt;
import dev.warden.core.webhook.Webhook;
import dev.warden.core.webhook.WebhookService;
import dev.warden.web.shared.ApiController;
import dev.warden.web.shared.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/**
 * The workspace's webhooks. The signing secret is in the answer of POST (create) and of rotate-secret only, with
 * {@code Cache-Control: no-store}; no other answer holds it.
 */
@ApiController
@Tag(name = "Webhooks", description = "Warden: token events to a SIEM, signed per Standard Webhooks")
@RequestMapping(path = "/api/2.0/webhooks", produces = "application/json")
class WebhookApiController {
    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private final WebhookService webhooks;

    WebhookApiController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    record WebhookInfo(
            long id,
            String url,
            @JsonProperty("event_types") List<String> eventTypes,
            boolean enabled,
            @JsonProperty("created_at") String createdAt) {
        static WebhookInfo of(Webhook w) {
            return new WebhookInfo(
                    w.id(), w.url(), w.eventTypes(), w.enabled(), w.createdAt().toString());
        }
    }

    record ListResponse(
            List<WebhookInfo> webhooks,
            @JsonProperty("event_types") List<String> eventTypes) {}

    record CreatedResponse(WebhookInfo webhook, String secret) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AttemptInfo(
            @JsonProperty("message_id") String messageId,
            @JsonProperty("event_type") String eventType,
            int attempt,
            @JsonProperty("attempted_at") String attemptedAt,
            @JsonProperty("status_code") Integer statusCode,
            String error,
            @JsonProperty("next_attempt_at") String nextAttemptAt,
            @JsonProperty("delivery_status") String deliveryStatus,
            boolean succeeded) {
        static AttemptInfo of(DeliveryAttempt a) {
            return new AttemptInfo(
                    a.messageId(),
                    a.eventType(),
                    a.attempt(),
                    a.attemptedAt().toString(),
                    a.statusCode(),
                    a.error(),
                    a.nextAttemptAt() == null ? null : a.nextAttemptAt().toString(),
                    a.deliveryStatus(),
                    a.succeeded());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DeliveriesResponse(
            List<AttemptInfo> deliveries,
            @JsonProperty("total_count") long total,
            @JsonProperty("next_page_token") String nextPageToken) {}

    @GetMapping
    @RequiresPermission("settings:read")
    ListResponse list(Actor actor) {
        return new ListResponse(
                webhooks.list(actor).stream().map(WebhookInfo::of).toList(), WebhookService.eventTypes());
    }

    @PostMapping(consumes = "application/json")
    @RequiresPermission("settings:write")
    @Operation(summary = "Adds a webhook; the answer holds its signing secret, shown this once")
    ResponseEntity<CreatedResponse> create(Actor actor, @RequestBody JsonNode body) {
        Fields fields = Fields.of(body, true);
        WebhookService.Created created = webhooks.create(
                actor,
                fields.url,
                fields.eventTypes == null ? List.of() : fields.eventTypes,
                fields.enabled == null || fields.enabled);
        return once(created);
    }

    @GetMapping("/{id}")
    @RequiresPermission("settings:read")
    WebhookInfo get(Actor actor, @PathVariable("id") String id) {
        return WebhookInfo.of(webhooks.get(actor, id(id)));
    }

    @PatchMapping(path = "/{id}", consumes = "application/json")
    @RequiresPermission("settings:write")
    WebhookInfo update(Actor actor, @PathVariable("id") String id, @RequestBody JsonNode body) {
        Fields fields = Fields.of(body, false);
        return WebhookInfo.of(webhooks.update(actor, id(id), fields.url, fields.eventTypes, fields.enabled));
    }

    @DeleteMapping("/{id}")
    @RequiresPermission("settings:write")
    Map<String, Object> delete(Actor actor, @PathVariable("id") String id) {
        webhooks.delete(actor, id(id));
        return Map.of();
    }

    @PostMapping("/{id}/rotate-secret")
    @RequiresPermission("settings:write")
    @Operation(summary = "Gives the webhook a new signing secret, shown this once; the old one stops at once")
    ResponseEntity<CreatedResponse> rotateSecret(Actor actor, @PathVariable("id") String id) {
        return once(webhooks.rotateSecret(actor, id(id)));
    }

    @PostMapping("/{id}/test")
    @RequiresPermission("settings:write")
    @Operation(summary = "Sends a webhook.test event now and answers how the receiver answered (never its body)")
    AttemptInfo test(Actor actor, @PathVariable("id") String id) {
        return AttemptInfo.of(webhooks.test(actor, id(id)));
    }

    @GetMapping("/{id}/deliveries")
    @RequiresPermission("settings:read")
    @Operation(summary = "The delivery log, newest try first; pass next_page_token as page_token for more")
    @Parameter(name = "page_size", in = ParameterIn.QUERY, schema = @Schema(type = "integer", minimum = "1"))
    @Parameter(name = "page_token", in = ParameterIn.QUERY, schema = @Schema(type = "string"))
    DeliveriesResponse deliveries(
            Actor actor,
            @PathVariable("id") String id,
            @Parameter(hidden = true) @RequestParam Map<String, String> query) {
        int size = number(query.get("page_size"), "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        int offset = number(query.get("page_token"), "page_token", 0, 0, PageRequest.MAX_LIMIT);
        Page<DeliveryAttempt> page = webhooks.deliveries(actor, id(id), new PageRequest(offset, size));
        return new DeliveriesResponse(
                page.items().stream().map(AttemptInfo::of).toList(),
                page.total(),
                page.hasNext() ? Integer.toString(offset + page.items().size()) : null);
    }

    /** The secret is in this answer only: nothing on the way may keep a copy. */
    private static ResponseEntity<CreatedResponse> once(WebhookService.Created created) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new CreatedResponse(WebhookInfo.of(created.webhook()), created.secret()));
    }

    /** An id from the path: anything but a decimal id answers 404, like an unknown one. */
    static long id(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new ResourceNotFoundException("Webhook " + Validation.shorten(raw) + " does not exist.");
        }
    }

    private static int number(String raw, String field, int absent, int min, int max) {
        if (raw == null || raw.isEmpty()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidParameterException(
                field,
                field + " must be a whole number from " + min + " to " + max + "; got " + Validation.echo(raw) + ".");
    }

    /** The fields of a create or update body, each checked for its JSON type; unknown fields are refused. */
    private static final class Fields {
        String url;
        List<String> eventTypes;
        Boolean enabled;

        static Fields of(JsonNode body, boolean urlRequired) {
            if (body == null || !body.isObject()) {
                throw new InvalidParameterException(
                        null,
                        "The body must be a JSON object, e.g. {\"url\":\"https://siem.example.com/warden\","
                                + "\"event_types\":[\"token.revoked\"],\"enabled\":true}.");
            }
            Fields fields = new Fields();
            for (var field : body.properties()) {
                String name = field.getKey();
                JsonNode value = field.getValue();
                switch (name) {
                    case WebhookService.URL -> {
                        if (!value.isString()) {
                            throw new InvalidParameterException(name, name + " must be a string.");
                        }
                        fields.url = value.asString();
                    }
                    case WebhookService.EVENT_TYPES -> fields.eventTypes = strings(name, value);
                    case "enabled" -> {
                        if (!value.isBoolean()) {
                            throw new InvalidParameterException(name, name + " must be true or false.");
                        }
                        fields.enabled = value.booleanValue();
                    }
                    default ->
                        throw new InvalidParameterException(
                                name, "Unknown field " + Validation.echo(name) + "; known: url, event_types, enabled.");
                }
            }
            if (urlRequired && fields.url == null) {
                throw new InvalidParameterException(WebhookService.URL, "url is required.");
            }
            return fields;
        }

        private static List<String> strings(String name, JsonNode value) {
            if (!value.isArray()) {
                throw new InvalidParameterException(name, name + " must be an array of event types.");
            }
            List<String> types = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isString()) {
                    throw new InvalidParameterException(name, name + " must be an array of event types.");
                }
                types.add(item.asString());
            }
            return types;
        }
    }
}
