package dev.warden.web.scim;

import static dev.warden.web.scim.ScimApi.values;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** SCIM Me: the caller in the User shape, for a user's and for a service principal's token. */
@WardenSpringBootTest
class ScimMeIT {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    PrincipalRepository principals;

    ScimApi scim;
    TestData testData;

    @BeforeEach
    void setUp() {
        scim = new ScimApi(new ApiClient(port), ADMIN_TOKEN);
        testData = TestData.of(context);
    }

    @Test
    void theAdminSeesItselfWithItsRole() {
        Response me = scim.get("/Me");

        assertThat(me.status()).isEqualTo(200);
        JsonNode user = me.json();
        assertThat(user.path("userName").asString()).isEqualTo("admin");
        assertThat(user.path("id").asString()).matches("\\d+");
        assertThat(user.path("active").asBoolean()).isTrue();
        assertThat(values(user.path("roles"))).contains("workspace-admin");
        assertThat(user.path("schemas").toString()).contains("urn:ietf:params:scim:schemas:core:2.0:User");
        assertThat(scim.get("/Users/" + user.path("id").asString())
                        .json()
                        .path("userName")
                        .asString())
                .isEqualTo("admin");
    }

    @Test
    void aUserSeesItselfWithItsGroupsAndRolesInheritedFromThem() {
        String id = scim.createUser("me-user").path("id").asString();
        JsonNode group = scim.createGroup("me-group-" + UUID.randomUUID(), id);
        long auditor = roleId("auditor");
        new ApiClient(port)
                .post(
                        "/api/2.0/role-assignments",
                        ADMIN_TOKEN,
                        "{\"role_id\":" + auditor + ",\"group_id\":"
                                + group.path("id").asString() + "}");
        String token = testData.usableToken(principals
                .findById(testData.main().id(), new PrincipalId(Long.parseLong(id)))
                .orElseThrow());

        JsonNode me = scim.as(token).get("/Me").json();

        assertThat(me.path("id").asString()).isEqualTo(id);
        assertThat(values(me.path("groups"))).containsExactly(group.path("id").asString());
        assertThat(values(me.path("roles"))).containsExactlyInAnyOrder("user", "auditor");
        JsonNode inherited = me.path("roles").values().stream()
                .filter(role -> role.path("value").asString().equals("auditor"))
                .findFirst()
                .orElseThrow();
        assertThat(inherited.path("type").asString()).isEqualTo("inherited");
        assertThat(inherited.path("display").asString())
                .contains(group.path("displayName").asString());
    }

    @Test
    void aServicePrincipalsTokenGetsItsRecordInTheUserShape() {
        JsonNode servicePrincipal = scim.createServicePrincipal("me bot");
        String token = testData.usableToken(principals
                .findById(
                        testData.main().id(),
                        new PrincipalId(servicePrincipal.path("id").asLong()))
                .orElseThrow());

        Response me = scim.as(token).get("/Me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("id").asString())
                .isEqualTo(servicePrincipal.path("id").asString());
        assertThat(me.json().path("userName").asString())
                .isEqualTo(servicePrincipal.path("applicationId").asString());
        assertThat(me.json().path("displayName").asString()).isEqualTo("me bot");
        assertThat(me.json().path("schemas").toString()).contains("urn:ietf:params:scim:schemas:core:2.0:User");
    }

    @Test
    void withoutATokenIs401() {
        Response response = scim.as(null).get("/Me");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errorCode()).isEqualTo("UNAUTHENTICATED");
    }

    private long roleId(String name) {
        JsonNode roles =
                new ApiClient(port).get("/api/2.0/roles", ADMIN_TOKEN).json().path("roles");
        for (JsonNode role : roles) {
            if (role.path("name").asString().equals(name)) {
                return role.path("id").asLong();
            }
        }
        throw new AssertionError("no role " + name);
    }
}
