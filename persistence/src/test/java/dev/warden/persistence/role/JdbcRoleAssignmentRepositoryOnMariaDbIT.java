package dev.warden.persistence.role;

import dev.warden.persistence.OnMariaDb;

@OnMariaDb
class JdbcRoleAssignmentRepositoryOnMariaDbIT extends JdbcRoleAssignmentRepositoryContract {}
