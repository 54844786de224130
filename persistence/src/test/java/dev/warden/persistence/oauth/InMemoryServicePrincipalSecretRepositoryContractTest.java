package dev.warden.persistence.oauth;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.oauth.InMemoryServicePrincipalSecretRepository;
import dev.warden.core.oauth.ServicePrincipalSecretRepository;
import dev.warden.core.principal.InMemoryPrincipalRepository;
import dev.warden.core.workspace.InMemoryWorkspaceRepository;
import dev.warden.persistence.Fixtures;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Core's fake runs the same contract as the JDBC adapter, so tests written against it stay honest. */
class InMemoryServicePrincipalSecretRepositoryContractTest extends ServicePrincipalSecretRepositoryContract {
    private final ServicePrincipalSecretRepository secrets = new InMemoryServicePrincipalSecretRepository();
    private final Fixtures fixtures =
            new Fixtures(new InMemoryWorkspaceRepository(), new InMemoryPrincipalRepository());

    @Override
    protected ServicePrincipalSecretRepository secrets() {
        return secrets;
    }

    @Override
    protected Fixtures fixtures() {
        return fixtures;
    }

    @Override
    protected void assertRefusedAsDuplicate(ThrowingCallable add) {
        assertThatThrownBy(add).isInstanceOf(IllegalStateException.class);
    }
}
