package dev.warden.persistence.audit;

import dev.warden.persistence.OnH2;

@OnH2
class JdbcAuditLogOnH2IT extends JdbcAuditLogContract {}
