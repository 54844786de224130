package dev.warden.persistence.notice;

import dev.warden.core.group.GroupId;
import dev.warden.core.notice.ExpiringToken;
import dev.warden.core.notice.NoticeRecipient;
import dev.warden.core.notice.NoticeRepository;
import dev.warden.core.notice.NoticeService;
import dev.warden.core.notice.NoticeSettings;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenKind;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.Times;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Notification settings in {@code notice_setting}, claims in {@code token_notice} (a claim is an INSERT: the primary
 * key lets exactly one through), and the expiring tokens read along index {@code ix_access_token_expiry}
 * (workspace_id, expires_at, token_id).
 */
@Repository
class JdbcNoticeRepository implements NoticeRepository {
    private final JdbcClient jdbc;

    JdbcNoticeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<WorkspaceId> workspaces() {
        return jdbc.sql("SELECT id FROM workspace ORDER BY id")
                .query((rs, n) -> new WorkspaceId(rs.getLong(1)))
                .list();
    }

    @Override
    public NoticeSettings settings(WorkspaceId workspace) {
        return jdbc.sql("SELECT lead_days, extra_addresses, recipients FROM notice_setting"
                        + " WHERE workspace_id = :workspace")
                .param("workspace", workspace.value())
                .query((rs, n) -> new NoticeSettings(
                        split(rs.getString(1)).stream().map(Integer::valueOf).toList(),
                        split(rs.getString(2)),
                        recipients(rs.getString(3))))
                .optional()
                .orElse(NoticeSettings.DEFAULTS);
    }

    @Override
    public void saveSettings(WorkspaceId workspace, NoticeSettings settings) {
        String lead = settings.leadDays().stream().map(String::valueOf).collect(Collectors.joining(","));
        String addresses = String.join(",", settings.extraAddresses());
        String recipients = String.join(",", NoticeService.keys(settings.recipients()));
        Object now = Times.toDatabase(Clock.systemUTC().instant().truncatedTo(ChronoUnit.MICROS));
        int updated = jdbc.sql("UPDATE notice_setting SET lead_days = :lead, extra_addresses = :addresses,"
                        + " recipients = :recipients, updated_at = :now WHERE workspace_id = :workspace")
                .param("lead", lead)
                .param("addresses", addresses)
                .param("recipients", recipients)
                .param("now", now)
                .param("workspace", workspace.value())
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO notice_setting (workspace_id, lead_days, extra_addresses, recipients, updated_at)"
                            + " VALUES (:workspace, :lead, :addresses, :recipients, :now)")
                    .param("workspace", workspace.value())
                    .param("lead", lead)
                    .param("addresses", addresses)
                    .param("recipients", recipients)
                    .param("now", now)
                    .update();
        }
    }

    /** Stored names back to rules; a name no rule has any more is dropped. */
    private static Set<NoticeRecipient> recipients(String joined) {
        Set<NoticeRecipient> rules = EnumSet.noneOf(NoticeRecipient.class);
        split(joined).forEach(key -> NoticeRecipient.of(key).ifPresent(rules::add));
        return rules;
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    @Override
    public List<ExpiringToken> expiring(WorkspaceId workspace, Instant after, Instant until) {
        return jdbc.sql("SELECT token_id, kind, owner_id, created_by_id, group_id, comment, expires_at"
                        + " FROM access_token WHERE workspace_id = :workspace"
                        + " AND expires_at > :after AND expires_at <= :until AND revoked_at IS NULL"
                        + " ORDER BY expires_at, token_id")
                .param("workspace", workspace.value())
                .param("after", Times.toDatabase(after))
                .param("until", Times.toDatabase(until))
                .query((rs, n) -> {
                    long group = rs.getLong(5);
                    boolean noGroup = rs.wasNull();
                    return new ExpiringToken(
                            new TokenId(rs.getString(1)),
                            workspace,
                            TokenKind.valueOf(rs.getString(2)),
                            new PrincipalId(rs.getLong(3)),
                            new PrincipalId(rs.getLong(4)),
                            noGroup ? null : new GroupId(group),
                            rs.getString(6),
                            Times.read(rs, 7));
                })
                .list();
    }

    @Override
    public boolean claim(TokenId token, int leadDays, Instant at) {
        try {
            jdbc.sql("INSERT INTO token_notice (token_id, lead_days, claimed_at) VALUES (:token, :lead, :at)")
                    .param("token", token.value())
                    .param("lead", leadDays)
                    .param("at", Times.toDatabase(at.truncatedTo(ChronoUnit.MICROS)))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false; // claimed before, by this node or another
        }
    }

    @Override
    public void unclaim(TokenId token, int leadDays) {
        jdbc.sql("DELETE FROM token_notice WHERE token_id = :token AND lead_days = :lead")
                .param("token", token.value())
                .param("lead", leadDays)
                .update();
    }

    @Override
    public boolean claimInactivity(TokenId token, Instant dueAt, int leadDays, Instant at) {
        try {
            jdbc.sql("INSERT INTO token_inactivity_notice (token_id, due_at, lead_days, claimed_at)"
                            + " VALUES (:token, :due, :lead, :at)")
                    .param("token", token.value())
                    .param("due", Times.toDatabase(dueAt.truncatedTo(ChronoUnit.MICROS)))
                    .param("lead", leadDays)
                    .param("at", Times.toDatabase(at.truncatedTo(ChronoUnit.MICROS)))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false; // claimed before, by this node or another
        }
    }

    @Override
    public void unclaimInactivity(TokenId token, Instant dueAt, int leadDays) {
        jdbc.sql("DELETE FROM token_inactivity_notice WHERE token_id = :token AND due_at = :due AND lead_days = :lead")
                .param("token", token.value())
                .param("due", Times.toDatabase(dueAt.truncatedTo(ChronoUnit.MICROS)))
                .param("lead", leadDays)
                .update();
    }

    @Override
    public boolean inactivityClaimed(TokenId token, Instant dueAt, int leadDays) {
        return jdbc.sql("SELECT COUNT(*) FROM token_inactivity_notice"
                                + " WHERE token_id = :token AND due_at = :due AND lead_days = :lead")
                        .param("token", token.value())
                        .param("due", Times.toDatabase(dueAt.truncatedTo(ChronoUnit.MICROS)))
                        .param("lead", leadDays)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
