package dev.warden.web.token;

import static dev.warden.web.support.ApiClient.json;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.group.Group;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Decision chain steps 7 and 8 over real HTTP: role before scope, effective access recomputed on every request,
 * the RFC 6750 challenge on a missing scope, no escalation through the scopes of a new token, and narrowing.
 */
@WardenSpringBootTest
class ScopeEnforcementIT {
    static final String CREATE = "/api/2.0/token/create";
    static final String OWN_LIST = "/api/2.0/token/list";
    static final String OWN = "/api/2.0/token/";
    static final String ME = "/api/2.0/preview/scim/v2/Me";
    static final String TOKENS = "/api/2.0/token-management/tokens";
    static final String OBO = "/api/2.0/token-management/on-behalf-of/tokens";
    static final String ORG = "/api/2.0/token-management/organisation-tokens";
    static final String ROLES = "/api/2.0/roles";
    static final String ASSIGNMENTS = "/api/2.0/role-assignments";

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

    ApiClient api;
    TestData testData;
    WorkspaceId main;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        testData = TestData.of(context);
        main = testData.main().id();
    }

    @Nested
    class ScopeMissing {
        @Test
        void aScimReadTokenCallingATokensWriteEndpointGetsTheChallengeAndBothScopeListsAndNothingIsCreated() {
            Principal sp = servicePrincipal();
            String value = obo(sp, "scim:read");

            Response refused = api.post(CREATE, value, "{\"comment\":\"more\"}");

            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("PERMISSION_DENIED");
            assertThat(refused.reason()).isEqualTo("SCOPE_MISSING");
            assertThat(refused.header("WWW-Authenticate"))
                    .isEqualTo("Bearer error=\"insufficient_scope\","
                            + " scope=\"tokens:write\", error_description=\"The token's scopes (scim:read) do not cover"
                            + " tokens:write.\"");
            JsonNode metadata = metadata(refused);
            assertThat(metadata.path("required_scope").asString()).isEqualTo("tokens:write");
            assertThat(metadata.path("token_scopes").asString()).isEqualTo("scim:read");
            assertThat(metadata.path("required").asString()).isEqualTo("tokens:write");
            assertThat(metadata.path("owner").asString()).isEqualTo(sp.name());
            assertThat(metadata.path("owner_id").asString())
                    .isEqualTo(String.valueOf(sp.id().value()));
            assertThat(refused.json().path("message").asString())
                    .contains("'tokens:write'")
                    .contains("holds only scim:read")
                    .contains("create a token with 'tokens:write'");
            assertThat(infos(api.get(TOKENS + "?owner_id=" + sp.id().value(), ADMIN_TOKEN)))
                    .hasSize(1);

            Response me = api.get(ME, value);
            assertThat(me.status()).as(me.toString()).isEqualTo(200);
            assertThat(me.header("WWW-Authenticate")).isNull();
        }

        @Test
        void everyScopeOfTheTokenIsListedInMetadataAndInTheChallenge() {
            String value = obo(servicePrincipal(), "tokens:read", "scim:read");

            Response refused = api.post(CREATE, value, "{}");

            assertThat(refused.reason()).isEqualTo("SCOPE_MISSING");
            assertThat(List.of(metadata(refused).path("token_scopes").asString().split(" ")))
                    .containsExactlyInAnyOrder("tokens:read", "scim:read");
            assertThat(refused.header("WWW-Authenticate"))
                    .startsWith(
                            "Bearer error=\"insufficient_scope\"," + " scope=\"tokens:write\", error_description=\"")
                    .contains("tokens:read")
                    .contains("scim:read");
            assertThat(api.get(OWN_LIST, value).status()).isEqualTo(200);
        }
    }

    @Nested
    class RoleBeforeScope {
        @Test
        void downgradingTheOwnerRestrictsTheTokenAtOnceAndUpgradingNeverWidensItBeyondItsScopes() {
            Principal user = testData.user("reader", BuiltInRole.USER);
            long customRole = api.post(
                            ROLES,
                            ADMIN_TOKEN,
                            json("{'name':'%s','permissions':['token-management:read']}", TestData.unique("tm-reader")))
                    .json()
                    .path("id")
                    .asLong();
            long assignment = assign(customRole, user);
            Response created = api.post(CREATE, testData.token(user), "{\"scopes\":[\"token-management:read\"]}");
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            String value = created.json().path("token_value").asString();
            assertThat(api.get(TOKENS, value).status()).isEqualTo(200);

            Response removed = api.send("DELETE", ASSIGNMENTS + "/" + assignment, ADMIN_TOKEN, null, null);
            assertThat(removed.status()).as(removed.toString()).isEqualTo(200);

            Response refused = api.get(TOKENS, value);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("PERMISSION_DENIED");
            assertThat(refused.reason()).isEqualTo("ROLE_LACKS_PERMISSION");
            assertThat(refused.header("WWW-Authenticate")).isNull();
            JsonNode metadata = metadata(refused);
            assertThat(metadata.path("required").asString()).isEqualTo("token-management:read");
            assertThat(metadata.path("owner").asString()).isEqualTo(user.name());
            assertThat(metadata.path("owner_id").asString())
                    .isEqualTo(String.valueOf(user.id().value()));
            assertThat(metadata.path("roles").asString()).isEqualTo("user");
            assertThat(refused.json().path("message").asString())
                    .contains("'token-management:read'")
                    .contains(user.name())
                    .contains("Roles held: user");

            // neither the role nor the scope grants token-management:write: the role is named, as it is checked first
            Response both = api.post(TOKENS + "/any-token/revoke", value, "{}");
            assertThat(both.reason()).isEqualTo("ROLE_LACKS_PERMISSION");
            assertThat(metadata(both).path("required").asString()).isEqualTo("token-management:write");

            assign(roleId(BuiltInRole.WORKSPACE_ADMIN), user);

            assertThat(api.get(TOKENS, value).status()).isEqualTo(200);
            for (Response beyond : List.of(
                    api.post(CREATE, value, "{}"),
                    api.get(ROLES, value),
                    api.post(TOKENS + "/any-token/revoke", value, "{}"))) {
                assertThat(beyond.status()).as(beyond.toString()).isEqualTo(403);
                assertThat(beyond.reason()).isEqualTo("SCOPE_MISSING");
                assertThat(metadata(beyond).path("token_scopes").asString()).isEqualTo("token-management:read");
            }
        }
    }

    @Nested
    class NoEscalation {
        @Test
        void aPersonalTokenWithAScopeTheOwnerLacksIsRefusedNamingItAndNothingIsCreated() {
            Principal user = testData.user("climber", BuiltInRole.USER);
            String own = testData.token(user);
            List<String> before = ids(api.get(OWN_LIST, own));

            Response refused =
                    api.post(CREATE, own, "{\"scopes\":[\"tokens:read\",\"token-management:write\",\"roles:write\"]}");

            assertInvalidScopes(refused, "token-management:write", "roles:write");
            assertThat(refused.json().path("message").asString()).contains(user.name());
            assertThat(ids(api.get(OWN_LIST, own))).isEqualTo(before);
        }

        @Test
        void anOnBehalfOfTokenWithAScopeTheServicePrincipalLacksIsRefusedNamingItAndNothingIsCreated() {
            Principal sp = servicePrincipal();

            Response refused = api.post(
                    OBO,
                    ADMIN_TOKEN,
                    json("{'application_id':'%s','scopes':['scim:read'," + "'scim:write']}", sp.applicationId()));

            assertInvalidScopes(refused, "scim:write");
            assertThat(infos(api.get(TOKENS + "?owner_id=" + sp.id().value(), ADMIN_TOKEN)))
                    .isEmpty();
        }

        @Test
        void anOrganisationTokenWithAScopeItsRoleLacksIsRefusedNamingItAndNothingIsCreated() {
            List<String> before = ids(api.get(ORG, ADMIN_TOKEN));

            Response refused = api.post(
                    ORG,
                    ADMIN_TOKEN,
                    "{\"comment\":\"too wide\",\"role\":\"user\",\"scopes\":[\"token-management:write\"]}");

            assertInvalidScopes(refused, "token-management:write");
            assertThat(ids(api.get(ORG, ADMIN_TOKEN))).isEqualTo(before);
        }

        @Test
        void aGroupTokenWithAScopeItsRoleLacksIsRefusedNamingItAndNothingIsCreated() {
            Group group = testData.group(TestData.unique("scoped"));
            String groupTokens = "/api/2.0/groups/" + group.id().value() + "/tokens";

            Response refused = api.post(
                    groupTokens,
                    ADMIN_TOKEN,
                    "{\"comment\":\"too wide\",\"role\":\"group-member\",\"scopes\":[\"scim:read\",\"scim:write\"]}");

            assertInvalidScopes(refused, "scim:write");
            assertThat(infos(api.get(groupTokens, ADMIN_TOKEN))).isEmpty();
        }

        @Test
        void aTokenWithEveryScopeItsOwnerHoldsIsAccepted() {
            Principal user = testData.user("all-of-it", BuiltInRole.USER);
            Response created = api.post(
                    CREATE,
                    testData.token(user),
                    "{\"scopes\":[\"tokens:read\",\"tokens:write\",\"scim:read\",\"roles:read\"]}");
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            assertThat(scopes(created.json().path("token_info")))
                    .containsExactlyInAnyOrder("tokens:read", "tokens:write", "scim:read", "roles:read");

            Principal admin = testData.user("every-scope", BuiltInRole.WORKSPACE_ADMIN);
            String[] every = Permission.warden().stream().map(Permission::key).toArray(String[]::new);
            Response all = api.post(
                    CREATE,
                    testData.token(admin),
                    "{\"scopes\":["
                            + Arrays.stream(every).map(key -> "\"" + key + "\"").collect(Collectors.joining(","))
                            + "]}");
            assertThat(all.status()).as(all.toString()).isEqualTo(200);
            assertThat(scopes(all.json().path("token_info"))).containsExactlyInAnyOrder(every);
            assertThat(api.get(TOKENS, all.json().path("token_value").asString())
                            .status())
                    .isEqualTo(200);
        }
    }

    @Nested
    class OwnNarrowing {
        @Test
        void narrowsTheCallersOwnTokenAndTheDroppedScopeIsThenMissing() {
            Principal user = testData.user("narrower", BuiltInRole.USER);
            String own = testData.token(user);
            Response created = api.post(CREATE, own, "{\"scopes\":[\"tokens:read\",\"tokens:write\",\"scim:read\"]}");
            String value = created.json().path("token_value").asString();
            String id = created.json().path("token_info").path("token_id").asString();

            Response narrowed = patch(OWN + id, own, "{\"scopes\":[\"tokens:read\",\"scim:read\"]}");

            assertThat(narrowed.status()).as(narrowed.toString()).isEqualTo(200);
            JsonNode info = narrowed.json().path("token_info");
            assertThat(info.path("token_id").asString()).isEqualTo(id);
            assertThat(scopes(info)).containsExactlyInAnyOrder("tokens:read", "scim:read");
            assertThat(info).isEqualTo(item(api.get(OWN_LIST, own), id));

            Response refused = api.post(CREATE, value, "{}");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.reason()).isEqualTo("SCOPE_MISSING");
            assertThat(metadata(refused).path("required_scope").asString()).isEqualTo("tokens:write");
            assertThat(List.of(metadata(refused).path("token_scopes").asString().split(" ")))
                    .containsExactlyInAnyOrder("tokens:read", "scim:read");
            assertThat(api.get(OWN_LIST, value).status()).isEqualTo(200);
        }

        @Test
        void neverWidensAndRefusesAnEmptyOrUnknownScopeListNamingScopes() {
            Principal user = testData.user("widener", BuiltInRole.USER);
            String own = testData.token(user);
            Response created = api.post(CREATE, own, "{\"scopes\":[\"tokens:read\"]}");
            String id = created.json().path("token_info").path("token_id").asString();

            Response wider = patch(OWN + id, own, "{\"scopes\":[\"tokens:read\",\"tokens:write\"]}");
            assertInvalidScopes(wider, "tokens:write");
            assertInvalidScopes(patch(OWN + id, own, "{\"scopes\":[]}"));
            assertInvalidScopes(patch(OWN + id, own, "{}"));
            assertInvalidScopes(patch(OWN + id, own, "{\"scopes\":[\"tokens:everything\"]}"), "tokens:everything");
            assertThat(scopes(item(api.get(OWN_LIST, own), id))).containsExactly("tokens:read");
        }

        @Test
        void anAllApisTokenNarrowsToAnyScopeItCovers() {
            Principal user = testData.user("all-apis", BuiltInRole.USER);
            String own = testData.token(user);
            String id = ids(api.get(OWN_LIST, own)).get(0);

            Response narrowed = patch(OWN + id, own, "{\"scopes\":[\"tokens:read\"]}");

            assertThat(narrowed.status()).as(narrowed.toString()).isEqualTo(200);
            assertThat(scopes(narrowed.json().path("token_info"))).containsExactly("tokens:read");
            assertThat(api.post(CREATE, own, "{}").reason()).isEqualTo("SCOPE_MISSING");
        }

        @Test
        void someoneElsesTokenIsNotFoundAndStaysAsItWas() {
            Principal owner = testData.user("owner", BuiltInRole.USER);
            String ownersToken = testData.token(owner);
            String id = ids(api.get(OWN_LIST, ownersToken)).get(0);
            String stranger = testData.token(testData.user("stranger", BuiltInRole.USER));

            Response refused = patch(OWN + id, stranger, "{\"scopes\":[\"scim:read\"]}");

            assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
            assertThat(refused.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
            assertThat(scopes(item(api.get(OWN_LIST, ownersToken), id))).containsExactly("all-apis");
        }
    }

    @Nested
    class AdminNarrowing {
        @Test
        void anAdminNarrowsAnyTokenAndGetsItsTokenInfo() {
            Principal user = testData.user("narrowed", BuiltInRole.USER);
            String value = testData.token(user);
            // found without using the token, so no last use can land between the two reads compared below
            String id = ids(api.get(TOKENS + "?owner_id=" + user.id().value(), ADMIN_TOKEN))
                    .get(0);

            Response narrowed = patch(TOKENS + "/" + id, ADMIN_TOKEN, "{\"scopes\":[\"scim:read\",\"tokens:read\"]}");

            assertThat(narrowed.status()).as(narrowed.toString()).isEqualTo(200);
            assertThat(scopes(narrowed.json().path("token_info")))
                    .containsExactlyInAnyOrder("scim:read", "tokens:read");
            assertThat(narrowed.json())
                    .isEqualTo(api.get(TOKENS + "/" + id, ADMIN_TOKEN).json());
            assertThat(narrowed.json().path("token_info").path("owner_id").asLong())
                    .isEqualTo(user.id().value());

            Response refused = api.post(CREATE, value, "{}");
            assertThat(refused.reason()).isEqualTo("SCOPE_MISSING");
            assertThat(api.get(ME, value).status()).isEqualTo(200);

            assertInvalidScopes(
                    patch(TOKENS + "/" + id, ADMIN_TOKEN, "{\"scopes\":[\"tokens:write\"]}"), "tokens:write");
            assertInvalidScopes(patch(TOKENS + "/" + id, ADMIN_TOKEN, "{\"scopes\":[]}"));
            assertThat(scopes(api.get(TOKENS + "/" + id, ADMIN_TOKEN).json().path("token_info")))
                    .containsExactlyInAnyOrder("scim:read", "tokens:read");
        }

        @Test
        void anUnknownTokenIsNotFound() {
            Response refused = patch(TOKENS + "/" + UUID.randomUUID(), ADMIN_TOKEN, "{\"scopes\":[\"scim:read\"]}");

            assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
            assertThat(refused.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        }

        @Test
        void needsTokenManagementWrite() {
            Principal user = testData.user("plain", BuiltInRole.USER);
            String value = testData.token(user);
            String id = ids(api.get(OWN_LIST, value)).get(0);

            Response refused = patch(TOKENS + "/" + id, value, "{\"scopes\":[\"scim:read\"]}");

            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.reason()).isEqualTo("ROLE_LACKS_PERMISSION");
            assertThat(metadata(refused).path("required").asString()).isEqualTo("token-management:write");
            assertThat(scopes(item(api.get(OWN_LIST, value), id))).containsExactly("all-apis");
        }
    }

    Principal servicePrincipal() {
        Principal sp = principals.save(
                Principal.newServicePrincipal(main, UUID.randomUUID().toString(), "robot"));
        assignments.add(RoleAssignment.toPrincipal(
                main,
                roles.findByName(main, BuiltInRole.USER.roleName())
                        .orElseThrow()
                        .id(),
                sp.id(),
                null));
        testData.grantTokenUsage(sp);
        return sp;
    }

    /** A token of the service principal with these scopes, made by the admin on its behalf; returns the secret. */
    String obo(Principal sp, String... scopes) {
        Response created = api.post(
                OBO,
                ADMIN_TOKEN,
                json(
                        "{'application_id':'%s','scopes':[%s]}",
                        sp.applicationId(),
                        Arrays.stream(scopes).map(scope -> "\"" + scope + "\"").collect(Collectors.joining(","))));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().path("token_value").asString();
    }

    long assign(long roleId, Principal principal) {
        Response assigned = api.post(
                ASSIGNMENTS,
                ADMIN_TOKEN,
                json("{'role_id':%d,'principal_id':%d}", roleId, principal.id().value()));
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        return assigned.json().path("id").asLong();
    }

    long roleId(BuiltInRole role) {
        return StreamSupport.stream(
                        api.get(ROLES, ADMIN_TOKEN).json().path("roles").spliterator(), false)
                .filter(r -> role.roleName().equals(r.path("name").asString()))
                .findFirst()
                .orElseThrow()
                .path("id")
                .asLong();
    }

    Response patch(String path, String token, String body) {
        return api.send("PATCH", path, token, "application/json", body);
    }

    static void assertInvalidScopes(Response refused, String... named) {
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(metadata(refused).path("field").asString()).isEqualTo("scopes");
        for (String scope : named) {
            assertThat(refused.json().path("message").asString()).contains(scope);
        }
    }

    static JsonNode metadata(Response response) {
        return response.json().path("details").path(0).path("metadata");
    }

    static List<JsonNode> infos(Response list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return StreamSupport.stream(list.json().path("token_infos").spliterator(), false)
                .toList();
    }

    static List<String> ids(Response list) {
        return infos(list).stream()
                .map(info -> info.path("token_id").asString())
                .toList();
    }

    static JsonNode item(Response list, String id) {
        return infos(list).stream()
                .filter(info -> id.equals(info.path("token_id").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("token " + id + " is not in " + list));
    }

    static List<String> scopes(JsonNode info) {
        return StreamSupport.stream(info.path("scopes").spliterator(), false)
                .map(JsonNode::asString)
                .toList();
    }
}
