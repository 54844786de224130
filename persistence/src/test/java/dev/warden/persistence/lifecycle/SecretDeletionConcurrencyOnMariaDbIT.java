package dev.warden.persistence.lifecycle;

import dev.warden.persistence.OnMariaDb;

@OnMariaDb
class SecretDeletionConcurrencyOnMariaDbIT extends SecretDeletionConcurrencyContract {}
