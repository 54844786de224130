package dev.warden.persistence.settings;

import dev.warden.persistence.OnMariaDb;

@OnMariaDb
class JdbcSettingsRepositoryOnMariaDbIT extends JdbcSettingsRepositoryContract {}
