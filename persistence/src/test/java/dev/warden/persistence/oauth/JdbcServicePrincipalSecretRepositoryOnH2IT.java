package dev.warden.persistence.oauth;

import dev.warden.persistence.OnH2;

@OnH2
class JdbcServicePrincipalSecretRepositoryOnH2IT extends JdbcServicePrincipalSecretRepositoryContract {}
