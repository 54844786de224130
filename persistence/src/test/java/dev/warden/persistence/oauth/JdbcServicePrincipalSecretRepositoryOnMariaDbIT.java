package dev.warden.persistence.oauth;

import dev.warden.persistence.OnMariaDb;

@OnMariaDb
class JdbcServicePrincipalSecretRepositoryOnMariaDbIT extends JdbcServicePrincipalSecretRepositoryContract {}
