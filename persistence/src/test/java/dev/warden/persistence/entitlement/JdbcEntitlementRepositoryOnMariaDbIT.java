package dev.warden.persistence.entitlement;

import dev.warden.persistence.OnMariaDb;

@OnMariaDb
class JdbcEntitlementRepositoryOnMariaDbIT extends JdbcEntitlementRepositoryContract {}
