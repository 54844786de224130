package dev.warden.persistence.entitlement;

import dev.warden.persistence.OnH2;

@OnH2
class JdbcEntitlementRepositoryOnH2IT extends JdbcEntitlementRepositoryContract {}
