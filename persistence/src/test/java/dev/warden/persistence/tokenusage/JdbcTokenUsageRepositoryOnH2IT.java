package dev.warden.persistence.tokenusage;

import dev.warden.persistence.OnH2;

@OnH2
class JdbcTokenUsageRepositoryOnH2IT extends JdbcTokenUsageRepositoryContract {}
