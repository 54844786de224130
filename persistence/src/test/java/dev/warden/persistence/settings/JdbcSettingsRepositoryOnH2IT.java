package dev.warden.persistence.settings;

import dev.warden.persistence.OnH2;

@OnH2
class JdbcSettingsRepositoryOnH2IT extends JdbcSettingsRepositoryContract {}
