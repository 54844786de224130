package dev.warden.persistence;

@OnMariaDb
class JdbcTransactionRunnerOnMariaDbIT extends JdbcTransactionRunnerContract {}
