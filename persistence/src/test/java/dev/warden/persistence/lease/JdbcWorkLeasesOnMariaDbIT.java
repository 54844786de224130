package dev.warden.persistence.lease;

import dev.warden.persistence.OnMariaDb;

@OnMariaDb
class JdbcWorkLeasesOnMariaDbIT extends JdbcWorkLeasesContract {}
