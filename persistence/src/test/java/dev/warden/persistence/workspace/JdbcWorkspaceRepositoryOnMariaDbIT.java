package dev.warden.persistence.workspace;

import dev.warden.persistence.OnMariaDb;

@OnMariaDb
class JdbcWorkspaceRepositoryOnMariaDbIT extends JdbcWorkspaceRepositoryContract {}
