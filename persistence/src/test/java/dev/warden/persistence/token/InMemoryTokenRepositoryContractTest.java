package dev.warden.persistence.token;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.group.InMemoryGroupRepository;
import dev.warden.core.principal.InMemoryPrincipalRepository;
import dev.warden.core.token.InMemoryTokenRepository;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.workspace.InMemoryWorkspaceRepository;
import dev.warden.persistence.Fixtures;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Core's fake runs the same contract as the JDBC adapter, so tests written against it stay honest. */
class InMemoryTokenRepositoryContractTest extends TokenRepositoryContract {
    private final TokenRepository tokens = new InMemoryTokenRepository();
    private final InMemoryPrincipalRepository principals = new InMemoryPrincipalRepository();
    private final Fixtures fixtures =
            new Fixtures(new InMemoryWorkspaceRepository(), principals, new InMemoryGroupRepository(principals));

    @Override
    protected TokenRepository tokens() {
        return tokens;
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
