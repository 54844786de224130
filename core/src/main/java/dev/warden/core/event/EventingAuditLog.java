package dev.warden.core.event;

import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.audit.AuditQuery;
import dev.warden.core.audit.StoredAuditEvent;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.settings.SettingsService;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenFilter;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenStatus;
import dev.warden.core.tokenusage.TokenUsageService;
import dev.warden.core.workspace.WorkspaceId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ONE place token lifecycle events come from: a decorator on the {@link AuditLog} port that, after writing an
 * audit record about a token change, publishes the matching {@link TokenEvent}. Why here rather than a publish call
 * next to each audit call: every token change is audited already (the audit rule), in the transaction of the change,
 * so hooking the audit port covers every path that exists today (single, bulk, leak report, OAuth secret deletion)
 * and every path added later that audits, with no call to forget; and the event commits or rolls back with the audit
 * record. A refused change records no audit event and so publishes nothing.
 *
 * <p>Mapping: TOKEN_CREATED, TOKEN_REVOKED, TOKEN_RESTORED, TOKEN_DELETED, TOKEN_ROTATED to the event of that name;
 * TOKENS_BULK_REVOKED to one {@code token.revoked} per token; TOKEN_LEAK_REPORTED to {@code token.leaked};
 * CANARY_TRIGGERED to {@code token.canary_triggered};
 * PRINCIPAL_DEACTIVATED to one {@code token.suspended} per token of that owner that worked until then, and
 * WORKSPACE_SETTINGS_CHANGED that switched tokens off to one per working token of the workspace: at most
 * {@link #MAX_SUSPENDED} per change (the newest), each event carrying the full count, {@code tokens_suspended}, so a
 * workspace of 100 000 tokens does not queue 100 000 events in the transaction that switched them off; and
 * TOKEN_ACL_CHANGED that took token usage from principals with working tokens (the record names them, read before
 * the change) to one per working token of theirs. Losing usage through a group membership or a role publishes nothing
 * yet.
 */
public final class EventingAuditLog implements AuditLog {
    /** The most {@code token.suspended} events one change fans out to. */
    public static final int MAX_SUSPENDED = 500;

    private static final String TOKENS_ON = SettingsService.ENABLE_TOKENS + "=true";
    private static final String TOKENS_OFF = SettingsService.ENABLE_TOKENS + "=false";

    private final AuditLog delegate;
    private final TokenEvents events;
    private final TokenRepository tokens;

    public EventingAuditLog(AuditLog delegate, TokenEvents events, TokenRepository tokens) {
        this.delegate = delegate;
        this.events = events;
        this.tokens = tokens;
    }

    @Override
    public void record(AuditEvent event) {
        delegate.record(event);
        switch (event.action()) {
            case TOKEN_CREATED -> publish(event, TokenEventType.CREATED, event.targetId());
            case TOKEN_REVOKED -> publish(event, TokenEventType.REVOKED, event.targetId());
            case TOKEN_RESTORED -> publish(event, TokenEventType.RESTORED, event.targetId());
            case TOKEN_DELETED -> publish(event, TokenEventType.DELETED, event.targetId());
            case TOKEN_ROTATED -> publish(event, TokenEventType.ROTATED, event.targetId());
            case TOKEN_LEAK_REPORTED -> publish(event, TokenEventType.LEAKED, event.targetId());
            case CANARY_TRIGGERED -> publish(event, TokenEventType.CANARY_TRIGGERED, event.targetId());
            case TOKENS_BULK_REVOKED -> event.subjects().forEach(id -> publish(event, TokenEventType.REVOKED, id));
            case PRINCIPAL_DEACTIVATED -> suspendTokensOf(event);
            case TOKEN_ACL_CHANGED -> suspendTokensOfOwnersWithoutUsage(event);
            case WORKSPACE_SETTINGS_CHANGED -> {
                if (switchedTokensOff(event)) {
                    suspendAll(event);
                }
            }
            default -> {}
        }
    }

    private void publish(AuditEvent event, TokenEventType type, String tokenId) {
        if (tokenId == null || !"token".equals(event.targetType())) {
            return;
        }
        events.publish(new TokenEvent(event.workspace(), type, new TokenId(tokenId), event.occurredAt(), data(event)));
    }

    /** Deactivating an owner stops its tokens that worked: one event per such token, bounded. */
    private void suspendTokensOf(AuditEvent event) {
        PrincipalId owner;
        try {
            owner = new PrincipalId(Long.parseLong(event.targetId()));
        } catch (NumberFormatException | NullPointerException e) {
            return;
        }
        List<AccessToken> working = workingTokensOf(event, List.of(owner));
        suspend(event, working, working.size(), "owner " + owner + " deactivated");
    }

    /** The token usage list lost the owners it names ({@link TokenUsageService#SUSPENDED_OWNERS}). */
    private void suspendTokensOfOwnersWithoutUsage(AuditEvent event) {
        String named = event.details().get(TokenUsageService.SUSPENDED_OWNERS);
        if (named == null || named.isBlank()) {
            return;
        }
        List<PrincipalId> owners = new ArrayList<>();
        for (String id : named.split(",")) {
            try {
                owners.add(new PrincipalId(Long.parseLong(id.strip())));
            } catch (NumberFormatException e) {
                // not an id: nothing to suspend for it
            }
        }
        List<AccessToken> working = workingTokensOf(event, owners);
        suspend(event, working, working.size(), "token usage removed from the owner");
    }

    private List<AccessToken> workingTokensOf(AuditEvent event, List<PrincipalId> owners) {
        List<AccessToken> working = new ArrayList<>();
        for (PrincipalId owner : owners) {
            for (AccessToken token : tokens.listByOwner(event.workspace(), owner)) {
                if (token.statusAt(event.occurredAt()) == TokenStatus.ACTIVE) {
                    working.add(token);
                }
            }
        }
        return working;
    }

    /** The settings audit record names {@code enableTokensConfig} in its before and after maps. */
    private static boolean switchedTokensOff(AuditEvent event) {
        String before = event.details().getOrDefault("before", "");
        String after = event.details().getOrDefault("after", "");
        return before.contains(TOKENS_ON) && after.contains(TOKENS_OFF);
    }

    /** Switching tokens off stops every token that worked: events for the newest {@link #MAX_SUSPENDED}, all counted. */
    private void suspendAll(AuditEvent event) {
        TokenFilter working =
                new TokenFilter(null, null, TokenStatus.ACTIVE, null, null, null, null, false, event.occurredAt());
        List<AccessToken> first = tokens.search(event.workspace(), working, null, MAX_SUSPENDED);
        int total = first.size() < MAX_SUSPENDED ? first.size() : tokens.count(event.workspace(), working);
        suspend(event, first, total, "API tokens switched off for the workspace");
    }

    private void suspend(AuditEvent event, List<AccessToken> working, int total, String reason) {
        Map<String, Object> data = new LinkedHashMap<>(data(event));
        data.remove("before"); // the settings maps and usage lists say nothing about the token
        data.remove("after");
        data.remove(TokenUsageService.SUSPENDED_OWNERS);
        data.put("reason", reason);
        data.put("tokens_suspended", total); // all of them, also when only the first ones get an event
        for (AccessToken token : working.subList(0, Math.min(working.size(), MAX_SUSPENDED))) {
            events.publish(
                    new TokenEvent(event.workspace(), TokenEventType.SUSPENDED, token.id(), event.occurredAt(), data));
        }
    }

    /** The audit record's details (never a secret, by the audit rule), who did it and from where. */
    private static Map<String, Object> data(AuditEvent event) {
        Map<String, Object> data = new LinkedHashMap<>(event.details());
        if (event.actorName() != null) {
            data.put("actor", event.actorName());
        }
        if (event.actorId() != null) {
            data.put("actor_id", event.actorId().toString());
        }
        if (event.clientAddress() != null) {
            data.put("client_address", event.clientAddress());
        }
        return data;
    }

    @Override
    public List<AuditEvent> recent(WorkspaceId workspace, int limit) {
        return delegate.recent(workspace, limit);
    }

    @Override
    public List<AuditEvent> history(WorkspaceId workspace, String targetType, String targetId, int limit) {
        return delegate.history(workspace, targetType, targetId, limit);
    }

    @Override
    public List<StoredAuditEvent> search(WorkspaceId workspace, AuditQuery query, int limit) {
        return delegate.search(workspace, query, limit);
    }

    @Override
    public Optional<StoredAuditEvent> find(WorkspaceId workspace, long id) {
        return delegate.find(workspace, id);
    }
}
