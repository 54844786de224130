package dev.warden.persistence.tokenusage;

import dev.warden.persistence.OnMariaDb;

@OnMariaDb
class JdbcTokenUsageRepositoryOnMariaDbIT extends JdbcTokenUsageRepositoryContract {}
