package dev.warden.persistence.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.permission.Permission;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenSecret;
import dev.warden.core.token.Tokens;
import dev.warden.core.token.VersionedToken;
import dev.warden.core.workspace.AuthorizationVersions;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.Fixtures;
import dev.warden.persistence.JdbcAdapterTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The authorisation versions (DESIGN, "Request cost") on a real database, and the one statement that reads a token
 * with its workspace's version; each test runs in a transaction that is rolled back.
 */
@JdbcAdapterTest
abstract class JdbcAuthorizationVersionsContract {
    private static final Instant T0 = Instant.parse("2026-03-29T01:30:00.123456Z");

    @Autowired
    private AuthorizationVersions versions;

    @Autowired
    private TokenRepository tokens;

    @Autowired
    private WorkspaceRepository workspaces;

    @Autowired
    private PrincipalRepository principals;

    @Autowired
    private JdbcClient jdbc;

    private WorkspaceId main;
    private WorkspaceId other;
    private PrincipalId alice;

    @BeforeEach
    void givenTwoWorkspaces() {
        Fixtures fixtures = new Fixtures(workspaces, principals);
        main = fixtures.workspace();
        other = fixtures.workspace();
        alice = fixtures.user(main, "alice");
    }

    private AccessToken storedToken(WorkspaceId workspace, PrincipalId owner) {
        AccessToken token = Tokens.aToken()
                .inWorkspace(workspace)
                .ownedBy(owner)
                .createdBy(owner)
                .createdAt(T0)
                .withScopes(Scope.of(Permission.TOKENS_READ), Scope.of(Permission.SCIM_READ))
                .build();
        tokens.add(token);
        return token;
    }

    @Test
    void theAdapterIsTheJdbcOne() {
        assertThat(versions).isInstanceOf(JdbcAuthorizationVersions.class);
    }

    @Test
    void aNewWorkspaceStartsAtZeroAndEachBumpMovesOnlyItsOwnVersionByOne() {
        assertThat(versions.current(main)).isZero();

        versions.bump(main);
        versions.bump(main);

        assertThat(versions.current(main)).isEqualTo(2);
        assertThat(versions.current(other)).isZero();
    }

    @Test
    void theTokenIsReadWithItsWorkspacesVersionAndAllItsScopes() {
        AccessToken token = storedToken(main, alice);
        PrincipalId bob = new Fixtures(workspaces, principals).user(other, "bob");
        AccessToken elsewhere = storedToken(other, bob);
        versions.bump(main);
        versions.bump(main);
        versions.bump(other);

        VersionedToken read = tokens.findByDigestWithVersion(token.digest()).orElseThrow();

        assertThat(read.authorizationVersion()).isEqualTo(2);
        assertThat(read.token().id()).isEqualTo(token.id());
        assertThat(read.token().scopes()).isEqualTo(token.scopes());
        assertThat(tokens.findByDigestWithVersion(elsewhere.digest())
                        .orElseThrow()
                        .authorizationVersion())
                .isEqualTo(1);
    }

    @Test
    void aRotatedTokenIsReadWithTheVersionByItsPreviousSecretToo() {
        AccessToken token = storedToken(main, alice);
        AccessToken loaded = tokens.findById(main, token.id()).orElseThrow();
        TokenSecret fresh = new TokenSecret(Tokens.aValue());
        loaded.rotate(fresh.digest(), "wdn_…new1", T0.plusSeconds(60), Duration.ofDays(1));
        tokens.update(loaded);
        versions.bump(main);

        assertThat(tokens.findByDigestWithVersion(token.digest()).orElseThrow().authorizationVersion())
                .isEqualTo(1);
        assertThat(tokens.findByDigestWithVersion(fresh.digest()).orElseThrow().authorizationVersion())
                .isEqualTo(1);
    }

    @Test
    void anUnknownDigestFindsNothing() {
        storedToken(main, alice);

        assertThat(tokens.findByDigestWithVersion(new TokenSecret(Tokens.aValue()).digest()))
                .isEmpty();
    }

    @Test
    void aWorkspaceWithoutAVersionRowReadsAsZeroAndGetsOneAtItsFirstChange() {
        AccessToken token = storedToken(main, alice);
        jdbc.sql("DELETE FROM authorization_version WHERE workspace_id = ?")
                .param(main.value())
                .update();

        assertThat(versions.current(main)).isZero();
        assertThat(tokens.findByDigestWithVersion(token.digest()).orElseThrow().authorizationVersion())
                .isZero();

        versions.bump(main);

        assertThat(versions.current(main)).isEqualTo(1);
        assertThat(tokens.findByDigestWithVersion(token.digest()).orElseThrow().authorizationVersion())
                .isEqualTo(1);
    }
}
