package dev.warden.persistence.audit;

import dev.warden.core.audit.AuditLog;
import dev.warden.core.audit.InMemoryAuditLog;
import dev.warden.core.principal.InMemoryPrincipalRepository;
import dev.warden.core.workspace.InMemoryWorkspaceRepository;
import dev.warden.persistence.Fixtures;

/** Core's fake runs the same contract as the JDBC adapter. */
class InMemoryAuditLogContractTest extends AuditLogContract {
    private final AuditLog audit = new InMemoryAuditLog();
    private final Fixtures fixtures =
            new Fixtures(new InMemoryWorkspaceRepository(), new InMemoryPrincipalRepository());

    @Override
    protected AuditLog audit() {
        return audit;
    }

    @Override
    protected Fixtures fixtures() {
        return fixtures;
    }
}
