package dev.warden.persistence.workspace;

import dev.warden.persistence.OnH2;

@OnH2
class JdbcAuthorizationVersionsOnH2IT extends JdbcAuthorizationVersionsContract {}
