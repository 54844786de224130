package dev.warden.persistence.audit;

import dev.warden.persistence.OnMariaDb;

@OnMariaDb
class JdbcAuditLogOnMariaDbIT extends JdbcAuditLogContract {}
