package dev.warden.persistence.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.permission.Permission;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenUsage;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.Fixtures;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The token contract against {@link JdbcTokenRepository} on a real database (which one: the subclass's
 * {@code @DynamicPropertySource}), migrated by Flyway; each test runs in a transaction that is rolled back.
 * Adds what only rows can show: scope rows, the unique digest index, the UTC wall clock in DATETIME columns.
 */
@DataJdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
abstract class JdbcTokenRepositoryContract extends TokenRepositoryContract {
    @Autowired
    private TokenRepository tokens;
    @Autowired
    private WorkspaceRepository workspaces;
    @Autowired
    private PrincipalRepository principals;
    @Autowired
    private JdbcClient jdbc;

    @Override
    protected TokenRepository tokens() {
        return tokens;
    }

    @Override
    protected Fixtures fixtures() {
        return new Fixtures(workspaces, principals);
    }

    @Override
    protected void assertRefusedAsDuplicate(ThrowingCallable add) {
        assertThatThrownBy(add).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void theAdapterIsTheJdbcOne() {
        assertThat(tokens).isInstanceOf(JdbcTokenRepository.class);
    }

    @Test
    void scopesAreStoredAsOneRowEachCarryingTheWorkspace() {
        AccessToken token = aTokenOf(alice).withScopes(Scope.ALL_APIS, Scope.of(Permission.TOKENS_READ)).build();

        tokens.add(token);

        assertThat(jdbc.sql("SELECT scope FROM access_token_scope WHERE token_id = ? AND workspace_id = ? ORDER BY scope")
                .params(token.id().value(), workspace.value()).query(String.class).list())
                .containsExactly("all-apis", "tokens:read");
    }

    @Test
    void deleteRemovesTheScopeRowsToo() {
        AccessToken token = aTokenOf(alice).withScopes(Scope.ALL_APIS, Scope.of(Permission.TOKENS_READ)).build();
        tokens.add(token);

        tokens.delete(workspace, token.id());

        assertThat(count("access_token_scope", token)).isZero();
        assertThat(count("access_token", token)).isZero();
    }

    @Test
    void onlyTheDigestOfTheSecretIsStored() {
        AccessToken token = aTokenOf(alice).build();
        tokens.add(token);

        assertThat(jdbc.sql("SELECT secret_hash FROM access_token WHERE token_id = ?").param(token.id().value())
                .query(String.class).single()).isEqualTo(token.digest().hex());
    }

    /** DATETIME has no zone: the schema promises UTC wall-clock times, whatever the JVM's zone is. */
    @Test
    void timesAreStoredAsUtcWallClock() {
        AccessToken token = aTokenOf(alice).build();
        tokens.add(token);
        tokens.recordUsage(List.of(new TokenUsage(workspace, token.id(), T0.plusSeconds(1), null, null)));
        AccessToken revoked = stored(token);
        revoked.revoke(admin, T0.plusSeconds(2));
        tokens.update(revoked);

        LocalDateTime createdAt = jdbc.sql("SELECT created_at FROM access_token WHERE token_id = ?")
                .param(token.id().value()).query((rs, n) -> rs.getObject(1, LocalDateTime.class)).single();
        LocalDateTime lastUsedAt = jdbc.sql("SELECT last_used_at FROM access_token WHERE token_id = ?")
                .param(token.id().value()).query((rs, n) -> rs.getObject(1, LocalDateTime.class)).single();
        LocalDateTime revokedAt = jdbc.sql("SELECT revoked_at FROM access_token WHERE token_id = ?")
                .param(token.id().value()).query((rs, n) -> rs.getObject(1, LocalDateTime.class)).single();

        assertThat(createdAt).isEqualTo(LocalDateTime.ofInstant(T0, ZoneOffset.UTC));
        assertThat(lastUsedAt).isEqualTo(LocalDateTime.ofInstant(T0.plusSeconds(1), ZoneOffset.UTC));
        assertThat(revokedAt).isEqualTo(LocalDateTime.ofInstant(T0.plusSeconds(2), ZoneOffset.UTC));
    }

    private int count(String table, AccessToken token) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE token_id = ?").param(token.id().value())
                .query(Integer.class).single();
    }
}
