package dev.warden.web.token;

import dev.warden.core.access.TokenSuspensions.Suspension;
import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.group.Group;
import dev.warden.core.group.GroupId;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TechnicalToken;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenLastUse;
import dev.warden.web.console.InstantText;
import dev.warden.web.console.PrincipalLink;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One token's page, formatted for people: lineage (created by, owner, on behalf of, rotation), usage, status
 * and its audit history. Everything but the secret.
 * @param group the group of a group token, else null
 * @param technicalRole the role of an organisation or group token's technical user; null for other kinds, or when
 *                      an admin removed the assignment
 * @param rotated when the secret was last rotated, or null
 * @param previousValidUntil until when the secret before the last rotation still works, or null when it does not
 * @param statusMessage why an active token is suspended and how to fix it, else null
 * @param oauthSecret the id of the service principal secret that obtained an OAuth token, else null
 */
record TokenDetailView(
        TokenFacts facts,
        String kind,
        boolean onBehalfOf,
        boolean technical,
        PrincipalLink owner,
        String ownerKind,
        PrincipalLink createdBy,
        GroupLink group,
        String technicalRole,
        String rotated,
        String previousValidUntil,
        String lastUsedAgent,
        PrincipalLink revokedBy,
        String revokedAt,
        String statusMessage,
        String oauthSecret,
        List<HistoryEntry> history)
        implements TokenFacts.Row {
    private static final InstantText TIME = InstantText.TO_THE_SECOND;
    /** Details every token event carries that the page already shows above the history. */
    private static final Set<String> SHOWN_ABOVE = Set.of("owner_id", "kind", "comment", "reason");

    /** The group of a group token by name, with its members page while it exists. */
    record GroupLink(String label, String href) {
        static GroupLink of(Group group, GroupId id) {
            return group == null
                    ? new GroupLink("(removed, id " + id.value() + ")", null)
                    : new GroupLink(
                            group.displayName(),
                            "/settings/admin/groups/" + group.id().value() + "/members");
        }
    }

    /**
     * One audit event about the token.
     * @param reason the reason a bulk revoke gave, else null
     */
    record HistoryEntry(
            String action,
            String actionLabel,
            String when,
            String who,
            String from,
            String reason,
            List<String> details) {
        static HistoryEntry of(AuditEvent event) {
            List<String> details = event.details().entrySet().stream()
                    .filter(e -> !SHOWN_ABOVE.contains(e.getKey()))
                    .map(e -> e.getKey().replace('_', ' ') + ": " + e.getValue())
                    .toList();
            return new HistoryEntry(
                    event.action().name(),
                    label(event.action()),
                    TIME.of(event.occurredAt()),
                    event.actorName() == null ? "(nobody signed in)" : event.actorName(),
                    event.clientAddress() == null ? "—" : event.clientAddress(),
                    event.action() == AuditAction.TOKENS_BULK_REVOKED
                            ? event.details().get("reason")
                            : null,
                    details);
        }

        private static String label(AuditAction action) {
            return switch (action) {
                case TOKEN_CREATED -> "Created";
                case TOKEN_ROTATED -> "Rotated";
                case TOKEN_REVOKED -> "Revoked";
                case TOKEN_RESTORED -> "Restored";
                case TOKEN_DELETED -> "Deleted";
                case TOKENS_BULK_REVOKED -> "Revoked in bulk";
                case TOKEN_LEAK_REPORTED -> "Revoked: reported as leaked";
                default -> {
                    String words = action.name().toLowerCase(Locale.ROOT).replace('_', ' ');
                    yield Character.toUpperCase(words.charAt(0)) + words.substring(1);
                }
            };
        }
    }

    /**
     * @param named the owner, creator and revoker, by id (missing ones are shown as removed)
     * @param technical the technical user and role of an organisation or group token, else null
     * @param group the group of a group token, else null (or when it is gone)
     * @param suspension why the owner's tokens are suspended, or null
     */
    static TokenDetailView of(
            AccessToken token,
            Map<PrincipalId, Principal> named,
            TechnicalToken technical,
            Group group,
            Suspension suspension,
            List<AuditEvent> history,
            boolean mayRestore,
            boolean mayRotate,
            Instant now) {
        TokenFacts facts = TokenFacts.toTheSecond(token, mayRestore, now).withRotate(mayRotate);
        boolean suspended = suspension != null && facts.isActive();
        Principal owner = technical != null ? technical.technicalUser() : named.get(token.owner());
        TokenLastUse lastUse = token.lastUse();
        boolean inGrace = token.previousValidUntil() != null && now.isBefore(token.previousValidUntil());
        return new TokenDetailView(
                suspended ? facts.suspended() : facts,
                TokenInventoryRow.kindLabel(token.kind()),
                token.kind() == TokenKind.ON_BEHALF_OF,
                token.kind().backedByTechnicalUser(),
                PrincipalLink.ofNullable(owner, token.owner()),
                owner == null
                        ? null
                        : switch (owner.kind()) {
                            case USER -> "user";
                            case SERVICE_PRINCIPAL -> "service principal";
                            case TECHNICAL_USER -> "technical user";
                        },
                PrincipalLink.ofNullable(named.get(token.createdBy()), token.createdBy()),
                token.group() == null ? null : GroupLink.of(group, token.group()),
                technical == null ? null : technical.role(),
                token.rotatedAt() == null ? null : TIME.of(token.rotatedAt()),
                inGrace ? TIME.of(token.previousValidUntil()) : null,
                lastUse == null ? null : lastUse.userAgent(),
                token.revokedBy() == null
                        ? null
                        : PrincipalLink.ofNullable(named.get(token.revokedBy()), token.revokedBy()),
                token.revokedAt() == null ? null : TIME.of(token.revokedAt()),
                suspended ? suspension.message() : null,
                token.oauthSecret(),
                history.stream().map(HistoryEntry::of).toList());
    }
}
