package dev.warden.persistence.lifecycle;

import dev.warden.persistence.OnH2;

/** H2 allows a lock wait of ten seconds here ({@code LOCK_TIMEOUT}, see {@code TestDatabases.H2}). */
@OnH2
class TokenLifecycleConcurrencyOnH2IT extends TokenLifecycleConcurrencyContract {}
