package dev.warden.persistence.workspace;

import dev.warden.persistence.OnMariaDb;

@OnMariaDb
class JdbcAuthorizationVersionsOnMariaDbIT extends JdbcAuthorizationVersionsContract {}
