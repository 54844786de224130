package dev.warden.core.webhook;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.event.TokenEventType;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.role.AccessPolicy;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Page;
import dev.warden.core.shared.PageRequest;
import dev.warden.core.shared.QuotaExceededException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.shared.Validation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A workspace's webhooks: read with {@code settings:read}, changed with {@code settings:write}, every change audited
 * (never with the secret). The secret is made here and returned only by {@link #create} and {@link #rotateSecret}.
 */
public final class WebhookService {
    public static final String URL = "url";
    public static final String EVENT_TYPES = "event_types";
    public static final String TEST_TYPE = "webhook.test";
    public static final int MAX_WEBHOOKS = 20;
    static final int MAX_URL = 2000;
    private static final String TARGET = "webhook";

    /** A webhook and its secret, as shown once. */
    public record Created(Webhook webhook, String secret) {}

    private final WebhookRepository webhooks;
    private final WebhookDispatcher dispatcher;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final TransactionRunner tx;
    private final Clock clock;

    public WebhookService(
            WebhookRepository webhooks,
            WebhookDispatcher dispatcher,
            AccessPolicy access,
            AuditLog audit,
            TransactionRunner tx,
            Clock clock) {
        this.webhooks = webhooks;
        this.dispatcher = dispatcher;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** The {@code type} strings a webhook may subscribe to. */
    public static List<String> eventTypes() {
        return Arrays.stream(TokenEventType.values()).map(TokenEventType::type).toList();
    }

    public List<Webhook> list(Actor actor) {
        access.require(actor, Permission.SETTINGS_READ);
        return webhooks.list(actor.workspace());
    }

    public Webhook get(Actor actor, long id) {
        access.require(actor, Permission.SETTINGS_READ);
        return found(actor, id);
    }

    public Created create(Actor actor, String url, List<String> eventTypes, boolean enabled) {
        access.require(actor, Permission.SETTINGS_WRITE);
        String cleanUrl = validUrl(url);
        List<String> types = validTypes(eventTypes);
        return tx.inTransaction(() -> {
            if (webhooks.list(actor.workspace()).size() >= MAX_WEBHOOKS) {
                throw new QuotaExceededException("A workspace has at most " + MAX_WEBHOOKS + " webhooks.");
            }
            String secret = WebhookSigner.newSecret();
            Webhook created = webhooks.insert(actor.workspace(), cleanUrl, types, enabled, secret, now());
            audit.record(event(actor, AuditAction.WEBHOOK_CREATED, created)
                    .detail("url", created.url())
                    .detail(EVENT_TYPES, describe(created.eventTypes()))
                    .detail("enabled", created.enabled())
                    .build());
            return new Created(created, secret);
        });
    }

    /** Changes what is given (null keeps the current value). */
    public Webhook update(Actor actor, long id, String url, List<String> eventTypes, Boolean enabled) {
        access.require(actor, Permission.SETTINGS_WRITE);
        String cleanUrl = url == null ? null : validUrl(url);
        List<String> types = eventTypes == null ? null : validTypes(eventTypes);
        return tx.inTransaction(() -> {
            Webhook before = found(actor, id);
            Webhook after = new Webhook(
                    id,
                    before.workspace(),
                    cleanUrl == null ? before.url() : cleanUrl,
                    types == null ? before.eventTypes() : types,
                    enabled == null ? before.enabled() : enabled,
                    before.createdAt());
            if (!after.equals(before)) {
                webhooks.update(after);
                audit.record(event(actor, AuditAction.WEBHOOK_UPDATED, after)
                        .detail("before", describe(before))
                        .detail("after", describe(after))
                        .build());
            }
            return after;
        });
    }

    /** A new secret, shown once; the old one stops at once. */
    public Created rotateSecret(Actor actor, long id) {
        access.require(actor, Permission.SETTINGS_WRITE);
        return tx.inTransaction(() -> {
            Webhook webhook = found(actor, id);
            String secret = WebhookSigner.newSecret();
            webhooks.updateSecret(actor.workspace(), id, secret);
            audit.record(
                    event(actor, AuditAction.WEBHOOK_SECRET_ROTATED, webhook).build());
            return new Created(webhook, secret);
        });
    }

    public void delete(Actor actor, long id) {
        access.require(actor, Permission.SETTINGS_WRITE);
        tx.inTransaction(() -> {
            Webhook webhook = found(actor, id);
            webhooks.delete(actor.workspace(), id);
            audit.record(event(actor, AuditAction.WEBHOOK_DELETED, webhook)
                    .detail("url", webhook.url())
                    .build());
        });
    }

    /**
     * Sends a {@code webhook.test} event to this webhook now (also when it is disabled: that is how one checks it
     * before turning it on), logs the try and answers it. Not retried.
     */
    public DeliveryAttempt test(Actor actor, long id) {
        access.require(actor, Permission.SETTINGS_WRITE);
        Webhook webhook = found(actor, id);
        Instant now = now();
        String messageId = "msg_" + UUID.randomUUID().toString().replace("-", "");
        String payload = "{\"type\":\"" + TEST_TYPE + "\",\"timestamp\":\"" + now + "\",\"data\":{\"webhook_id\":"
                + webhook.id() + ",\"workspace_id\":" + webhook.workspace().value() + "}}";
        DueDelivery delivery = tx.inTransaction(() -> {
            DueDelivery queued = webhooks.queueTest(webhook, messageId, payload, now);
            audit.record(event(actor, AuditAction.WEBHOOK_TESTED, webhook).build());
            return queued;
        });
        return dispatcher.deliverOnce(delivery);
    }

    public Page<DeliveryAttempt> deliveries(Actor actor, long id, PageRequest page) {
        access.require(actor, Permission.SETTINGS_READ);
        found(actor, id);
        return webhooks.attempts(actor.workspace(), id, page);
    }

    private Webhook found(Actor actor, long id) {
        return webhooks.find(actor.workspace(), id)
                .orElseThrow(() -> new ResourceNotFoundException("Webhook " + id + " does not exist."));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private AuditEvent.Builder event(Actor actor, AuditAction action, Webhook webhook) {
        return AuditEvent.by(actor, action, now()).target(TARGET, Long.toString(webhook.id()));
    }

    private static String describe(List<String> types) {
        return types.isEmpty() ? "all" : String.join(",", types);
    }

    private static String describe(Webhook w) {
        return "url=" + w.url() + ", event_types=" + describe(w.eventTypes()) + ", enabled=" + w.enabled();
    }

    /** http or https with a host; no user info (it would be a credential shown in every answer). */
    static String validUrl(String url) {
        String u = url == null ? "" : url.strip();
        if (u.isEmpty() || u.length() > MAX_URL) {
            throw new InvalidParameterException(
                    URL, URL + " must be an http or https URL of at most " + MAX_URL + " characters.");
        }
        try {
            URI uri = new URI(u);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new InvalidParameterException(
                        URL, URL + " must be an http or https URL with a host; got " + Validation.echo(u) + ".");
            }
            if (uri.getRawUserInfo() != null) {
                throw new InvalidParameterException(URL, URL + " must not hold a user name or password.");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new InvalidParameterException(URL, URL + " is not a valid URL; got " + Validation.echo(u) + ".");
        }
    }

    static List<String> validTypes(List<String> eventTypes) {
        List<String> known = eventTypes();
        List<String> clean = new ArrayList<>();
        for (String type : eventTypes) {
            String t = type == null ? "" : type.strip();
            if (!known.contains(t)) {
                throw new InvalidParameterException(
                        EVENT_TYPES,
                        EVENT_TYPES + " must name known event types (" + String.join(", ", known) + "); got "
                                + Validation.echo(t) + ".");
            }
            if (!clean.contains(t)) {
                clean.add(t);
            }
        }
        return clean;
    }
}
