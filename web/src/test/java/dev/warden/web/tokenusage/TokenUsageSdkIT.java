package dev.warden.web.tokenusage;

import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.service.settings.CreateTokenRequest;
import com.databricks.sdk.service.settings.TokenAccessControlRequest;
import com.databricks.sdk.service.settings.TokenAccessControlResponse;
import com.databricks.sdk.service.settings.TokenPermissionLevel;
import com.databricks.sdk.service.settings.TokenPermissions;
import com.databricks.sdk.service.settings.TokenPermissionsDescription;
import com.databricks.sdk.service.settings.TokenPermissionsRequest;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.settings.SettingsRepository;
import dev.warden.core.settings.WorkspaceSettings;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TechnicalTokenService;
import dev.warden.core.token.TokenManagementService;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageRepository;
import dev.warden.core.workspace.AuthorizationVersions;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The official Databricks SDK for Java, unchanged, drives the token permissions ({@code tokenManagement()}) and the
 * workspace settings ({@code workspaceConf()}), and sees a user's token refused once the user loses token usage.
 */
@WardenSpringBootTest
class TokenUsageSdkIT {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    TokenUsageRepository acl;

    @Autowired
    SettingsRepository settings;

    @Autowired
    AuthorizationVersions versions;

    TestData testData;
    WorkspaceId main;
    List<TokenUsageEntry> entriesBefore;
    WorkspaceSettings settingsBefore;

    @BeforeEach
    void remember() {
        testData = TestData.of(context);
        main = testData.main().id();
        entriesBefore = acl.list(main);
        settingsBefore = settings.get(main);
    }

    @AfterEach
    void restore() {
        acl.replace(main, entriesBefore);
        settings.save(main, settingsBefore);
        versions.bump(main); // written past the services: no node may keep what it resolved before
    }

    private WorkspaceClient client(String token) {
        return new WorkspaceClient(new DatabricksConfig()
                .setHost("http://127.0.0.1:" + port)
                .setToken(token)
                .setAuthType("pat"));
    }

    @Test
    void drivesTheTokenPermissionsAndAUserLosingUsageGetsPermissionDenied() {
        WorkspaceClient admin = client(ADMIN_TOKEN);
        Principal user = testData.userWithoutTokenUsage("sdk-user", BuiltInRole.USER);
        Principal other = testData.userWithoutTokenUsage("sdk-other", BuiltInRole.USER);

        List<TokenPermissionsDescription> levels =
                List.copyOf(admin.tokenManagement().getPermissionLevels().getPermissionLevels());
        assertThat(levels.get(0).getPermissionLevel()).isEqualTo(TokenPermissionLevel.CAN_USE);
        assertThat(levels.get(0).getDescription()).isNotBlank();

        TokenPermissions set = admin.tokenManagement()
                .setPermissions(new TokenPermissionsRequest().setAccessControlList(List.of(canUse(user))));
        assertThat(set.getObjectId()).isEqualTo("authorization/tokens");
        assertThat(set.getObjectType()).isEqualTo("tokens");
        assertThat(entry(set, user.userName())).isPresent();
        TokenAccessControlResponse adminEntry = entry(set, "admin").orElseThrow();
        assertThat(adminEntry.getAllPermissions()).singleElement().satisfies(p -> {
            assertThat(p.getInherited()).isTrue();
            assertThat(p.getInheritedFromObject()).containsExactly("/workspace-admin");
            assertThat(p.getPermissionLevel()).isNull(); // CAN_MANAGE: the SDK's enum knows only CAN_USE
        });

        TokenPermissions updated = admin.tokenManagement()
                .updatePermissions(new TokenPermissionsRequest().setAccessControlList(List.of(canUse(other))));
        assertThat(entry(updated, user.userName())).isPresent();
        assertThat(entry(updated, other.userName()).orElseThrow().getAllPermissions())
                .singleElement()
                .satisfies(p -> assertThat(p.getPermissionLevel()).isEqualTo(TokenPermissionLevel.CAN_USE));
        assertThat(entry(admin.tokenManagement().getPermissions(), other.userName()))
                .isPresent();

        assertThatThrownBy(() -> admin.tokenManagement()
                        .updatePermissions(new TokenPermissionsRequest()
                                .setAccessControlList(List.of(new TokenAccessControlRequest()
                                        .setUserName("ghost@example.com")
                                        .setPermissionLevel(TokenPermissionLevel.CAN_USE)))))
                .isInstanceOf(InvalidParameterValue.class)
                .hasMessageContaining("ghost@example.com");

        WorkspaceClient asUser = client(testData.token(user));
        assertThat(asUser.tokens()
                        .create(new CreateTokenRequest().setComment("mine"))
                        .getTokenValue())
                .startsWith("wdn_");
        assertThatThrownBy(() -> asUser.tokenManagement().getPermissions()).isInstanceOf(PermissionDenied.class);

        admin.tokenManagement()
                .setPermissions(new TokenPermissionsRequest().setAccessControlList(List.of(canUse(other))));

        assertThatThrownBy(() -> asUser.tokens().create(new CreateTokenRequest().setComment("again")))
                .isInstanceOf(PermissionDenied.class)
                .hasMessageContaining(user.userName())
                .hasMessageContaining("does not have permission to use tokens");

        admin.tokenManagement()
                .updatePermissions(new TokenPermissionsRequest().setAccessControlList(List.of(canUse(user))));
        assertThat(asUser.tokens()
                        .create(new CreateTokenRequest().setComment("back"))
                        .getTokenValue())
                .startsWith("wdn_");
    }

    @Test
    void drivesTheWorkspaceConf() {
        WorkspaceClient admin = client(ADMIN_TOKEN);

        Map<String, String> conf = admin.workspaceConf().getStatus("enableTokensConfig,maxTokenLifetimeDays");
        assertThat(conf).containsEntry("enableTokensConfig", "true").containsKey("maxTokenLifetimeDays");

        admin.workspaceConf().setStatus(Map.of("maxTokenLifetimeDays", "30", "defaultTokenLifetimeDays", "7"));

        assertThat(admin.workspaceConf().getStatus("maxTokenLifetimeDays"))
                .containsEntry("maxTokenLifetimeDays", "30")
                .containsEntry("defaultTokenLifetimeDays", "7");
        assertThatThrownBy(() -> admin.workspaceConf().setStatus(Map.of("maxTokenLifetimeDays", "9999")))
                .isInstanceOf(InvalidParameterValue.class)
                .hasMessageContaining("maxTokenLifetimeDays");
        assertThatThrownBy(() -> admin.tokens().create(new CreateTokenRequest().setLifetimeSeconds(31L * 86_400)))
                .isInstanceOf(InvalidParameterValue.class);

        admin.workspaceConf().setStatus(Map.of("enableTokensConfig", "false"));

        assertThatThrownBy(() -> admin.workspaceConf().getStatus("enableTokensConfig"))
                .isInstanceOf(PermissionDenied.class)
                .hasMessageContaining("disabled");
    }

    /**
     * An organisation token given the workspace-admin role makes its technical user an implicit CAN_MANAGE holder.
     * It has neither a userName nor an applicationId; the list names it as a service principal
     * {@code technical-user-<id>} (with its display name), so every entry names its principal in a field the SDK
     * reads; writing that name back is refused with the reason.
     */
    @Test
    void everyEntryNamesItsPrincipalATechnicalUserAsAServicePrincipal() {
        TechnicalTokenService technical = context.getBean(TechnicalTokenService.class);
        IssuedToken organisation = technical.createOrganisationToken(
                testData.admin(),
                new CreateTokenCommand("Nightly export", null, List.of("scim:read")),
                BuiltInRole.WORKSPACE_ADMIN.roleName());
        String name = "technical-user-" + organisation.token().owner().value();
        WorkspaceClient admin = client(ADMIN_TOKEN);
        try {
            List<TokenAccessControlResponse> entries =
                    List.copyOf(admin.tokenManagement().getPermissions().getAccessControlList());

            assertThat(entries)
                    .allSatisfy(entry -> assertThat(Stream.of(
                                            entry.getUserName(), entry.getGroupName(), entry.getServicePrincipalName())
                                    .filter(java.util.Objects::nonNull)
                                    .count())
                            .as("%s names one principal", entry)
                            .isEqualTo(1));
            TokenAccessControlResponse technicalEntry = entries.stream()
                    .filter(entry -> name.equals(entry.getServicePrincipalName()))
                    .findFirst()
                    .orElseThrow();
            assertThat(technicalEntry.getDisplayName()).isEqualTo("Nightly export");
            assertThat(technicalEntry.getAllPermissions())
                    .singleElement()
                    .satisfies(
                            permission -> assertThat(permission.getInherited()).isTrue());
            assertThatThrownBy(() -> admin.tokenManagement()
                            .updatePermissions(new TokenPermissionsRequest()
                                    .setAccessControlList(List.of(new TokenAccessControlRequest()
                                            .setServicePrincipalName(name)
                                            .setPermissionLevel(TokenPermissionLevel.CAN_USE)))))
                    .isInstanceOf(InvalidParameterValue.class)
                    .hasMessageContaining("technical user");
        } finally {
            context.getBean(TokenManagementService.class)
                    .delete(testData.admin(), organisation.token().id());
        }
    }

    private static TokenAccessControlRequest canUse(Principal user) {
        return new TokenAccessControlRequest()
                .setUserName(user.userName())
                .setPermissionLevel(TokenPermissionLevel.CAN_USE);
    }

    private static Optional<TokenAccessControlResponse> entry(TokenPermissions permissions, String userName) {
        return permissions.getAccessControlList().stream()
                .filter(e -> userName.equals(e.getUserName()))
                .findFirst();
    }
}
