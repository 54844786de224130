package dev.warden.web.token;

import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.core.error.platform.Unauthenticated;
import com.databricks.sdk.service.settings.CreateOboTokenRequest;
import com.databricks.sdk.service.settings.CreateOboTokenResponse;
import com.databricks.sdk.service.settings.ListTokenManagementRequest;
import com.databricks.sdk.service.settings.PublicTokenInfo;
import com.databricks.sdk.service.settings.TokenInfo;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** The official Databricks SDK's {@code tokenManagement()} calls, unchanged, against Warden. */
@WardenSpringBootTest
class TokenManagementSdkIT {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    PrincipalRepository principals;

    @Autowired
    RoleRepository roles;

    @Autowired
    RoleAssignmentRepository assignments;

    TestData testData;
    WorkspaceId main;

    @BeforeEach
    void setUp() {
        testData = TestData.of(context);
        main = testData.main().id();
    }

    private WorkspaceClient client(String token) {
        return new WorkspaceClient(new DatabricksConfig()
                .setHost("http://127.0.0.1:" + port)
                .setToken(token)
                .setAuthType("pat"));
    }

    @Test
    void createsAnOnBehalfOfTokenThenListsGetsAndDeletesIt() {
        Principal sp = servicePrincipal(true);
        Principal admin = principals.findByUserName(main, "admin").orElseThrow();
        WorkspaceClient sdk = client(ADMIN_TOKEN);

        CreateOboTokenResponse created = sdk.tokenManagement()
                .createOboToken(new CreateOboTokenRequest()
                        .setApplicationId(sp.applicationId())
                        .setComment("sdk obo")
                        .setLifetimeSeconds(3600L)
                        .setScopes(List.of("tokens:read")));

        assertThat(created.getTokenValue()).startsWith("wdn_");
        TokenInfo info = created.getTokenInfo();
        String id = info.getTokenId();
        assertThat(info.getOwnerId()).isEqualTo(sp.id().value());
        assertThat(info.getCreatedById()).isEqualTo(admin.id().value());
        assertThat(info.getCreatedByUsername()).isEqualTo("admin");
        assertThat(info.getComment()).isEqualTo("sdk obo");
        assertThat(info.getExpiryTime() - info.getCreationTime()).isEqualTo(3_600_000L);
        assertThat(info.getScopes()).containsExactly("tokens:read");

        // the service principal sees it among its own tokens
        WorkspaceClient asSp = client(created.getTokenValue());
        assertThat(StreamSupport.stream(asSp.tokens().list().spliterator(), false)
                        .map(PublicTokenInfo::getTokenId))
                .contains(id);

        assertThat(ids(sdk, new ListTokenManagementRequest())).contains(id);
        assertThat(ids(
                        sdk,
                        new ListTokenManagementRequest()
                                .setCreatedById(admin.id().value())))
                .contains(id);
        assertThat(ids(sdk, new ListTokenManagementRequest().setCreatedByUsername("admin")))
                .contains(id);
        assertThat(ids(sdk, new ListTokenManagementRequest().setCreatedByUsername(sp.applicationId())))
                .doesNotContain(id);

        TokenInfo got = sdk.tokenManagement().get(id).getTokenInfo();
        assertThat(got.getTokenId()).isEqualTo(id);
        assertThat(got.getOwnerId()).isEqualTo(sp.id().value());
        assertThat(got.getWorkspaceId()).isEqualTo(main.value());

        sdk.tokenManagement().delete(id);

        assertThat(ids(sdk, new ListTokenManagementRequest())).doesNotContain(id);
        assertThatThrownBy(() -> asSp.tokens().list().iterator().hasNext()).isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> sdk.tokenManagement().get(id)).isInstanceOf(ResourceDoesNotExist.class);
        assertThatThrownBy(() -> sdk.tokenManagement().delete(id)).isInstanceOf(ResourceDoesNotExist.class);
    }

    @Test
    void listReturnsEveryTokenOfACreatorInOneCall() {
        Principal creator = testData.user("many", BuiltInRole.USER);
        for (int i = 0; i < 5; i++) {
            testData.token(creator);
        }

        assertThat(ids(
                        client(ADMIN_TOKEN),
                        new ListTokenManagementRequest()
                                .setCreatedById(creator.id().value())))
                .hasSize(5)
                .doesNotHaveDuplicates();
    }

    @Test
    void onBehalfOfAServicePrincipalWithoutTokenUsageIsPermissionDenied() {
        Principal sp = servicePrincipal(false);

        assertThatThrownBy(() -> client(ADMIN_TOKEN)
                        .tokenManagement()
                        .createOboToken(new CreateOboTokenRequest().setApplicationId(sp.applicationId())))
                .isInstanceOf(PermissionDenied.class)
                .hasMessageContaining("does not have permission to use tokens");
    }

    @Test
    void onBehalfOfAnUnknownApplicationIdIsInvalidParameterValue() {
        assertThatThrownBy(() -> client(ADMIN_TOKEN)
                        .tokenManagement()
                        .createOboToken(new CreateOboTokenRequest()
                                .setApplicationId(UUID.randomUUID().toString())))
                .isInstanceOf(InvalidParameterValue.class)
                .hasMessageContaining("applicationId");
    }

    @Test
    void aNonAdminIsPermissionDenied() {
        String user = testData.token(testData.user("sdk-plain", BuiltInRole.USER));

        assertThatThrownBy(() -> ids(client(user), new ListTokenManagementRequest()))
                .isInstanceOf(PermissionDenied.class);
    }

    private Principal servicePrincipal(boolean tokenUsage) {
        Principal sp = principals.save(
                Principal.newServicePrincipal(main, UUID.randomUUID().toString(), "sdk robot"));
        assignments.add(RoleAssignment.toPrincipal(
                main,
                roles.findByName(main, BuiltInRole.USER.roleName())
                        .orElseThrow()
                        .id(),
                sp.id(),
                null));
        if (tokenUsage) {
            testData.grantTokenUsage(sp);
        }
        return sp;
    }

    private static List<String> ids(WorkspaceClient client, ListTokenManagementRequest request) {
        return StreamSupport.stream(client.tokenManagement().list(request).spliterator(), false)
                .map(TokenInfo::getTokenId)
                .toList();
    }
}
