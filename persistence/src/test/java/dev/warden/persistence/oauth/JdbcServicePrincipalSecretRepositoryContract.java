package dev.warden.persistence.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.oauth.ServicePrincipalSecret;
import dev.warden.core.oauth.ServicePrincipalSecretRepository;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.Fixtures;
import dev.warden.persistence.JdbcAdapterTest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The secret contract against {@link JdbcServicePrincipalSecretRepository} on a real database, plus what only rows show. */
@JdbcAdapterTest
abstract class JdbcServicePrincipalSecretRepositoryContract extends ServicePrincipalSecretRepositoryContract {
    @Autowired
    private ServicePrincipalSecretRepository secrets;

    @Autowired
    private WorkspaceRepository workspaces;

    @Autowired
    private PrincipalRepository principals;

    @Autowired
    private JdbcClient jdbc;

    @Override
    protected ServicePrincipalSecretRepository secrets() {
        return secrets;
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
        assertThat(secrets).isInstanceOf(JdbcServicePrincipalSecretRepository.class);
    }

    @Test
    void onlyTheDigestOfTheValueIsStored() {
        ServicePrincipalSecret secret = stored(aSecret(workspace, robot, T0));

        assertThat(jdbc.sql("SELECT secret_hash FROM service_principal_secret WHERE secret_id = ?")
                        .param(secret.id().value())
                        .query(String.class)
                        .single())
                .isEqualTo(secret.digest().hex());
    }

    @Test
    void deletingTheServicePrincipalDeletesItsSecrets() {
        ServicePrincipalSecret secret = stored(aSecret(workspace, robot, T0));

        principals.delete(workspace, robot);

        assertThat(secrets.findById(workspace, secret.id())).isEmpty();
    }
}
