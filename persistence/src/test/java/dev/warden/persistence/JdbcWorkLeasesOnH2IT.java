package dev.warden.persistence;

@OnH2
class JdbcWorkLeasesOnH2IT extends JdbcWorkLeasesContract {}
