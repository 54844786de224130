package dev.warden.persistence.webhook;

import dev.warden.persistence.OnH2;

@OnH2
class JdbcWebhookRepositoryOnH2IT extends JdbcWebhookRepositoryContract {}
