package dev.warden.persistence;

@OnH2
class JdbcTransactionRunnerOnH2IT extends JdbcTransactionRunnerContract {}
