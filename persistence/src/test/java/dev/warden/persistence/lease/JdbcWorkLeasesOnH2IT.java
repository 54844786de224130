package dev.warden.persistence.lease;

import dev.warden.persistence.OnH2;

@OnH2
class JdbcWorkLeasesOnH2IT extends JdbcWorkLeasesContract {}
