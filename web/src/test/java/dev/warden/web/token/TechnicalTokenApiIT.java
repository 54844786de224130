package dev.warden.web.token;

import static dev.warden.web.support.ApiClient.json;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.group.Group;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.util.List;
import java.util.stream.StreamSupport;
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
 * Organisation and group tokens over real HTTP: each is owned by a technical user holding the chosen role, works
 * exactly as far as that role reaches, and goes (with its technical user) when it is deleted.
 */
@WardenSpringBootTest
class TechnicalTokenApiIT {
    static final String ORG = "/api/2.0/token-management/organisation-tokens";
    static final String TOKENS = "/api/2.0/token-management/tokens";
    static final String OWN = "/api/2.0/token";
    static final String ME = "/api/2.0/preview/scim/v2/Me";
    static final String SCIM_GROUPS = "/api/2.0/preview/scim/v2/Groups/";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    PrincipalRepository principals;

    @Autowired
    AuditLog audit;

    ApiClient api;
    TestData testData;
    WorkspaceId main;
    Principal admin;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        testData = TestData.of(context);
        main = testData.main().id();
        admin = principals.findByUserName(main, "admin").orElseThrow();
    }

    @Nested
    class OrganisationTokens {
        @Test
        void aUserRoleTokenAuthenticatesAsItsTechnicalUserButCannotDoAdminThings() {
            Response created =
                    api.post(ORG, ADMIN_TOKEN, "{\"comment\":\"ci bot\",\"lifetime_seconds\":3600,\"role\":\"user\"}");

            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            assertThat(created.header("Cache-Control")).contains("no-store");
            String value = created.json().path("token_value").asString();
            assertThat(value).startsWith("wdn_");
            JsonNode info = created.json().path("token_info");
            long technicalId = info.path("technical_user").path("id").asLong();
            assertThat(info.path("kind").asString()).isEqualTo("ORGANISATION");
            assertThat(info.path("status").asString()).isEqualTo("ACTIVE");
            assertThat(info.path("role").asString()).isEqualTo("user");
            assertThat(info.path("owner_id").asLong())
                    .isEqualTo(technicalId)
                    .isNotEqualTo(admin.id().value());
            assertThat(info.path("technical_user").path("display_name").asString())
                    .isEqualTo("ci bot");
            assertThat(info.path("created_by_id").asLong()).isEqualTo(admin.id().value());
            assertThat(info.path("created_by_username").asString()).isEqualTo("admin");
            assertThat(info.path("expiry_time").asLong()
                            - info.path("creation_time").asLong())
                    .isEqualTo(3_600_000L);
            assertThat(info.path("scopes").toString()).isEqualTo("[\"all-apis\"]");
            assertThat(info.has("group_id")).isFalse();
            assertThat(principals
                            .findById(main, new PrincipalId(technicalId))
                            .orElseThrow()
                            .kind())
                    .isEqualTo(PrincipalKind.TECHNICAL_USER);

            Response me = api.get(ME, value);
            assertThat(me.status()).as(me.toString()).isEqualTo(200);
            assertThat(me.json().path("id").asString()).isEqualTo(String.valueOf(technicalId));
            assertThat(ids(api.get(OWN + "/list", value)))
                    .containsExactly(info.path("token_id").asString());

            Response refused = api.get(TOKENS, value);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.reason()).isEqualTo("ROLE_LACKS_PERMISSION");
            assertThat(api.get(ORG, value).status()).isEqualTo(403);
        }

        @Test
        void aWorkspaceAdminRoleTokenCanDoAdminThings() {
            String value = api.post(ORG, ADMIN_TOKEN, "{\"comment\":\"admin bot\",\"role\":\"workspace-admin\"}")
                    .json()
                    .path("token_value")
                    .asString();

            assertThat(api.get(TOKENS, value).status()).isEqualTo(200);
            Response listed = api.get(ORG, value);
            assertThat(listed.status()).isEqualTo(200);
            assertThat(infoIn(listed, ids(api.get(OWN + "/list", value)).get(0))
                            .path("role")
                            .asString())
                    .isEqualTo("workspace-admin");
        }

        @Test
        void theListHasOnlyOrganisationTokensWithStatusRoleAndTechnicalUserAndNoSecret() {
            JsonNode active = create("listed active", "user");
            JsonNode revoked = create("listed revoked", "workspace-admin");
            String revokedId = revoked.path("token_info").path("token_id").asString();
            assertThat(api.post(TOKENS + "/" + revokedId + "/revoke", ADMIN_TOKEN, "{}")
                            .status())
                    .isEqualTo(200);
            String personal = ids(api.get(OWN + "/list", testData.token(testData.user("p", BuiltInRole.USER))))
                    .get(0);

            Response listed = api.get(ORG, ADMIN_TOKEN);

            assertThat(listed.body()).doesNotContain("token_value");
            assertThat(ids(listed))
                    .contains(active.path("token_info").path("token_id").asString(), revokedId)
                    .doesNotContain(personal);
            JsonNode one =
                    infoIn(listed, active.path("token_info").path("token_id").asString());
            assertThat(one.path("status").asString()).isEqualTo("ACTIVE");
            assertThat(one.path("kind").asString()).isEqualTo("ORGANISATION");
            assertThat(one.path("role").asString()).isEqualTo("user");
            assertThat(one.path("technical_user").path("display_name").asString())
                    .isEqualTo("listed active");
            assertThat(one.path("technical_user").path("id").asLong())
                    .isEqualTo(one.path("owner_id").asLong());
            JsonNode two = infoIn(listed, revokedId);
            assertThat(two.path("status").asString()).isEqualTo("REVOKED");
            assertThat(two.path("role").asString()).isEqualTo("workspace-admin");
        }

        @Test
        void revokeRestoreRotateAndDeleteGoThroughTokenManagementAndDeleteTakesTheTechnicalUser() {
            JsonNode created = create("lifecycle", "user");
            String value = created.path("token_value").asString();
            String id = created.path("token_info").path("token_id").asString();
            long technicalId =
                    created.path("token_info").path("technical_user").path("id").asLong();

            assertThat(api.post(TOKENS + "/" + id + "/revoke", ADMIN_TOKEN, "{}")
                            .status())
                    .isEqualTo(200);
            Response revoked = api.get(ME, value);
            assertThat(revoked.status()).isEqualTo(401);
            assertThat(revoked.reason()).isEqualTo("TOKEN_REVOKED");

            assertThat(api.post(TOKENS + "/" + id + "/restore", ADMIN_TOKEN, "{}")
                            .status())
                    .isEqualTo(200);
            assertThat(api.get(ME, value).status()).isEqualTo(200);

            Response rotated = api.post(TOKENS + "/" + id + "/rotate", ADMIN_TOKEN, "{}");
            assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
            String fresh = rotated.json().path("token_value").asString();
            assertThat(rotated.json().path("token_info").path("kind").asString())
                    .isEqualTo("ORGANISATION");
            assertThat(api.get(ME, value).reason()).isEqualTo("TOKEN_UNKNOWN");
            assertThat(api.get(ME, fresh).json().path("id").asString()).isEqualTo(String.valueOf(technicalId));

            Response deleted = api.send("DELETE", TOKENS + "/" + id, ADMIN_TOKEN, null, null);

            assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
            Response gone = api.get(ME, fresh);
            assertThat(gone.status()).isEqualTo(401);
            assertThat(gone.reason()).isEqualTo("TOKEN_UNKNOWN");
            assertThat(principals.findById(main, new PrincipalId(technicalId))).isEmpty();
            assertThat(api.get(TOKENS + "/" + id, ADMIN_TOKEN).status()).isEqualTo(404);
            assertThat(ids(api.get(ORG, ADMIN_TOKEN))).doesNotContain(id);
            assertThat(ids(api.get(TOKENS + "?owner_id=" + technicalId, ADMIN_TOKEN)))
                    .isEmpty();
            assertThat(actionsFor("token", id))
                    .contains(
                            AuditAction.TOKEN_REVOKED,
                            AuditAction.TOKEN_RESTORED,
                            AuditAction.TOKEN_ROTATED,
                            AuditAction.TOKEN_DELETED);
            assertThat(actionsFor("principal", String.valueOf(technicalId)))
                    .contains(AuditAction.PRINCIPAL_CREATED, AuditAction.PRINCIPAL_DELETED);
        }

        @Test
        void theTechnicalUserGetsNoOtherTokenAndCannotDeleteItsOwn() {
            JsonNode created = create("no more", "user");
            String value = created.path("token_value").asString();
            String id = created.path("token_info").path("token_id").asString();

            Response create = api.post(OWN + "/create", value, "{\"comment\":\"sneaky\"}");
            assertThat(create.status()).as(create.toString()).isEqualTo(403);
            assertThat(create.errorCode()).isEqualTo("PERMISSION_DENIED");
            assertThat(create.json().path("message").asString()).contains("technical user");

            Response delete = api.post(OWN + "/delete", value, json("{'token_id':'%s'}", id));
            assertThat(delete.status()).as(delete.toString()).isIn(400, 409);
            assertThat(delete.errorCode()).isEqualTo("INVALID_STATE");

            assertThat(ids(api.get(OWN + "/list", value))).containsExactly(id);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "{\"role\":\"group-admin\"}",
                    "{\"role\":\"auditor\"}",
                    "{\"role\":\"root\"}",
                    "{\"comment\":\"no role\"}"
                })
        void aRoleOtherThanWorkspaceAdminOrUserIsABadRequestNamingRoleAndCreatesNothing(String body) {
            int before = ids(api.get(ORG, ADMIN_TOKEN)).size();

            Response refused = api.post(ORG, ADMIN_TOKEN, body);

            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(refused.json()
                            .path("details")
                            .get(0)
                            .path("metadata")
                            .path("field")
                            .asString())
                    .isEqualTo("role");
            assertThat(refused.json().path("message").asString()).contains("workspace-admin", "user");
            assertThat(ids(api.get(ORG, ADMIN_TOKEN))).hasSize(before);
        }

        @Test
        void aNonAdminIsRefused() {
            String user = testData.token(testData.user("plain", BuiltInRole.USER));

            for (Response refused : List.of(api.post(ORG, user, "{\"role\":\"user\"}"), api.get(ORG, user))) {
                assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
                assertThat(refused.reason()).isEqualTo("ROLE_LACKS_PERMISSION");
            }
        }

        @Test
        void holdingTokenManagementWriteIsNotEnoughToMakeAWorkspaceAdminToken() {
            Principal manager = testData.user("manager", BuiltInRole.USER);
            testData.assign(
                    testData.customRole(
                            TestData.unique("token-manager"),
                            Permission.TOKEN_MANAGEMENT_READ,
                            Permission.TOKEN_MANAGEMENT_WRITE),
                    manager,
                    (Group) null);
            String token = testData.token(manager);
            int before = ids(api.get(ORG, ADMIN_TOKEN)).size();

            Response refused = api.post(ORG, token, "{\"role\":\"workspace-admin\"}");

            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("PERMISSION_DENIED");
            assertThat(refused.json().path("message").asString())
                    .contains("workspace-admin", "scim:write", "settings:write", manager.userName());
            assertThat(ids(api.get(ORG, ADMIN_TOKEN))).hasSize(before);
            Response allowed = api.post(ORG, token, "{\"role\":\"user\"}");
            assertThat(allowed.status())
                    .as("the role it does hold is fine: " + allowed)
                    .isEqualTo(200);
        }
    }

    @Nested
    class GroupTokens {
        Group team;
        Group other;
        Principal lead;
        String leadToken;

        @BeforeEach
        void groupsAndAGroupAdmin() {
            team = testData.group(TestData.unique("team"));
            other = testData.group(TestData.unique("other"));
            lead = testData.user("lead", BuiltInRole.USER);
            Response assigned = api.post(
                    "/api/2.0/role-assignments",
                    ADMIN_TOKEN,
                    json(
                            "{'role_id':%d,'principal_id':%d,'scope_group_id':%d}",
                            roleId("group-admin"), lead.id().value(), team.id().value()));
            assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
            leadToken = testData.token(lead);
        }

        @Test
        void aGroupAdminCreatesListsRevokesRestoresAndDeletesAGroupMemberToken() {
            Response created = api.post(
                    tokensOf(team),
                    leadToken,
                    "{\"comment\":\"team bot\",\"lifetime_seconds\":600,\"role\":\"group-member\"}");

            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            assertThat(created.header("Cache-Control")).contains("no-store");
            String value = created.json().path("token_value").asString();
            JsonNode info = created.json().path("token_info");
            String id = info.path("token_id").asString();
            long technicalId = info.path("technical_user").path("id").asLong();
            assertThat(info.path("kind").asString()).isEqualTo("GROUP");
            assertThat(info.path("group_id").asLong()).isEqualTo(team.id().value());
            assertThat(info.path("role").asString()).isEqualTo("group-member");
            assertThat(info.path("owner_id").asLong()).isEqualTo(technicalId);
            assertThat(info.path("created_by_id").asLong()).isEqualTo(lead.id().value());
            assertThat(api.get(SCIM_GROUPS + team.id().value(), value).status()).isEqualTo(200);

            Response listed = api.get(tokensOf(team), leadToken);
            assertThat(ids(listed)).containsExactly(id);
            assertThat(infoIn(listed, id)
                            .path("technical_user")
                            .path("display_name")
                            .asString())
                    .isEqualTo("team bot");
            assertThat(api.get(tokensOf(team) + "/" + id, leadToken)
                            .json()
                            .path("token_info")
                            .path("role")
                            .asString())
                    .isEqualTo("group-member");

            Response revoked = api.post(tokensOf(team) + "/" + id + "/revoke", leadToken, "{}");
            assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
            assertThat(revoked.json().path("token_info").path("status").asString())
                    .isEqualTo("REVOKED");
            assertThat(revoked.json()
                            .path("token_info")
                            .path("technical_user")
                            .path("id")
                            .asLong())
                    .isEqualTo(technicalId);
            assertThat(api.get(SCIM_GROUPS + team.id().value(), value).reason()).isEqualTo("TOKEN_REVOKED");

            Response restored = api.post(tokensOf(team) + "/" + id + "/restore", leadToken, "{}");
            assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
            assertThat(restored.json().path("token_info").path("status").asString())
                    .isEqualTo("ACTIVE");
            assertThat(api.get(SCIM_GROUPS + team.id().value(), value).status()).isEqualTo(200);

            Response deleted = api.send("DELETE", tokensOf(team) + "/" + id, leadToken, null, null);
            assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
            Response gone = api.get(SCIM_GROUPS + team.id().value(), value);
            assertThat(gone.status()).isEqualTo(401);
            assertThat(gone.reason()).isEqualTo("TOKEN_UNKNOWN");
            assertThat(principals.findById(main, new PrincipalId(technicalId))).isEmpty();
            assertThat(ids(api.get(tokensOf(team), leadToken))).isEmpty();
            assertThat(api.get(tokensOf(team) + "/" + id, leadToken).status()).isEqualTo(404);
            assertThat(actionsFor("token", id))
                    .contains(
                            AuditAction.TOKEN_CREATED,
                            AuditAction.TOKEN_REVOKED,
                            AuditAction.TOKEN_RESTORED,
                            AuditAction.TOKEN_DELETED);
        }

        @Test
        void theGroupAdminIsRefusedOnAnotherGroup() {
            String theirs = groupToken(ADMIN_TOKEN, other, "group-member")
                    .path("token_info")
                    .path("token_id")
                    .asString();

            for (Response refused : List.of(
                    api.post(tokensOf(other), leadToken, "{\"role\":\"group-member\"}"),
                    api.get(tokensOf(other), leadToken),
                    api.get(tokensOf(other) + "/" + theirs, leadToken),
                    api.post(tokensOf(other) + "/" + theirs + "/revoke", leadToken, "{}"),
                    api.send("DELETE", tokensOf(other) + "/" + theirs, leadToken, null, null))) {
                assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
                assertThat(refused.reason()).isEqualTo("ROLE_LACKS_PERMISSION");
            }
            assertThat(infoIn(api.get(tokensOf(other), ADMIN_TOKEN), theirs)
                            .path("status")
                            .asString())
                    .isEqualTo("ACTIVE");
            assertThat(ids(api.get(tokensOf(other), ADMIN_TOKEN))).containsExactly(theirs);
        }

        @Test
        void aTokenOfAnotherGroupOrOfTheOrganisationIsNotFoundUnderThisGroup() {
            String theirs = groupToken(ADMIN_TOKEN, other, "group-member")
                    .path("token_info")
                    .path("token_id")
                    .asString();
            String org = create("not a group's", "user")
                    .path("token_info")
                    .path("token_id")
                    .asString();

            for (String id : List.of(theirs, org, "0123456789abcdef0123456789abcdef")) {
                for (Response missing : List.of(
                        api.get(tokensOf(team) + "/" + id, leadToken),
                        api.post(tokensOf(team) + "/" + id + "/revoke", leadToken, "{}"),
                        api.post(tokensOf(team) + "/" + id + "/restore", leadToken, "{}"),
                        api.send("DELETE", tokensOf(team) + "/" + id, leadToken, null, null),
                        api.send("DELETE", tokensOf(team) + "/" + id, ADMIN_TOKEN, null, null))) {
                    assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
                    assertThat(missing.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
                }
            }
            assertThat(infoIn(api.get(tokensOf(other), ADMIN_TOKEN), theirs)
                            .path("status")
                            .asString())
                    .isEqualTo("ACTIVE");
            assertThat(api.get(TOKENS + "/" + org, ADMIN_TOKEN)
                            .json()
                            .path("token_info")
                            .path("status")
                            .asString())
                    .isEqualTo("ACTIVE");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/api/2.0/groups/987654321098/tokens", "/api/2.0/groups/not-a-group/tokens"})
        void anUnknownGroupIsNotFound(String path) {
            for (Response missing :
                    List.of(api.get(path, ADMIN_TOKEN), api.post(path, ADMIN_TOKEN, "{\"role\":\"group-member\"}"))) {
                assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
                assertThat(missing.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"workspace-admin", "user", "owner"})
        void aRoleOtherThanGroupAdminOrGroupMemberIsABadRequestNamingRole(String role) {
            Response refused = api.post(tokensOf(team), leadToken, json("{'role':'%s'}", role));

            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(refused.json()
                            .path("details")
                            .get(0)
                            .path("metadata")
                            .path("field")
                            .asString())
                    .isEqualTo("role");
            assertThat(ids(api.get(tokensOf(team), leadToken))).isEmpty();
        }

        @Test
        void aGroupAdminTokenReadsItsGroupButNothingBeyondIt() {
            String value = groupToken(leadToken, team, "group-admin")
                    .path("token_value")
                    .asString();

            Response group = api.get(SCIM_GROUPS + team.id().value(), value);
            assertThat(group.status()).as(group.toString()).isEqualTo(200);
            assertThat(group.json().path("displayName").asString()).isEqualTo(team.displayName());
            assertThat(api.get(tokensOf(team), value).status()).isEqualTo(200);
            for (Response refused : List.of(
                    api.get(TOKENS, value),
                    api.get(SCIM_GROUPS + other.id().value(), value),
                    api.get(tokensOf(other), value),
                    api.get(ORG, value))) {
                assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
                assertThat(refused.reason()).isEqualTo("ROLE_LACKS_PERMISSION");
            }
        }

        @Test
        void tokenManagementOnAGroupIsNotEnoughToHandOutAGroupRoleOneDoesNotHold() {
            // no scim:read anywhere: only its own tokens, and token management on the team
            Principal keeper = testData.user("keeper");
            testData.assign(
                    testData.customRole(TestData.unique("own-tokens"), Permission.TOKENS_READ, Permission.TOKENS_WRITE),
                    keeper,
                    (Group) null);
            testData.assign(
                    testData.customRole(
                            TestData.unique("group-token-keeper"),
                            Permission.TOKEN_MANAGEMENT_READ,
                            Permission.TOKEN_MANAGEMENT_WRITE),
                    keeper,
                    team);
            String token = testData.token(keeper);
            assertThat(api.get(tokensOf(team), token).status()).isEqualTo(200);

            Response member = api.post(tokensOf(team), token, "{\"role\":\"group-member\"}");
            Response groupAdmin = api.post(tokensOf(team), token, "{\"role\":\"group-admin\"}");

            assertThat(member.status()).as(member.toString()).isEqualTo(403);
            assertThat(member.errorCode()).isEqualTo("PERMISSION_DENIED");
            assertThat(member.json().path("message").asString())
                    .contains("group-member", "scim:read", keeper.userName());
            assertThat(groupAdmin.status()).as(groupAdmin.toString()).isEqualTo(403);
            assertThat(groupAdmin.json().path("message").asString())
                    .contains("group-admin", "scim:read", "scim:write")
                    .doesNotContain("token-management:write");
            assertThat(ids(api.get(tokensOf(team), ADMIN_TOKEN))).isEmpty();
        }

        @Test
        void aUserWithoutARoleOnTheGroupIsRefused() {
            String user = testData.token(testData.user("outsider", BuiltInRole.USER));

            for (Response refused : List.of(
                    api.get(tokensOf(team), user), api.post(tokensOf(team), user, "{\"role\":\"group-member\"}"))) {
                assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
                assertThat(refused.reason()).isEqualTo("ROLE_LACKS_PERMISSION");
            }
        }

        @Test
        void groupTokensAreNotOrganisationTokens() {
            String id = groupToken(leadToken, team, "group-member")
                    .path("token_info")
                    .path("token_id")
                    .asString();

            assertThat(ids(api.get(ORG, ADMIN_TOKEN))).doesNotContain(id);
            assertThat(ids(api.get(TOKENS + "?kind=GROUP", ADMIN_TOKEN))).contains(id);
        }

        @Test
        void deletingTheGroupDeletesItsGroupTokensAndTheirTechnicalUsers() {
            JsonNode member = groupToken(leadToken, team, "group-member");
            JsonNode groupAdmin = groupToken(ADMIN_TOKEN, team, "group-admin");
            JsonNode elsewhere = groupToken(ADMIN_TOKEN, other, "group-member");

            Response deleted = api.send("DELETE", SCIM_GROUPS + team.id().value(), ADMIN_TOKEN, null, null);

            assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
            for (JsonNode gone : List.of(member, groupAdmin)) {
                Response refused = api.get(
                        SCIM_GROUPS + other.id().value(),
                        gone.path("token_value").asString());
                assertThat(refused.status()).isEqualTo(401);
                assertThat(refused.reason()).isEqualTo("TOKEN_UNKNOWN");
                assertThat(principals.findById(
                                main,
                                new PrincipalId(gone.path("token_info")
                                        .path("technical_user")
                                        .path("id")
                                        .asLong())))
                        .isEmpty();
                assertThat(api.get(
                                        TOKENS + "/"
                                                + gone.path("token_info")
                                                        .path("token_id")
                                                        .asString(),
                                        ADMIN_TOKEN)
                                .status())
                        .isEqualTo(404);
            }
            assertThat(api.get(
                                    SCIM_GROUPS + other.id().value(),
                                    elsewhere.path("token_value").asString())
                            .status())
                    .isEqualTo(200);
            assertThat(api.get(tokensOf(team), ADMIN_TOKEN).status()).isEqualTo(404);
        }

        private JsonNode groupToken(String caller, Group group, String role) {
            Response created = api.post(
                    tokensOf(group), caller, json("{'comment':'%s','role':'%s'}", TestData.unique("bot"), role));
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            return created.json();
        }
    }

    @Test
    void theOpenApiDescriptionNamesEachPermissionAndTheTokenInfoFields() {
        JsonNode docs = api.get("/v3/api-docs", null).json();

        JsonNode paths = docs.path("paths");
        assertThat(paths.path(ORG).path("post").path("x-required-permission").asString())
                .isEqualTo("token-management:write");
        assertThat(paths.path(ORG).path("get").path("x-required-permission").asString())
                .isEqualTo("token-management:read");
        assertThat(paths.path("/api/2.0/groups/{group_id}/tokens/{token_id}")
                        .path("delete")
                        .path("x-required-permission")
                        .asString())
                .isEqualTo("token-management:write");
        assertThat(docs.path("components")
                        .path("schemas")
                        .path("TechnicalTokenInfo")
                        .path("properties")
                        .propertyNames())
                .contains("token_id", "status", "kind", "owner_id", "technical_user", "role", "group_id");
    }

    static String tokensOf(Group group) {
        return "/api/2.0/groups/" + group.id().value() + "/tokens";
    }

    JsonNode create(String comment, String role) {
        Response created = api.post(ORG, ADMIN_TOKEN, json("{'comment':'%s','role':'%s'}", comment, role));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json();
    }

    long roleId(String name) {
        Response roles = api.get("/api/2.0/roles", ADMIN_TOKEN);
        assertThat(roles.status()).as(roles.toString()).isEqualTo(200);
        return StreamSupport.stream(roles.json().path("roles").spliterator(), false)
                .filter(role -> name.equals(role.path("name").asString()))
                .findFirst()
                .orElseThrow()
                .path("id")
                .asLong();
    }

    List<AuditAction> actionsFor(String type, String id) {
        return audit.history(main, type, id, 100).stream()
                .map(AuditEvent::action)
                .toList();
    }

    static List<String> ids(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return StreamSupport.stream(response.json().path("token_infos").spliterator(), false)
                .map(info -> info.path("token_id").asString())
                .toList();
    }

    static JsonNode infoIn(Response list, String tokenId) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return StreamSupport.stream(list.json().path("token_infos").spliterator(), false)
                .filter(info -> tokenId.equals(info.path("token_id").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("token " + tokenId + " is not in " + list));
    }
}
