package dev.warden.persistence.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.group.GroupRepository;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.token.TokenRefusalRepository;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.Fixtures;
import dev.warden.persistence.JdbcAdapterTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The refusal contract against {@link JdbcTokenRefusalRepository}; each test is rolled back. */
@JdbcAdapterTest
abstract class JdbcTokenRefusalRepositoryContract extends TokenRefusalRepositoryContract {
    @Autowired
    private TokenRepository tokens;

    @Autowired
    private TokenRefusalRepository refusals;

    @Autowired
    private WorkspaceRepository workspaces;

    @Autowired
    private PrincipalRepository principals;

    @Autowired
    private GroupRepository groups;

    @Autowired
    private JdbcClient jdbc;

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
        return new Fixtures(workspaces, principals, groups);
    }

    private int rows() {
        return jdbc.sql("SELECT COUNT(*) FROM token_refusal WHERE token_id = ?")
                .param(token.id().value())
                .query(Integer.class)
                .single();
    }

    @Test
    void theAdapterIsTheJdbcOne() {
        assertThat(refusals).isInstanceOf(JdbcTokenRefusalRepository.class);
    }

    @Test
    void trimmingDeletesTheRowsBeyondTheNewest() {
        refusals.record(List.of(refusal(token, 1, "/a"), refusal(token, 2, "/b"), refusal(token, 3, "/c")), 2);

        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void deletingTheTokenDeletesItsRefusals() {
        refusals.record(List.of(refusal(token, 1, "/a")), 20);

        tokens.delete(token.workspace(), token.id());

        assertThat(rows()).isZero();
    }
}
