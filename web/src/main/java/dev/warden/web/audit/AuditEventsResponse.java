package dev.warden.web.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditPage;
import dev.warden.core.audit.StoredAuditEvent;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The answer of {@code GET /api/2.0/audit-events}; {@code next_page_token} is absent on the last page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AuditEventsResponse(
        List<Event> events, @JsonProperty("next_page_token") String nextPageToken) {

    static AuditEventsResponse of(AuditPage page) {
        return new AuditEventsResponse(
                page.events().stream()
                        .map(stored -> Event.of(stored, page.targetName(stored)))
                        .toList(),
                page.next() == null ? null : page.next().token());
    }

    /**
     * One event; {@code time} in epoch milliseconds. {@code actor} is absent when nobody authenticated (a failed
     * login), {@code target} when the event has none (a login); {@code target.id} is absent for an event about many
     * targets (a bulk revoke), whose ids are in {@code target.subject_ids}. {@code target.name} is the target's name
     * when the answer was made (a token's comment, a user's user name, the display name of a service principal,
     * group or service, a role's name), absent when the target no longer exists or has no name.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Event(
            long id,
            long time,
            String action,
            Actor actor,
            Target target,
            @JsonProperty("client_address") String clientAddress,
            Map<String, String> details) {
        static Event of(StoredAuditEvent stored, String targetName) {
            AuditEvent event = stored.event();
            return new Event(
                    stored.id(),
                    event.occurredAt().toEpochMilli(),
                    event.action().name(),
                    event.actorId() == null && event.actorName() == null
                            ? null
                            : new Actor(
                                    event.actorId() == null
                                            ? null
                                            : event.actorId().value(),
                                    event.actorName()),
                    event.targetType() == null
                            ? null
                            : new Target(
                                    AuditTargetType.toApi(event.targetType()),
                                    event.targetId(),
                                    targetName,
                                    event.subjects().isEmpty() ? null : event.subjects()),
                    event.clientAddress(),
                    event.details());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Actor(Long id, String name) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Target(
            String type,
            String id,

            @Schema(description = "The target's name now; absent when the target no longer exists or has none")
            String name,

            @JsonProperty("subject_ids") List<String> subjectIds) {}

    /**
     * Target types are stored in lower case ({@code token}); the API spells them in upper case ({@code TOKEN}). A
     * settings change is stored about the {@code workspace} and answered as {@code SETTINGS}, the name for it;
     * both names find it.
     */
    static final class AuditTargetType {
        private static final String SETTINGS_STORED = "workspace";
        private static final String SETTINGS = "SETTINGS";

        private AuditTargetType() {}

        static String toApi(String stored) {
            return stored.equals(SETTINGS_STORED) ? SETTINGS : stored.toUpperCase(Locale.ROOT);
        }

        static String fromApi(String given) {
            return given.equalsIgnoreCase(SETTINGS) ? SETTINGS_STORED : given.toLowerCase(Locale.ROOT);
        }
    }
}
