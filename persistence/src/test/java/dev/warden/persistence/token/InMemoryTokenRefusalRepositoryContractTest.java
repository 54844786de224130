package dev.warden.persistence.token;

import dev.warden.core.group.InMemoryGroupRepository;
import dev.warden.core.principal.InMemoryPrincipalRepository;
import dev.warden.core.token.InMemoryTokenRefusalRepository;
import dev.warden.core.token.InMemoryTokenRepository;
import dev.warden.core.token.TokenRefusalRepository;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.workspace.InMemoryWorkspaceRepository;
import dev.warden.persistence.Fixtures;

/** Core's fake runs the same contract as the JDBC adapter. */
class InMemoryTokenRefusalRepositoryContractTest extends TokenRefusalRepositoryContract {
    private final TokenRepository tokens = new InMemoryTokenRepository();
    private final TokenRefusalRepository refusals = new InMemoryTokenRefusalRepository(tokens);
    private final InMemoryPrincipalRepository principals = new InMemoryPrincipalRepository();
    private final Fixtures fixtures =
            new Fixtures(new InMemoryWorkspaceRepository(), principals, new InMemoryGroupRepository(principals));

    @Override
    protected TokenRepository tokens() {
        return tokens;
    }

    @Override
    protected TokenRefusalRepository refusals() {
        return refusals;
    }

    @Override
    protected Fixtures fixtures() {
        return fixtures;
    }
}
