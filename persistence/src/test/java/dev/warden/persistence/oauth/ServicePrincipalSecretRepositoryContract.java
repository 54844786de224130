package dev.warden.persistence.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.oauth.SecretCursor;
import dev.warden.core.oauth.SecretId;
import dev.warden.core.oauth.ServicePrincipalSecret;
import dev.warden.core.oauth.ServicePrincipalSecretRepository;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.token.TokenDigest;
import dev.warden.core.token.TokenSecret;
import dev.warden.core.token.Tokens;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.Fixtures;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.annotation.Transactional;

/**
 * What every {@link ServicePrincipalSecretRepository} must do: the JDBC adapter on each database and core's fake.
 * Instants carry microseconds, the precision the schema keeps; negative tenancy cases throughout.
 * <p>
 * {@code @Transactional} is repeated here for the reason {@code TokenRepositoryContract} gives.
 */
@Transactional
public abstract class ServicePrincipalSecretRepositoryContract {
    protected static final Instant T0 = Instant.parse("2026-03-29T01:30:00.123456Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    protected WorkspaceId workspace;
    protected PrincipalId robot;
    protected PrincipalId admin;

    protected abstract ServicePrincipalSecretRepository secrets();

    protected abstract Fixtures fixtures();

    /** Asserts that the call is refused because the id or digest is already stored. */
    protected abstract void assertRefusedAsDuplicate(ThrowingCallable add);

    @BeforeEach
    void givenAWorkspaceWithAServicePrincipal() {
        workspace = fixtures().workspace();
        robot = fixtures().servicePrincipal(workspace, "robot");
        admin = fixtures().user(workspace, "admin");
    }

    protected ServicePrincipalSecret aSecret(WorkspaceId in, PrincipalId of, Instant createdAt) {
        TokenSecret value = new TokenSecret(Tokens.aValue());
        return new ServicePrincipalSecret(
                SecretId.random(RANDOM),
                in,
                of,
                value.digest(),
                value.displayHint(Tokens.FORMAT.prefix()),
                admin,
                createdAt,
                createdAt.plus(Duration.ofDays(90)).plusNanos(1_000));
    }

    protected ServicePrincipalSecret stored(ServicePrincipalSecret secret) {
        secrets().add(secret);
        return secret;
    }

    @Test
    void anAddedSecretIsFoundByIdAndByDigestWithEveryField() {
        ServicePrincipalSecret secret = stored(aSecret(workspace, robot, T0));

        assertThat(secrets().findById(workspace, secret.id())).contains(secret);
        assertThat(secrets().findByDigest(secret.digest())).contains(secret);
    }

    @Test
    void anUnknownDigestOrIdFindsNothing() {
        stored(aSecret(workspace, robot, T0));

        assertThat(secrets().findByDigest(TokenDigest.of(Tokens.aValue()))).isEmpty();
        assertThat(secrets().findById(workspace, SecretId.random(RANDOM))).isEmpty();
    }

    @Test
    void aDuplicateDigestIsRefused() {
        ServicePrincipalSecret secret = stored(aSecret(workspace, robot, T0));
        ServicePrincipalSecret sameDigest = new ServicePrincipalSecret(
                SecretId.random(RANDOM),
                workspace,
                robot,
                secret.digest(),
                secret.displayHint(),
                admin,
                T0,
                T0.plusSeconds(60));

        assertRefusedAsDuplicate(() -> secrets().add(sameDigest));
    }

    @Test
    void listingIsNewestFirstWithKeysetPagesAndOnlyThisServicePrincipals() {
        ServicePrincipalSecret first = stored(aSecret(workspace, robot, T0));
        ServicePrincipalSecret second = stored(aSecret(workspace, robot, T0.plusSeconds(1)));
        ServicePrincipalSecret third = stored(aSecret(workspace, robot, T0.plusSeconds(2)));
        ServicePrincipalSecret sameTime = stored(aSecret(workspace, robot, T0.plusSeconds(2)));
        stored(aSecret(workspace, fixtures().servicePrincipal(workspace, "other"), T0.plusSeconds(3)));

        var all = secrets().list(workspace, robot, null, 10);
        var page1 = secrets().list(workspace, robot, null, 2);
        var page2 = secrets().list(workspace, robot, SecretCursor.after(page1.get(1)), 2);

        ServicePrincipalSecret higher =
                third.id().value().compareTo(sameTime.id().value()) > 0 ? third : sameTime;
        ServicePrincipalSecret lower = higher == third ? sameTime : third;
        assertThat(all).containsExactly(higher, lower, second, first);
        assertThat(page1).containsExactly(higher, lower);
        assertThat(page2).containsExactly(second, first);
        assertThat(secrets().count(workspace, robot)).isEqualTo(4);
    }

    @Test
    void deleteRemovesOnlyThatSecret() {
        ServicePrincipalSecret gone = stored(aSecret(workspace, robot, T0));
        ServicePrincipalSecret kept = stored(aSecret(workspace, robot, T0));

        assertThat(secrets().delete(workspace, gone.id())).isTrue();

        assertThat(secrets().findById(workspace, gone.id())).isEmpty();
        assertThat(secrets().findByDigest(gone.digest())).isEmpty();
        assertThat(secrets().findById(workspace, kept.id())).contains(kept);
        assertThat(secrets().delete(workspace, gone.id())).isFalse();
    }

    @Test
    void lockSaysWhetherTheSecretIsThere() {
        ServicePrincipalSecret secret = stored(aSecret(workspace, robot, T0));

        assertThat(secrets().lock(workspace, secret.id())).isTrue();
        secrets().delete(workspace, secret.id());
        assertThat(secrets().lock(workspace, secret.id())).isFalse();
    }

    @Test
    void nothingOfOneWorkspaceIsReachableThroughAnother() {
        ServicePrincipalSecret secret = stored(aSecret(workspace, robot, T0));
        WorkspaceId other = fixtures().workspace();

        assertThat(secrets().findById(other, secret.id())).isEmpty();
        assertThat(secrets().lock(other, secret.id())).isFalse();
        assertThat(secrets().list(other, robot, null, 10)).isEmpty();
        assertThat(secrets().count(other, robot)).isZero();
        assertThat(secrets().delete(other, secret.id())).isFalse();
        assertThat(secrets().findById(workspace, secret.id())).contains(secret);
    }
}
