package dev.warden.web.tokenusage;

import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.group.Group;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.settings.SettingsRepository;
import dev.warden.core.settings.SettingsService;
import dev.warden.core.settings.WorkspaceSettings;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageRepository;
import dev.warden.core.workspace.AuthorizationVersions;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Token usage permission ({@code authorization/tokens}) and the workspace token settings ({@code workspace-conf})
 * over real HTTP, with every rule and error of the API section. The list and the settings are restored
 * after each test, since every API test class shares the application.
 */
@WardenSpringBootTest
class TokenUsageApiIT {
    static final String ACL = "/api/2.0/permissions/authorization/tokens";
    static final String PREVIEW_ACL = "/api/2.0/preview/permissions/authorization/tokens";
    static final String CONF = "/api/2.0/workspace-conf";
    static final String CREATE = "/api/2.0/token/create";
    static final String LIST = "/api/2.0/token/list";

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

    @Autowired
    SettingsService settingsService;

    @Autowired
    PrincipalRepository principals;

    @Autowired
    GroupRepository groups;

    @Autowired
    TokenRepository tokens;

    @Autowired
    AuditLog audit;

    ApiClient api;
    TestData testData;
    WorkspaceId main;
    List<TokenUsageEntry> entriesBefore;
    WorkspaceSettings settingsBefore;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
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

    @Nested
    class TokenPermissions {
        @Test
        void getShowsTheWorkspaceAdminsAsImplicitCanManageEvenWithNoEntriesAndNoTokens() {
            acl.replace(main, List.of());

            Response response = api.get(ACL, ADMIN_TOKEN);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().path("object_id").asString()).isEqualTo("authorization/tokens");
            assertThat(response.json().path("object_type").asString()).isEqualTo("tokens");
            JsonNode admin = entry(response, "user_name", "admin");
            assertThat(admin.path("display_name").asString()).isEqualTo("Administrator");
            JsonNode permission = admin.path("all_permissions").get(0);
            assertThat(permission.path("permission_level").asString()).isEqualTo("CAN_MANAGE");
            assertThat(permission.path("inherited").asBoolean()).isTrue();
            assertThat(permission.path("inherited_from_object").toString()).isEqualTo("[\"/workspace-admin\"]");
            assertThat(StreamSupport.stream(
                                    response.json().path("access_control_list").spliterator(), false)
                            .allMatch(e -> e.path("all_permissions")
                                    .get(0)
                                    .path("inherited")
                                    .asBoolean()))
                    .isTrue();
        }

        @Test
        void worksOnAWorkspaceWhoseListWasNeverTouched() {
            TestData.OtherWorkspace other = testData.otherWorkspace();
            Principal user = testData.userWithoutTokenUsage(other.workspace().id(), "fresh");

            Response response = api.get(ACL, other.adminToken());

            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.json().path("access_control_list").size()).isEqualTo(1);
            assertThat(level(entry(response, "user_name", other.admin().userName())))
                    .isEqualTo("CAN_MANAGE");
            Response patched = api.send(
                    "PATCH",
                    ACL,
                    other.adminToken(),
                    "application/json",
                    ApiClient.json(
                            "{'access_control_list':[{'user_name':'%s','permission_level':'CAN_USE'}]}",
                            user.userName()));
            assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
            assertThat(patched.json().path("access_control_list").size()).isEqualTo(2);
            assertThat(acl.list(main)).isEqualTo(entriesBefore);
        }

        @Test
        void patchAddsAndChangesTheGivenEntriesKeepsTheRestAndAnswersTheCompleteList() {
            Principal alice = testData.userWithoutTokenUsage("alice");
            Principal bob = testData.userWithoutTokenUsage("bob");
            Group group = group("patch-group");
            Principal bot = servicePrincipal();
            acl.replace(main, List.of());

            Response first = api.send(
                    "PATCH",
                    ACL,
                    ADMIN_TOKEN,
                    "application/json",
                    ApiClient.json(
                            "{'access_control_list':[{'user_name':'%s','permission_level':'CAN_USE'},"
                                    + "{'group_name':'%s','permission_level':'CAN_USE'}]}",
                            alice.userName(), group.displayName()));
            assertThat(first.status()).as(first.toString()).isEqualTo(200);
            assertThat(level(entry(first, "user_name", alice.userName()))).isEqualTo("CAN_USE");
            assertThat(level(entry(first, "group_name", group.displayName()))).isEqualTo("CAN_USE");
            assertThat(entry(first, "group_name", group.displayName())
                            .path("all_permissions")
                            .get(0)
                            .path("inherited")
                            .asBoolean())
                    .isFalse();

            Response second = api.send(
                    "PATCH",
                    ACL,
                    ADMIN_TOKEN,
                    "application/json",
                    ApiClient.json(
                            "{'access_control_list':[{'user_name':'%s','permission_level':'CAN_USE'},"
                                    + "{'user_name':'%s','permission_level':'CAN_USE'},"
                                    + "{'service_principal_name':'%s','permission_level':'CAN_USE'}]}",
                            alice.userName(), bob.userName(), bot.applicationId()));

            assertThat(second.status()).as(second.toString()).isEqualTo(200);
            assertThat(level(entry(second, "user_name", alice.userName()))).isEqualTo("CAN_USE");
            assertThat(entry(second, "user_name", alice.userName())
                            .path("all_permissions")
                            .size())
                    .as("one entry per subject")
                    .isEqualTo(1);
            assertThat(level(entry(second, "user_name", bob.userName()))).isEqualTo("CAN_USE");
            assertThat(level(entry(second, "group_name", group.displayName()))).isEqualTo("CAN_USE");
            assertThat(entry(second, "service_principal_name", bot.applicationId())
                            .path("display_name")
                            .asString())
                    .isEqualTo(bot.displayName());
            assertThat(level(entry(second, "user_name", "admin"))).isEqualTo("CAN_MANAGE");
            assertThat(api.get(ACL, ADMIN_TOKEN).body()).isEqualTo(second.body());
        }

        @Test
        void putReplacesEveryDirectEntryButTheAdminsStay() {
            Principal alice = testData.userWithoutTokenUsage("alice");
            Group group = group("put-group");
            api.send(
                    "PATCH",
                    ACL,
                    ADMIN_TOKEN,
                    "application/json",
                    ApiClient.json(
                            "{'access_control_list':[{'user_name':'%s','permission_level':'CAN_USE'}]}",
                            alice.userName()));

            Response replaced = api.send(
                    "PUT",
                    ACL,
                    ADMIN_TOKEN,
                    "application/json",
                    ApiClient.json(
                            "{'access_control_list':[{'group_name':'%s','permission_level':'CAN_USE'}]}",
                            group.displayName()));

            assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
            assertThat(entry(replaced, "user_name", alice.userName())).isNull();
            assertThat(level(entry(replaced, "group_name", group.displayName())))
                    .isEqualTo("CAN_USE");
            assertThat(level(entry(replaced, "user_name", "admin"))).isEqualTo("CAN_MANAGE");

            Response cleared = api.send("PUT", ACL, ADMIN_TOKEN, "application/json", "{\"access_control_list\":[]}");

            assertThat(cleared.status()).isEqualTo(200);
            assertThat(cleared.json().path("access_control_list").toString()).doesNotContain("\"inherited\":false");
            assertThat(level(entry(cleared, "user_name", "admin"))).isEqualTo("CAN_MANAGE");
            assertThat(acl.list(main)).isEmpty();
            assertThat(api.get(LIST, ADMIN_TOKEN).status()).isEqualTo(200);
        }

        @Test
        void thePreviewAliasPathBehavesTheSame() {
            Principal alice = testData.userWithoutTokenUsage("alias");

            Response patched = api.send(
                    "PATCH",
                    PREVIEW_ACL,
                    ADMIN_TOKEN,
                    "application/json",
                    ApiClient.json(
                            "{'access_control_list':[{'user_name':'%s','permission_level':'CAN_USE'}]}",
                            alice.userName()));

            assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
            assertThat(level(entry(api.get(PREVIEW_ACL, ADMIN_TOKEN), "user_name", alice.userName())))
                    .isEqualTo("CAN_USE");
            assertThat(api.get(PREVIEW_ACL + "/permissionLevels", ADMIN_TOKEN).status())
                    .isEqualTo(200);
            assertThat(api.send(
                                    "PUT",
                                    PREVIEW_ACL,
                                    ADMIN_TOKEN,
                                    "application/json",
                                    "{'access_control_list':[]}".replace('\'', '"'))
                            .status())
                    .isEqualTo(200);
        }

        @Test
        void permissionLevelsAreCanUseAndTheAdminsCanManage() {
            Response response = api.get(ACL + "/permissionLevels", ADMIN_TOKEN);

            assertThat(response.status()).isEqualTo(200);
            JsonNode levels = response.json().path("permission_levels");
            assertThat(levels.size()).isEqualTo(2);
            assertThat(levels.get(0).path("permission_level").asString()).isEqualTo("CAN_USE");
            assertThat(levels.get(0).path("description").asString()).isNotBlank();
            assertThat(levels.get(1).path("permission_level").asString()).isEqualTo("CAN_MANAGE");
            assertThat(levels.get(1).path("description").asString())
                    .contains("Workspace admins only")
                    .contains("cannot be granted");
        }

        @Test
        void theApiDescriptionSaysWhatCanManageIs() {
            String description = api.get("/v3/api-docs", null).body();

            assertThat(description)
                    .contains("CAN_MANAGE is reserved for workspace admins")
                    .contains("access_control_list[i].permission_level");
        }

        /** CAN_MANAGE is the workspace admins' alone (as on Databricks): no request grants it, not even an admin's. */
        @ParameterizedTest
        @ValueSource(strings = {"PATCH", "PUT"})
        void canManageCannotBeGrantedAnd400NamesPermissionLevelAndNothingChanges(String method) {
            Principal alice = testData.userWithoutTokenUsage("manager-" + method.toLowerCase(java.util.Locale.ROOT));
            Group group = group("managers-" + method.toLowerCase(java.util.Locale.ROOT));
            List<TokenUsageEntry> before = acl.list(main);
            List<AuditEvent> auditBefore = audit.recent(main, 1);

            Response response = api.send(
                    method,
                    ACL,
                    ADMIN_TOKEN,
                    "application/json",
                    ApiClient.json(
                            "{'access_control_list':[{'group_name':'%s','permission_level':'CAN_USE'},"
                                    + "{'user_name':'%s','permission_level':'CAN_MANAGE'}]}",
                            group.displayName(), alice.userName()));

            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(response.json()
                            .path("details")
                            .get(0)
                            .path("metadata")
                            .path("field")
                            .asString())
                    .isEqualTo("access_control_list[1].permission_level");
            assertThat(response.json().path("message").asString())
                    .contains("CAN_MANAGE cannot be granted")
                    .contains("reserved for workspace admins")
                    .contains("workspace-admin role");
            assertThat(acl.list(main)).isEqualTo(before);
            assertThat(audit.recent(main, 1)).as("nothing audited").isEqualTo(auditBefore);
            Response list = api.get(ACL, ADMIN_TOKEN);
            assertThat(entry(list, "user_name", alice.userName())).isNull();
            assertThat(level(entry(list, "user_name", "admin"))).isEqualTo("CAN_MANAGE");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "{'user_name':'nobody@example.com','permission_level':'CAN_USE'}|nobody@example.com",
                    "{'group_name':'no-such-group','permission_level':'CAN_USE'}|no-such-group",
                    "{'service_principal_name':'00000000-0000-0000-0000-000000000000','permission_level':'CAN_USE'}|00000000-0000-0000-0000-000000000000",
                    "{'user_name':'admin','permission_level':'CAN_OWN'}|CAN_OWN",
                    "{'user_name':'admin'}|permission_level",
                    "{'user_name':'admin','group_name':'x','permission_level':'CAN_USE'}|exactly one",
                })
        void anUnknownNameOrLevelIs400NamingItAndNothingChanges(String entryAndNamed) {
            String[] parts = entryAndNamed.split("\\|");
            Principal alice = testData.userWithoutTokenUsage("kept");
            testData.grantTokenUsage(alice);
            List<TokenUsageEntry> before = acl.list(main);

            for (String method : List.of("PATCH", "PUT")) {
                Response response = api.send(
                        method,
                        ACL,
                        ADMIN_TOKEN,
                        "application/json",
                        ApiClient.json(
                                "{'access_control_list':[{'user_name':'%s','permission_level':'CAN_USE'}," + parts[0]
                                        + "]}",
                                alice.userName()));

                assertThat(response.status()).as(response.toString()).isEqualTo(400);
                assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
                assertThat(response.json().path("message").asString()).contains(parts[1]);
                assertThat(acl.list(main)).isEqualTo(before);
            }
        }

        @Test
        void nonAdminsGet403EvenWithTokenUsage() {
            Principal user = testData.user("plain", BuiltInRole.USER);
            String token = testData.token(user);

            assertThat(api.get(ACL, token).status()).isEqualTo(403);
            assertThat(api.get(ACL + "/permissionLevels", token).status()).isEqualTo(403);
            Response patch = api.send(
                    "PATCH",
                    ACL,
                    token,
                    "application/json",
                    ApiClient.json(
                            "{'access_control_list':[{'user_name':'%s','permission_level':'CAN_USE'}]}",
                            user.userName()));
            assertThat(patch.status()).isEqualTo(403);
            assertThat(patch.reason()).isEqualTo("ROLE_LACKS_PERMISSION");
            assertThat(api.send("PUT", ACL, token, "application/json", "{\"access_control_list\":[]}")
                            .status())
                    .isEqualTo(403);
            assertThat(acl.list(main).stream().anyMatch(e -> user.id().equals(e.principal())))
                    .isTrue();
        }

        @Test
        void aChangeIsAuditedWithBeforeAndAfter() {
            Principal alice = testData.userWithoutTokenUsage("audited");

            api.send(
                    "PATCH",
                    ACL,
                    ADMIN_TOKEN,
                    "application/json",
                    ApiClient.json(
                            "{'access_control_list':[{'user_name':'%s','permission_level':'CAN_USE'}]}",
                            alice.userName()));

            AuditEvent event = latest(AuditAction.TOKEN_ACL_CHANGED);
            assertThat(event.actorName()).isEqualTo("admin");
            assertThat(event.targetId()).isEqualTo("authorization/tokens");
            assertThat(event.details().get("after")).contains("principal " + alice.id() + "=CAN_USE");
            assertThat(event.details().get("before")).doesNotContain("principal " + alice.id() + "=");
        }
    }

    @Nested
    class TokenUsageEnforcement {
        @Test
        void losingUsageSuspendsTheTokenWithAMessageNamingThePrincipalAndGrantingAgainBringsItBack() {
            Principal user = testData.user("suspended", BuiltInRole.USER);
            String token = testData.token(user);
            assertThat(api.get(LIST, token).status()).isEqualTo(200);

            Response removed = api.send("PUT", ACL, ADMIN_TOKEN, "application/json", "{\"access_control_list\":[]}");
            assertThat(removed.status()).isEqualTo(200);

            Response refused = api.get(LIST, token);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("PERMISSION_DENIED");
            assertThat(refused.reason()).isEqualTo("NO_TOKEN_USAGE_PERMISSION");
            assertThat(refused.json().path("message").asString())
                    .contains(user.userName())
                    .contains("does not have permission to use tokens")
                    .contains("Permission Settings")
                    .contains("/api/2.0/permissions/authorization/tokens");
            Response create = api.post(CREATE, token, "{}");
            assertThat(create.status()).isEqualTo(403);
            assertThat(create.reason()).isEqualTo("NO_TOKEN_USAGE_PERMISSION");
            assertThat(tokens.listByOwner(main, user.id())).hasSize(1);

            Response granted = api.send(
                    "PATCH",
                    ACL,
                    ADMIN_TOKEN,
                    "application/json",
                    ApiClient.json(
                            "{'access_control_list':[{'user_name':'%s','permission_level':'CAN_USE'}]}",
                            user.userName()));
            assertThat(granted.status()).isEqualTo(200);

            assertThat(api.get(LIST, token).status()).isEqualTo(200);
            assertThat(api.post(CREATE, token, "{}").status()).isEqualTo(200);
        }

        @Test
        void aGroupEntryGivesItsMembersUsage() {
            Principal member = testData.userWithoutTokenUsage("member", BuiltInRole.USER);
            Group group = group("data-eng");
            groups.addMember(main, group.id(), member.id());
            api.send(
                    "PATCH",
                    ACL,
                    ADMIN_TOKEN,
                    "application/json",
                    ApiClient.json(
                            "{'access_control_list':[{'group_name':'%s','permission_level':'CAN_USE'}]}",
                            group.displayName()));
            String token = testData.token(member);
            assertThat(api.post(CREATE, token, "{}").status()).isEqualTo(200);

            api.send("PUT", ACL, ADMIN_TOKEN, "application/json", "{\"access_control_list\":[]}");

            assertThat(api.get(LIST, token).reason()).isEqualTo("NO_TOKEN_USAGE_PERMISSION");
        }

        @Test
        void aRoleLackingAPermissionIsStillReportedOnceTheOwnerHoldsUsage() {
            Principal roleless = testData.user("roleless");
            Response response = api.get(LIST, testData.token(roleless));

            assertThat(response.status()).isEqualTo(403);
            assertThat(response.reason()).isEqualTo("ROLE_LACKS_PERMISSION");
        }
    }

    @Nested
    class WorkspaceConf {
        @Test
        void getWithoutKeysAnswersEveryKnownKey() {
            Response response = api.get(CONF, ADMIN_TOKEN);

            assertThat(response.status()).isEqualTo(200);
            assertThat(StreamSupport.stream(response.json().propertyNames().spliterator(), false)
                            .toList())
                    .containsExactlyElementsOf(SettingsService.KEYS);
            assertThat(response.json().path("enableTokensConfig").asString())
                    .isEqualTo(Boolean.toString(settingsBefore.tokensEnabled()));
        }

        @Test
        void getWithKeysAnswersOnlyThose() {
            Response response = api.get(CONF + "?keys=maxTokenLifetimeDays,enableTokensConfig", ADMIN_TOKEN);

            assertThat(response.status()).isEqualTo(200);
            assertThat(StreamSupport.stream(response.json().propertyNames().spliterator(), false)
                            .toList())
                    .containsExactlyInAnyOrder("maxTokenLifetimeDays", "enableTokensConfig");
            Response unknown = api.get(CONF + "?keys=enableIpAccessLists", ADMIN_TOKEN);
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.json().path("message").asString()).contains("enableIpAccessLists");
        }

        @Test
        void patchChangesTheGivenKeysKeepsTheRestAcceptsNonStringValuesAndIsAudited() {
            Response patched = api.send(
                    "PATCH",
                    CONF,
                    ADMIN_TOKEN,
                    "application/json",
                    "{\"maxTokenLifetimeDays\":\"30\",\"tokenQuotaPerPrincipal\":50}");

            assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
            JsonNode conf = api.get(CONF, ADMIN_TOKEN).json();
            assertThat(conf.path("maxTokenLifetimeDays").asString()).isEqualTo("30");
            assertThat(conf.path("tokenQuotaPerPrincipal").asString()).isEqualTo("50");
            assertThat(conf.path("enableTokensConfig").asString()).isEqualTo("true");
            AuditEvent event = latest(AuditAction.WORKSPACE_SETTINGS_CHANGED);
            assertThat(event.actorName()).isEqualTo("admin");
            assertThat(event.details().get("after")).contains("maxTokenLifetimeDays=30");

            assertThat(api.send("PATCH", CONF, ADMIN_TOKEN, "application/json", "{\"maxTokenLifetimeDays\":null}")
                            .status())
                    .isEqualTo(200);
            assertThat(api.get(CONF, ADMIN_TOKEN)
                            .json()
                            .path("maxTokenLifetimeDays")
                            .asString())
                    .isEmpty();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "enableTokensConfig|\"maybe\"", "maxTokenLifetimeDays|\"0\"", "maxTokenLifetimeDays|\"731\"",
                    "maxTokenLifetimeDays|\"ninety\"", "tokenQuotaPerPrincipal|\"0\"", "noSuchKey|\"true\"",
                    "enableTokensConfig|{\"a\":1}"
                })
        void anInvalidValueIs400NamingTheKeyAndNothingChanges(String keyAndValue) {
            String[] parts = keyAndValue.split("\\|");
            Response response = api.send(
                    "PATCH",
                    CONF,
                    ADMIN_TOKEN,
                    "application/json",
                    "{\"defaultTokenLifetimeDays\":\"7\",\"" + parts[0] + "\":" + parts[1] + "}");

            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(response.json().path("message").asString()).contains(parts[0]);
            assertThat(settings.get(main)).isEqualTo(settingsBefore);
        }

        @Test
        void nonAdminsGet403() {
            String token = testData.token(testData.user("conf-reader", BuiltInRole.USER));

            assertThat(api.get(CONF, token).status()).isEqualTo(403);
            assertThat(api.send("PATCH", CONF, token, "application/json", "{\"enableTokensConfig\":\"false\"}")
                            .status())
                    .isEqualTo(403);
            assertThat(settings.get(main)).isEqualTo(settingsBefore);
        }
    }

    @Nested
    class TokenSettings {
        @Test
        void tokensOffRefusesEveryTokenAndCreationDeletesNothingAndOnAgainRestoresThem() {
            Principal user = testData.user("switch", BuiltInRole.USER);
            String token = testData.token(user);
            int owned = tokens.listByOwner(main, user.id()).size();

            Response off =
                    api.send("PATCH", CONF, ADMIN_TOKEN, "application/json", "{\"enableTokensConfig\":\"false\"}");
            assertThat(off.status()).as(off.toString()).isEqualTo(200);

            for (Response refused : List.of(
                    api.get(LIST, token),
                    api.post(CREATE, token, "{}"),
                    api.get(LIST, ADMIN_TOKEN),
                    api.get(CONF, ADMIN_TOKEN))) {
                assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
                assertThat(refused.errorCode()).isEqualTo("PERMISSION_DENIED");
                assertThat(refused.reason()).isEqualTo("TOKENS_DISABLED");
            }
            assertThat(tokens.listByOwner(main, user.id())).hasSize(owned);

            // no token authenticates now, so an admin turns them on again in the console (as the console does)
            settingsService.update(Actor.of(admin(), "127.0.0.1"), Map.of(SettingsService.ENABLE_TOKENS, "true"));

            assertThat(api.get(LIST, token).status()).isEqualTo(200);
            assertThat(api.post(CREATE, token, "{}").status()).isEqualTo(200);
            assertThat(api.get(LIST, ADMIN_TOKEN).status()).isEqualTo(200);
        }

        @Test
        void aLifetimeOverTheWorkspaceCapIs400NamingTheCap() {
            patchConf("{\"maxTokenLifetimeDays\":\"10\"}");
            String token = testData.token(testData.user("capped", BuiltInRole.USER));

            Response tooLong = api.post(
                    CREATE,
                    token,
                    "{\"lifetime_seconds\":" + Duration.ofDays(11).toSeconds() + "}");

            assertThat(tooLong.status()).isEqualTo(400);
            assertThat(tooLong.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(tooLong.json().path("message").asString())
                    .contains("lifetime_seconds")
                    .contains(Long.toString(Duration.ofDays(10).toSeconds()));
            JsonNode info = api.post(
                            CREATE,
                            token,
                            "{\"lifetime_seconds\":" + Duration.ofDays(10).toSeconds() + "}")
                    .json()
                    .path("token_info");
            assertThat(info.path("expiry_time").asLong()
                            - info.path("creation_time").asLong())
                    .isEqualTo(Duration.ofDays(10).toMillis());
        }

        @Test
        void aRequestWithoutLifetimeGetsTheWorkspaceDefault() {
            patchConf("{\"defaultTokenLifetimeDays\":\"7\"}");

            JsonNode info = api.post(CREATE, ADMIN_TOKEN, "{}").json().path("token_info");

            assertThat(info.path("expiry_time").asLong()
                            - info.path("creation_time").asLong())
                    .isEqualTo(Duration.ofDays(7).toMillis());
        }

        @Test
        void overTheQuotaIs400QuotaExceeded() {
            Principal user = testData.user("quota", BuiltInRole.USER);
            String token = testData.token(user);
            patchConf("{\"tokenQuotaPerPrincipal\":\"2\"}");
            assertThat(api.post(CREATE, token, "{}").status()).isEqualTo(200);

            Response over = api.post(CREATE, token, "{}");

            assertThat(over.status()).isEqualTo(400);
            assertThat(over.errorCode()).isEqualTo("QUOTA_EXCEEDED");
            assertThat(over.json().path("message").asString())
                    .contains(user.userName())
                    .contains("tokenQuotaPerPrincipal");
            assertThat(tokens.listByOwner(main, user.id())).hasSize(2);
        }
    }

    private void patchConf(String body) {
        Response response = api.send("PATCH", CONF, ADMIN_TOKEN, "application/json", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private Principal admin() {
        return principals.findByUserName(main, "admin").orElseThrow();
    }

    private Group group(String prefix) {
        return groups.save(new Group(null, main, prefix + "-" + UUID.randomUUID(), null));
    }

    private Principal servicePrincipal() {
        return principals.save(
                Principal.newServicePrincipal(main, UUID.randomUUID().toString(), "acl bot"));
    }

    private AuditEvent latest(AuditAction action) {
        return audit.recent(main, 200).stream()
                .filter(e -> e.action() == action)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + action + " recorded"));
    }

    /** The entry whose field has the value, or null. */
    private static JsonNode entry(Response response, String field, String value) {
        return StreamSupport.stream(response.json().path("access_control_list").spliterator(), false)
                .filter(e -> value.equals(e.path(field).asString(null)))
                .findFirst()
                .orElse(null);
    }

    private static String level(JsonNode entry) {
        assertThat(entry).as("entry").isNotNull();
        return entry.path("all_permissions").get(0).path("permission_level").asString();
    }
}
