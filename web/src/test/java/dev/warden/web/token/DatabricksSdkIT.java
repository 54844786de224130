package dev.warden.web.token;

import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.core.error.platform.Unauthenticated;
import com.databricks.sdk.service.settings.CreateTokenRequest;
import com.databricks.sdk.service.settings.CreateTokenResponse;
import com.databricks.sdk.service.settings.PublicTokenInfo;
import dev.warden.core.token.TokenFormat;
import dev.warden.web.support.WardenSpringBootTest;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The official Databricks SDK for Java, unchanged, against Warden: client start-up (with its two discovery
 * requests), create, list and delete, and the errors it maps to its own exception classes.
 */
@WardenSpringBootTest
class DatabricksSdkIT {
    @LocalServerPort
    int port;

    private WorkspaceClient client(String token) {
        return new WorkspaceClient(new DatabricksConfig()
                .setHost("http://127.0.0.1:" + port)
                .setToken(token)
                .setAuthType("pat"));
    }

    @Test
    void createsListsAndDeletesTokens() {
        WorkspaceClient admin = client(ADMIN_TOKEN);

        CreateTokenResponse created = admin.tokens()
                .create(new CreateTokenRequest()
                        .setComment("sdk test")
                        .setLifetimeSeconds(3600L)
                        .setScopes(List.of("tokens:read", "tokens:write")));

        assertThat(created.getTokenValue()).startsWith("wdn_").hasSize(53);
        PublicTokenInfo info = created.getTokenInfo();
        assertThat(info.getComment()).isEqualTo("sdk test");
        assertThat(info.getExpiryTime() - info.getCreationTime()).isEqualTo(3_600_000L);
        assertThat(info.getScopes()).containsExactlyInAnyOrder("tokens:read", "tokens:write");
        assertThat(ids(admin)).contains(info.getTokenId());

        WorkspaceClient asNewToken = client(created.getTokenValue());
        assertThat(ids(asNewToken)).contains(info.getTokenId());

        admin.tokens().delete(info.getTokenId());

        assertThat(ids(admin)).doesNotContain(info.getTokenId());
        assertThatThrownBy(() -> ids(asNewToken))
                .isInstanceOf(Unauthenticated.class)
                .hasMessageContaining("not known");
    }

    @Test
    void aMadeUpTokenIsUnauthenticated() {
        String madeUp = new TokenFormat("wdn_").generate(new SecureRandom()).reveal();

        assertThatThrownBy(() -> ids(client(madeUp))).isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> ids(client("dapi0123456789abcdef")))
                .isInstanceOf(Unauthenticated.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void deletingAnUnknownTokenIsResourceDoesNotExist() {
        assertThatThrownBy(() -> client(ADMIN_TOKEN).tokens().delete("0123456789abcdef0123456789abcdef"))
                .isInstanceOf(ResourceDoesNotExist.class);
    }

    @Test
    void aLifetimeBeyondTheMaximumIsInvalidParameterValue() {
        assertThatThrownBy(() -> client(ADMIN_TOKEN)
                        .tokens()
                        .create(new CreateTokenRequest()
                                .setComment("too long")
                                .setLifetimeSeconds(10L * 365 * 24 * 3600)))
                .isInstanceOf(InvalidParameterValue.class)
                .hasMessageContaining("lifetime_seconds");
    }

    private static List<String> ids(WorkspaceClient client) {
        return StreamSupport.stream(client.tokens().list().spliterator(), false)
                .map(PublicTokenInfo::getTokenId)
                .toList();
    }
}
