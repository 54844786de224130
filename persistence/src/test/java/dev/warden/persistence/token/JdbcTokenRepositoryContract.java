package dev.warden.persistence.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.group.GroupRepository;
import dev.warden.core.permission.Permission;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.RevocationAuthority;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenSecret;
import dev.warden.core.token.TokenUse;
import dev.warden.core.token.Tokens;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.Fixtures;
import dev.warden.persistence.JdbcAdapterTest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The token contract against {@link JdbcTokenRepository} on a real database (which one: the subclass's
 * {@code @OnMariaDb} or {@code @OnH2}), migrated by Flyway; each test runs in a transaction that is rolled back.
 * Adds what only rows can show: scope rows, the unique digest index, the UTC wall clock in DATETIME columns.
 */
@JdbcAdapterTest
abstract class JdbcTokenRepositoryContract extends TokenRepositoryContract {
    @Autowired
    private TokenRepository tokens;

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
    protected Fixtures fixtures() {
        return new Fixtures(workspaces, principals, groups);
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
        AccessToken token = aTokenOf(alice)
                .withScopes(Scope.ALL_APIS, Scope.of(Permission.TOKENS_READ))
                .build();

        tokens.add(token);

        assertThat(jdbc.sql(
                                "SELECT scope FROM access_token_scope WHERE token_id = ? AND workspace_id = ? ORDER BY scope")
                        .params(token.id().value(), workspace.value())
                        .query(String.class)
                        .list())
                .containsExactly("all-apis", "tokens:read");
    }

    @Test
    void deleteRemovesTheScopeRowsToo() {
        AccessToken token = aTokenOf(alice)
                .withScopes(Scope.ALL_APIS, Scope.of(Permission.TOKENS_READ))
                .build();
        tokens.add(token);

        tokens.delete(workspace, token.id());

        assertThat(count("access_token_scope", token)).isZero();
        assertThat(count("access_token", token)).isZero();
    }

    @Test
    void onlyTheDigestOfTheSecretIsStored() {
        AccessToken token = aTokenOf(alice).build();
        tokens.add(token);

        assertThat(jdbc.sql("SELECT secret_hash FROM access_token WHERE token_id = ?")
                        .param(token.id().value())
                        .query(String.class)
                        .single())
                .isEqualTo(token.digest().hex());
    }

    /** DATETIME has no zone: the schema promises UTC wall-clock times, whatever the JVM's zone is. */
    @Test
    void timesAreStoredAsUtcWallClock() {
        AccessToken token = aTokenOf(alice).build();
        tokens.add(token);
        tokens.recordUses(List.of(new TokenUse(workspace, token.id(), T0.plusSeconds(1), null, null)));
        AccessToken revoked = stored(token);
        revoked.revoke(admin, RevocationAuthority.ADMIN, T0.plusSeconds(2));
        tokens.update(revoked);

        LocalDateTime createdAt = jdbc.sql("SELECT created_at FROM access_token WHERE token_id = ?")
                .param(token.id().value())
                .query((rs, n) -> rs.getObject(1, LocalDateTime.class))
                .single();
        LocalDateTime lastUsedAt = jdbc.sql("SELECT last_used_at FROM access_token WHERE token_id = ?")
                .param(token.id().value())
                .query((rs, n) -> rs.getObject(1, LocalDateTime.class))
                .single();
        LocalDateTime revokedAt = jdbc.sql("SELECT revoked_at FROM access_token WHERE token_id = ?")
                .param(token.id().value())
                .query((rs, n) -> rs.getObject(1, LocalDateTime.class))
                .single();

        assertThat(createdAt).isEqualTo(LocalDateTime.ofInstant(T0, ZoneOffset.UTC));
        assertThat(lastUsedAt).isEqualTo(LocalDateTime.ofInstant(T0.plusSeconds(1), ZoneOffset.UTC));
        assertThat(revokedAt).isEqualTo(LocalDateTime.ofInstant(T0.plusSeconds(2), ZoneOffset.UTC));
    }

    @Test
    void kindIsStoredByName() {
        AccessToken token = aTokenOf(alice).kind(TokenKind.ON_BEHALF_OF).build();
        tokens.add(token);

        assertThat(jdbc.sql("SELECT kind FROM access_token WHERE token_id = ?")
                        .param(token.id().value())
                        .query(String.class)
                        .single())
                .isEqualTo("ON_BEHALF_OF");
    }

    /** A rotation writes the new digest and hint, the previous digest and its end, all times as UTC wall clock. */
    @Test
    void aRotationWritesItsColumns() {
        AccessToken token = aTokenOf(alice).build();
        tokens.add(token);
        TokenSecret fresh = new TokenSecret(Tokens.aValue());
        AccessToken loaded = stored(token);
        loaded.rotate(
                fresh.digest(), fresh.displayHint(Tokens.FORMAT.prefix()), T0.plusSeconds(1), Duration.ofHours(2));
        tokens.update(loaded);

        assertThat(rotationColumns(token))
                .containsExactly(
                        fresh.digest().hex(),
                        fresh.displayHint(Tokens.FORMAT.prefix()),
                        token.digest().hex(),
                        LocalDateTime.ofInstant(T0.plusSeconds(1).plus(Duration.ofHours(2)), ZoneOffset.UTC),
                        LocalDateTime.ofInstant(T0.plusSeconds(1), ZoneOffset.UTC));

        AccessToken again = stored(token);
        TokenSecret third = new TokenSecret(Tokens.aValue());
        again.rotate(third.digest(), third.displayHint(Tokens.FORMAT.prefix()), T0.plusSeconds(2), Duration.ZERO);
        tokens.update(again);

        assertThat(rotationColumns(token))
                .containsExactly(
                        third.digest().hex(),
                        third.displayHint(Tokens.FORMAT.prefix()),
                        null,
                        null,
                        LocalDateTime.ofInstant(T0.plusSeconds(2), ZoneOffset.UTC));
    }

    /** Many tokens without a previous secret: the unique index on the previous digest allows any number of NULLs. */
    @Test
    void manyTokensWithoutAPreviousSecretCoexist() {
        for (int i = 0; i < 3; i++) {
            tokens.add(aTokenOf(alice).build());
        }

        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_token WHERE workspace_id = ? AND previous_secret_hash IS NULL")
                        .param(workspace.value())
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
    }

    private List<Object> rotationColumns(AccessToken token) {
        return jdbc.sql("""
                        SELECT secret_hash, display_hint, previous_secret_hash, previous_valid_until, rotated_at
                          FROM access_token WHERE token_id = ?""")
                .param(token.id().value())
                .query((rs, n) -> Arrays.<Object>asList(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, LocalDateTime.class),
                        rs.getObject(5, LocalDateTime.class)))
                .single();
    }

    private int count(String table, AccessToken token) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE token_id = ?")
                .param(token.id().value())
                .query(Integer.class)
                .single();
    }
}
