package dev.warden.persistence.token;

import dev.warden.persistence.OnMariaDb;

@OnMariaDb
class JdbcTokenCountsOnMariaDbIT extends JdbcTokenCountsContract {}
