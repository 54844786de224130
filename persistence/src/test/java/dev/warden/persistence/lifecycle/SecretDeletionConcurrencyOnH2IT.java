package dev.warden.persistence.lifecycle;

import dev.warden.persistence.OnH2;

@OnH2
class SecretDeletionConcurrencyOnH2IT extends SecretDeletionConcurrencyContract {}
