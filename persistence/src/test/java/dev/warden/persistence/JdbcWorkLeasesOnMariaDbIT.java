package dev.warden.persistence;

@OnMariaDb
class JdbcWorkLeasesOnMariaDbIT extends JdbcWorkLeasesContract {}
