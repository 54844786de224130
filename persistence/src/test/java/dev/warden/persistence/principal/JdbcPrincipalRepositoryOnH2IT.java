package dev.warden.persistence.principal;

import dev.warden.persistence.OnH2;

@OnH2
class JdbcPrincipalRepositoryOnH2IT extends JdbcPrincipalRepositoryContract {}
