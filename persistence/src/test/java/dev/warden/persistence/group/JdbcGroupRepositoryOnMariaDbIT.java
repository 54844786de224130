package dev.warden.persistence.group;

import dev.warden.persistence.OnMariaDb;

@OnMariaDb
class JdbcGroupRepositoryOnMariaDbIT extends JdbcGroupRepositoryContract {}
