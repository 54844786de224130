package dev.warden.persistence.role;

import dev.warden.persistence.OnH2;

@OnH2
class JdbcRoleAssignmentRepositoryOnH2IT extends JdbcRoleAssignmentRepositoryContract {}
