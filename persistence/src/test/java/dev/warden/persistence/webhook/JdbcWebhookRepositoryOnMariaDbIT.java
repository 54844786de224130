package dev.warden.persistence.webhook;

import dev.warden.persistence.OnMariaDb;

@OnMariaDb
class JdbcWebhookRepositoryOnMariaDbIT extends JdbcWebhookRepositoryContract {}
