package dev.warden.persistence.token;

import dev.warden.persistence.OnMariaDb;

@OnMariaDb
class JdbcTokenCensusOnMariaDbIT extends JdbcTokenCensusContract {}
