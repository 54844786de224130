package dev.warden.persistence.principal;

import dev.warden.persistence.OnMariaDb;

@OnMariaDb
class JdbcPrincipalRepositoryOnMariaDbIT extends JdbcPrincipalRepositoryContract {}
