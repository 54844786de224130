package dev.warden.web.notice;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.warden.core.notice.NoticeService;
import dev.warden.core.notice.NoticeSettings;
import dev.warden.core.principal.Actor;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.web.shared.ApiController;
import dev.warden.web.shared.RequiresPermission;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.JsonNode;

/**
 * The workspace's expiry notice settings. Not part of {@code workspace-conf}: that is Databricks' flat map of string
 * values, and these are lists. PATCH replaces the lists it names and keeps the other.
 */
@ApiController
@Tag(name = "Notification settings", description = "Warden: lead times, recipient rules and extra addresses of notices")
@RequestMapping(path = "/api/2.0/notification-settings", produces = "application/json")
class NotificationSettingsApiController {
    private final NoticeService notices;

    NotificationSettingsApiController(NoticeService notices) {
        this.notices = notices;
    }

    record Body(
            @JsonProperty("lead_days") List<Integer> leadDays,
            @JsonProperty("extra_addresses") List<String> extraAddresses,
            @JsonProperty("recipients") List<String> recipients) {
        static Body of(NoticeSettings settings) {
            return new Body(settings.leadDays(), settings.extraAddresses(), NoticeService.keys(settings.recipients()));
        }
    }

    @GetMapping
    @RequiresPermission("settings:read")
    Body get(Actor actor) {
        return Body.of(notices.settings(actor));
    }

    @PatchMapping(consumes = "application/json")
    @RequiresPermission("settings:write")
    Body patch(Actor actor, @RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidParameterException(
                    null, "The body must be a JSON object, e.g. {\"lead_days\":[30,7,1],\"extra_addresses\":[]}.");
        }
        List<Integer> leadDays = null;
        List<String> addresses = null;
        List<String> recipients = null;
        for (var field : body.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            switch (name) {
                case NoticeService.LEAD_DAYS -> leadDays = integers(name, value);
                case NoticeService.EXTRA_ADDRESSES -> addresses = strings(name, value, "e-mail addresses");
                case NoticeService.RECIPIENTS -> recipients = strings(name, value, "recipient rule names");
                default ->
                    throw new InvalidParameterException(
                            name,
                            "Unknown field " + name + "; known: " + NoticeService.LEAD_DAYS + ", "
                                    + NoticeService.EXTRA_ADDRESSES + ", " + NoticeService.RECIPIENTS + ".");
            }
        }
        return Body.of(notices.update(actor, leadDays, addresses, recipients));
    }

    private static List<Integer> integers(String name, JsonNode value) {
        if (value == null || !value.isArray()) {
            throw new InvalidParameterException(name, name + " must be an array of whole numbers of days.");
        }
        List<Integer> days = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isInt()) {
                throw new InvalidParameterException(name, name + " must be an array of whole numbers of days.");
            }
            days.add(item.intValue());
        }
        return days;
    }

    private static List<String> strings(String name, JsonNode value, String what) {
        if (value == null || !value.isArray()) {
            throw new InvalidParameterException(name, name + " must be an array of " + what + ".");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isString()) {
                throw new InvalidParameterException(name, name + " must be an array of " + what + ".");
            }
            items.add(item.asString());
        }
        return items;
    }
}
