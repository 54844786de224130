package dev.warden.persistence.group;

import dev.warden.persistence.OnH2;

@OnH2
class JdbcGroupRepositoryOnH2IT extends JdbcGroupRepositoryContract {}
