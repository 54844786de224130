package dev.warden.web.config;

import dev.warden.core.access.TokenSuspensions;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.event.TokenEvents;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.inactivity.InactivityPolicy;
import dev.warden.core.inactivity.InactivityScheduler;
import dev.warden.core.notice.InactivityNotices;
import dev.warden.core.notice.NoticeChannel;
import dev.warden.core.notice.NoticeRecipients;
import dev.warden.core.notice.NoticeRepository;
import dev.warden.core.notice.NoticeScheduler;
import dev.warden.core.notice.NoticeService;
import dev.warden.core.notice.TokenHealthService;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.AccessPolicy;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.settings.SettingsRepository;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.shared.WorkLeases;
import dev.warden.core.token.TokenCounts;
import dev.warden.core.token.TokenRepository;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Expiry and inactivity notices: core's service and scheduler (the e-mail channel is {@code
 * notice.EmailNoticeChannel}); and the inactivity policy's preview and periodic run ({@code
 * inactivity.InactivityTicker}).
 */
@Configuration(proxyBeanMethods = false)
class NoticeConfiguration {
    @Bean
    InactivityNotices inactivityNotices(NoticeRepository notices, SettingsRepository settings, TokenRepository tokens) {
        return new InactivityNotices(notices, settings, tokens);
    }

    @Bean
    NoticeService noticeService(
            InactivityNotices inactivity,
            NoticeRepository notices,
            PrincipalRepository principals,
            RoleRepository roles,
            RoleAssignmentRepository assignments,
            GroupRepository groups,
            NoticeChannel channel,
            AccessPolicy access,
            AuditLog audit,
            TransactionRunner tx,
            Clock clock) {
        return new NoticeService(
                notices,
                new NoticeRecipients(principals, roles, assignments, groups),
                channel,
                access,
                audit,
                tx,
                clock,
                inactivity);
    }

    /** Lifecycle events go through {@link TokenEvents} once a bean provides them (the webhooks' outbox). */
    @Bean
    InactivityPolicy inactivityPolicy(
            TokenRepository tokens,
            SettingsRepository settings,
            NoticeRepository notices,
            InactivityNotices warnings,
            AccessPolicy access,
            AuditLog audit,
            TransactionRunner tx,
            Clock clock) {
        return new InactivityPolicy(tokens, settings, notices, warnings, access, audit, tx, clock);
    }

    @Bean
    InactivityScheduler inactivityScheduler(
            InactivityPolicy policy, WorkLeases leases, InactivityProperties properties, Clock clock) {
        return new InactivityScheduler(policy, leases, "inactivity-" + UUID.randomUUID(), properties.lease(), clock);
    }

    /** The lease is held in this process's name: a fresh one per start, so a restarted node is a new holder. */
    @Bean
    NoticeScheduler noticeScheduler(
            NoticeService notices, WorkLeases leases, NoticeProperties properties, Clock clock) {
        return new NoticeScheduler(notices, leases, "notices-" + UUID.randomUUID(), properties.lease(), clock);
    }

    /** "Expiring soon" (its window follows the notice settings) and the counts of the Access tokens tab. */
    @Bean
    TokenHealthService tokenHealthService(
            NoticeRepository notices,
            TokenCounts counts,
            TokenSuspensions suspensions,
            AccessPolicy access,
            Clock clock) {
        return new TokenHealthService(notices, counts, suspensions, access, clock);
    }
}
