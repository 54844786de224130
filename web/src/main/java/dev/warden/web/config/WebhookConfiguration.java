package dev.warden.web.config;

import dev.warden.core.audit.AuditLog;
import dev.warden.core.event.EventingAuditLog;
import dev.warden.core.event.TokenEvents;
import dev.warden.core.notice.TokenAlerts;
import dev.warden.core.role.AccessPolicy;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.shared.WorkLeases;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.webhook.WebhookDispatcher;
import dev.warden.core.webhook.WebhookRepository;
import dev.warden.core.webhook.WebhookSender;
import dev.warden.core.webhook.WebhookService;
import java.time.Clock;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** Webhooks and token events: core's service and dispatcher, and the audit decorator that publishes the events. */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {
    /**
     * The audit log every service writes to: the database's ({@code jdbcAuditLog}), wrapped so that each token change
     * it records also queues its token event in the same transaction (see {@link EventingAuditLog} for why there).
     */
    @Bean
    @Primary
    AuditLog eventingAuditLog(
            @Qualifier("jdbcAuditLog") AuditLog jdbcAuditLog, TokenEvents events, TokenRepository tokens) {
        return new EventingAuditLog(jdbcAuditLog, events, tokens);
    }

    /** The lease is held in this process's name: a fresh one per start, so a restarted node is a new holder. */
    @Bean
    WebhookDispatcher webhookDispatcher(
            WebhookRepository webhooks,
            WebhookSender sender,
            TokenAlerts alerts,
            TokenRepository tokens,
            WorkLeases leases,
            WebhookProperties properties,
            Clock clock) {
        return new WebhookDispatcher(
                webhooks,
                sender,
                alerts,
                tokens,
                leases,
                "webhooks-" + UUID.randomUUID(),
                properties.lease(),
                properties.retention(),
                clock);
    }

    @Bean
    WebhookService webhookService(
            WebhookRepository webhooks,
            WebhookDispatcher dispatcher,
            AccessPolicy access,
            AuditLog audit,
            TransactionRunner tx,
            Clock clock) {
        return new WebhookService(webhooks, dispatcher, access, audit, tx, clock);
    }
}
