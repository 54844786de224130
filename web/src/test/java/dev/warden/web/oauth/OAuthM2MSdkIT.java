package dev.warden.web.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksException;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.oauth2.CreateServicePrincipalSecretRequest;
import com.databricks.sdk.service.oauth2.CreateServicePrincipalSecretResponse;
import com.databricks.sdk.service.oauth2.ListServicePrincipalSecretsRequest;
import com.databricks.sdk.service.oauth2.SecretInfo;
import com.databricks.sdk.service.settings.ListTokenManagementRequest;
import com.databricks.sdk.service.settings.PublicTokenInfo;
import com.databricks.sdk.service.settings.TokenAccessControlRequest;
import com.databricks.sdk.service.settings.TokenInfo;
import com.databricks.sdk.service.settings.TokenPermissionLevel;
import com.databricks.sdk.service.settings.TokenPermissionsRequest;
import dev.warden.core.shared.MutableClock;
import dev.warden.web.support.RunningWarden;
import dev.warden.web.support.WardenSpringBootTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Databricks SDK for Java with {@code auth_type} {@code oauth-m2m} against a running Warden: an admin
 * creates a service principal and its secret through {@code servicePrincipalSecretsProxy()}, the service principal's
 * client (host, client id, client secret; nothing else) discovers the token endpoint, gets an access token and calls
 * the API with it, gets a new one once the first has expired, and fails with a clear error once its secret is deleted.
 * <p>
 * Warden runs here with 30-second access tokens and the test clock. The SDK treats a token as expired 40 seconds
 * before its expiry ({@code CachedTokenSource}'s expiry buffer, so that a token is never sent in its last seconds),
 * so with 30-second tokens it asks the token endpoint before every call; moving Warden's clock past a token's expiry
 * then shows, without waiting, that the next call works with a new token while the old one no longer would.
 */
class OAuthM2MSdkIT {
    private static RunningWarden warden;
    private static MutableClock clock;
    private static String host;

    @BeforeAll
    static void start() {
        warden = RunningWarden.startWithTestClock(
                RunningWarden.newDataDir("oauth-sdk"),
                "warden.oauth.access-token-lifetime=30s",
                "warden.bootstrap.admin-password=" + WardenSpringBootTest.ADMIN_PASSWORD,
                "warden.bootstrap.admin-token=" + WardenSpringBootTest.ADMIN_TOKEN,
                "logging.level.com.databricks.sdk=OFF");
        clock = warden.bean(MutableClock.class);
        host = "http://127.0.0.1:" + warden.port();
    }

    @AfterAll
    static void stop() {
        warden.close();
    }

    private static WorkspaceClient admin() {
        return new WorkspaceClient(new DatabricksConfig()
                .setHost(host)
                .setToken(WardenSpringBootTest.ADMIN_TOKEN)
                .setAuthType("pat"));
    }

    /** What DATABRICKS_HOST, DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET configure. */
    private static WorkspaceClient machine(String clientId, String clientSecret) {
        return new WorkspaceClient(new DatabricksConfig()
                .setHost(host)
                .setClientId(clientId)
                .setClientSecret(clientSecret)
                .setAuthType("oauth-m2m"));
    }

    /** A new service principal (the user role) that may use tokens, made with the SDK as an admin would. */
    private static ServicePrincipal servicePrincipal(WorkspaceClient admin, String name) {
        ServicePrincipal created = admin.servicePrincipals().create(new ServicePrincipal().setDisplayName(name));
        admin.tokenManagement()
                .updatePermissions(new TokenPermissionsRequest()
                        .setAccessControlList(List.of(new TokenAccessControlRequest()
                                .setServicePrincipalName(created.getApplicationId())
                                .setPermissionLevel(TokenPermissionLevel.CAN_USE))));
        return created;
    }

    private static List<String> oauthTokensOf(WorkspaceClient admin, ServicePrincipal sp) {
        return StreamSupport.stream(
                        admin.tokenManagement()
                                .list(new ListTokenManagementRequest().setCreatedById(Long.parseLong(sp.getId())))
                                .spliterator(),
                        false)
                .map(TokenInfo::getTokenId)
                .toList();
    }

    @Test
    void aServicePrincipalSecretDrivesTheSdksOAuthM2M() {
        WorkspaceClient admin = admin();
        ServicePrincipal sp = servicePrincipal(admin, "sdk m2m bot");

        CreateServicePrincipalSecretResponse created = admin.servicePrincipalSecretsProxy()
                .create(new CreateServicePrincipalSecretRequest()
                        .setServicePrincipalId(sp.getId())
                        .setLifetime("86400s"));

        assertThat(created.getSecret()).startsWith("wdn_").hasSize(53);
        assertThat(created.getStatus()).isEqualTo("ACTIVE");
        assertThat(Duration.between(Instant.parse(created.getCreateTime()), Instant.parse(created.getExpireTime())))
                .isEqualTo(Duration.ofDays(1));

        WorkspaceClient machine = machine(sp.getApplicationId(), created.getSecret());
        User me = machine.currentUser().me(new MeRequest());
        assertThat(me.getId()).isEqualTo(sp.getId());
        List<PublicTokenInfo> own = StreamSupport.stream(machine.tokens().list().spliterator(), false)
                .toList();
        assertThat(own)
                .isNotEmpty()
                .allSatisfy(token -> assertThat(token.getComment()).startsWith("OAuth access token"));
        List<String> first = oauthTokensOf(admin, sp);
        assertThat(first).isNotEmpty();

        // Warden's time passes the tokens' expiry; the SDK asks for a new token and the call works with it
        clock.advance(Duration.ofSeconds(31));
        assertThat(machine.currentUser().me(new MeRequest()).getId()).isEqualTo(sp.getId());
        List<String> after = oauthTokensOf(admin, sp);
        assertThat(after).as("a new token, the expired ones removed").hasSize(1).doesNotContainAnyElementsOf(first);

        List<SecretInfo> listed = StreamSupport.stream(
                        admin.servicePrincipalSecretsProxy()
                                .list(new ListServicePrincipalSecretsRequest().setServicePrincipalId(sp.getId()))
                                .spliterator(),
                        false)
                .toList();
        assertThat(listed).singleElement().satisfies(info -> {
            assertThat(info.getId()).isEqualTo(created.getId());
            assertThat(info.getStatus()).isEqualTo("ACTIVE");
            assertThat(info.getExpireTime()).isEqualTo(created.getExpireTime());
            assertThat(info.getSecretHash()).isEqualTo(created.getSecretHash());
        });

        admin.servicePrincipalSecretsProxy().delete(sp.getId(), created.getId());

        assertThat(admin.servicePrincipalSecretsProxy()
                        .list(new ListServicePrincipalSecretsRequest().setServicePrincipalId(sp.getId())))
                .isEmpty();
        assertThatThrownBy(() -> machine.currentUser().me(new MeRequest()))
                .isInstanceOf(DatabricksException.class)
                .hasMessageContaining("invalid_client");
        assertThatThrownBy(() -> machine(sp.getApplicationId(), created.getSecret())
                        .currentUser()
                        .me(new MeRequest()))
                .isInstanceOf(DatabricksException.class)
                .hasMessageContaining("invalid_client");
    }

    @Test
    void theSecretsApiAnswersInTheSdksErrorClasses() {
        WorkspaceClient admin = admin();
        ServicePrincipal sp = servicePrincipal(admin, "sdk errors bot");

        assertThatThrownBy(() -> admin.servicePrincipalSecretsProxy()
                        .create(new CreateServicePrincipalSecretRequest()
                                .setServicePrincipalId(sp.getId())
                                .setLifetime("ninety days")))
                .isInstanceOf(InvalidParameterValue.class)
                .hasMessageContaining("lifetime");
        assertThatThrownBy(() -> admin.servicePrincipalSecretsProxy()
                        .create(new CreateServicePrincipalSecretRequest()
                                .setServicePrincipalId(sp.getId())
                                .setLifetime(731L * 24 * 3600 + "s")))
                .isInstanceOf(InvalidParameterValue.class)
                .hasMessageContaining("730 days");
        assertThatThrownBy(() ->
                        admin.servicePrincipalSecretsProxy().delete(sp.getId(), "0123456789abcdef0123456789abcdef"))
                .isInstanceOf(ResourceDoesNotExist.class);
        assertThatThrownBy(() -> admin.servicePrincipalSecretsProxy()
                        .list(new ListServicePrincipalSecretsRequest().setServicePrincipalId("999999")))
                .isInstanceOf(ResourceDoesNotExist.class);
    }

    @Test
    void withoutALifetimeTheSecretLivesTheWorkspacesLongest() {
        WorkspaceClient admin = admin();
        ServicePrincipal sp = servicePrincipal(admin, "sdk default bot");

        CreateServicePrincipalSecretResponse created = admin.servicePrincipalSecretsProxy()
                .create(new CreateServicePrincipalSecretRequest().setServicePrincipalId(sp.getId()));

        assertThat(Duration.between(Instant.parse(created.getCreateTime()), Instant.parse(created.getExpireTime())))
                .isEqualTo(Duration.ofDays(730));
    }
}
