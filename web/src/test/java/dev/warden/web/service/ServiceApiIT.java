package dev.warden.web.service;

import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.service.RegisteredService;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.DatabaseSnapshot;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Registered services over real HTTP: their CRUD, their scopes in the catalogue, roles and tokens. */
@WardenSpringBootTest
class ServiceApiIT {
    private static final String SERVICES = "/api/2.0/services";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    DataSource dataSource;

    ApiClient api;
    TestData testData;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        testData = TestData.of(context);
    }

    @AfterEach
    void removeTheServicesMadeHere() {
        testData.removeServices();
    }

    private String newName() {
        return "svc-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private Response register(String name, String applicationId) {
        return api.post(
                SERVICES,
                ADMIN_TOKEN,
                ApiClient.json(
                        "{'name':'%s','display_name':'Team wiki','service_principal_application_id':'%s',"
                                + "'scopes':[{'scope':'%s:read','description':'Read pages'},"
                                + "{'scope':'%s:write','description':'Edit pages'}]}",
                        name, applicationId, name, name));
    }

    @Nested
    class Crud {
        @Test
        void registerListGetChangeAndRemove() {
            String name = newName();
            Principal robot = testData.servicePrincipal(name + " robot");

            Response created = register(name, robot.applicationId());
            String id = created.json().path("id").asString();
            Response listed = api.get(SERVICES, ADMIN_TOKEN);
            Response got = api.get(SERVICES + "/" + id, ADMIN_TOKEN);
            Response changed = api.send(
                    "PATCH",
                    SERVICES + "/" + id,
                    ADMIN_TOKEN,
                    "application/json",
                    ApiClient.json(
                            "{'display_name':'Wiki','add_scopes':[{'scope':'%s:admin','description':'Administer'}],"
                                    + "'remove_scopes':['%s:write']}",
                            name, name));
            Response deleted = api.send("DELETE", SERVICES + "/" + id, ADMIN_TOKEN, null, null);
            Response gone = api.get(SERVICES + "/" + id, ADMIN_TOKEN);

            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(created.json().path("name").asString()).isEqualTo(name);
            assertThat(created.json().path("display_name").asString()).isEqualTo("Team wiki");
            assertThat(created.json().path("service_principal_application_id").asString())
                    .isEqualTo(robot.applicationId());
            assertThat(scopes(created.json())).containsExactly(name + ":read", name + ":write");
            assertThat(created.json().path("scopes").get(0).path("description").asString())
                    .isEqualTo("Read pages");
            assertThat(listed.json()
                            .path("services")
                            .valueStream()
                            .map(s -> s.path("name").asString()))
                    .contains(name);
            assertThat(got.json()).isEqualTo(created.json());
            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
            assertThat(changed.json().path("display_name").asString()).isEqualTo("Wiki");
            assertThat(scopes(changed.json())).containsExactly(name + ":admin", name + ":read");
            assertThat(deleted.status()).isEqualTo(200);
            assertThat(gone.status()).isEqualTo(404);
            assertThat(gone.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        }

        @Test
        void badInputIs400NamingTheFieldAndChangesNothing() {
            String name = newName();
            Principal robot = testData.servicePrincipal(name + " robot");
            JdbcClient jdbc = JdbcClient.create(dataSource);
            DatabaseSnapshot before = DatabaseSnapshot.take(jdbc);
            String app = robot.applicationId();
            List<String[]> cases = List.of(
                    new String[] {
                        "{'name':'Bad Name','service_principal_application_id':'" + app
                                + "','scopes':[{'scope':'x:read'}]}",
                        "name"
                    },
                    new String[] {
                        "{'name':'roles','service_principal_application_id':'" + app
                                + "','scopes':[{'scope':'roles:read'}]}",
                        "name"
                    },
                    new String[] {
                        "{'name':'" + name + "','service_principal_application_id':'" + app
                                + "','scopes':[{'scope':'other:read'}]}",
                        "scopes.scope"
                    },
                    new String[] {
                        "{'name':'" + name + "','service_principal_application_id':'" + app + "','scopes':[]}", "scopes"
                    },
                    new String[] {
                        "{'name':'" + name + "','service_principal_application_id':'nobody'," + "'scopes':[{'scope':'"
                                + name + ":read'}]}",
                        "service_principal_application_id"
                    },
                    new String[] {
                        "{'name':'" + name + "','service_principal_application_id':'" + app + "','scopes':[{'scope':'"
                                + name + ":read','description':'a\\u0000b'}]}",
                        "scopes.description"
                    },
                    new String[] {"{'name':12,'scopes':'x'}", null});

            for (String[] c : cases) {
                Response refused = api.post(SERVICES, ADMIN_TOKEN, ApiClient.json(c[0]));
                assertThat(refused.status()).as(c[0] + " → " + refused).isEqualTo(400);
                assertThat(refused.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
                if (c[1] != null) {
                    assertThat(refused.json()
                                    .path("details")
                                    .path(0)
                                    .path("metadata")
                                    .path("field")
                                    .asString())
                            .as(c[0])
                            .isEqualTo(c[1]);
                }
            }

            assertThat(before.differencesTo(DatabaseSnapshot.take(jdbc))).isEmpty();
        }

        @Test
        void onlyHoldersOfServicesPermissionsSeeOrChangeServices() {
            String name = newName();
            RegisteredService service = testData.service(name, name + ":read");
            String user = testData.token(testData.user("plain", BuiltInRole.USER));
            String auditor = testData.token(testData.user("auditor", BuiltInRole.AUDITOR));

            assertThat(api.get(SERVICES, user).status()).isEqualTo(403);
            assertThat(api.send("DELETE", SERVICES + "/" + service.id(), user, null, null)
                            .status())
                    .isEqualTo(403);
            assertThat(api.get(SERVICES + "/" + service.id(), auditor).status()).isEqualTo(200);
            assertThat(api.send("DELETE", SERVICES + "/" + service.id(), auditor, null, null)
                            .status())
                    .isEqualTo(403);
            assertThat(api.get(SERVICES + "/" + service.id(), ADMIN_TOKEN).status())
                    .isEqualTo(200);
        }

        @Test
        void itsServicePrincipalCannotBeDeletedWhileTheServiceIsRegistered() {
            String name = newName();
            RegisteredService service = testData.service(name, name + ":read");
            String principal = "/api/2.0/preview/scim/v2/ServicePrincipals/"
                    + service.servicePrincipal().value();

            Response refused = api.send("DELETE", principal, ADMIN_TOKEN, null, null);
            api.send("DELETE", SERVICES + "/" + service.id(), ADMIN_TOKEN, null, null);
            Response deleted = api.send("DELETE", principal, ADMIN_TOKEN, null, null);

            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.body()).contains("Remove the service first");
            assertThat(deleted.status()).isEqualTo(204);
        }

        @Test
        void anotherWorkspaceDoesNotSeeTheService() {
            String name = newName();
            RegisteredService service = testData.service(name, name + ":read");

            Response other = api.get(
                    SERVICES + "/" + service.id(), testData.otherWorkspace().adminToken());

            assertThat(other.status()).isEqualTo(404);
        }
    }

    @Nested
    class ScopesArePermissions {
        @Test
        void theCatalogueListsThemWithTheirService() {
            String name = newName();
            testData.service(name, name + ":read");

            JsonNode scopes = api.get("/api/2.0/scopes", ADMIN_TOKEN).json().path("scopes");

            JsonNode entry = scopes.valueStream()
                    .filter(s -> s.path("scope").asString().equals(name + ":read"))
                    .findFirst()
                    .orElseThrow();
            assertThat(entry.path("service").asString()).isEqualTo(name);
            assertThat(entry.path("resource").asString()).isEqualTo(name);
            assertThat(entry.path("endpoints").size()).isZero();
        }

        @Test
        void aCustomRoleGrantsOneAndItsHolderCreatesATokenWithIt() {
            String name = newName();
            testData.service(name, name + ":read", name + ":write");
            Response role = api.post(
                    "/api/2.0/roles",
                    ADMIN_TOKEN,
                    ApiClient.json(
                            "{'name':'%s-readers','permissions':['tokens:read','tokens:write','%s:read']}",
                            name, name));
            Principal reader = testData.user("reader");
            Role stored = testData.roleNamed(name + "-readers");
            testData.assign(stored, reader, null);
            String readerToken = testData.token(reader);

            Response created = api.post(
                    "/api/2.0/token/create",
                    readerToken,
                    ApiClient.json("{'comment':'wiki','scopes':['%s:read']}", name));
            Response beyond = api.post(
                    "/api/2.0/token/create",
                    readerToken,
                    ApiClient.json("{'comment':'wiki','scopes':['%s:write']}", name));

            assertThat(role.status()).as(role.toString()).isEqualTo(200);
            assertThat(strings(role.json().path("permissions"))).contains(name + ":read");
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            assertThat(strings(created.json().path("token_info").path("scopes")))
                    .containsExactly(name + ":read");
            assertThat(beyond.status()).isEqualTo(400);
            assertThat(beyond.json().path("message").asString()).contains(name + ":write");
        }

        @Test
        void removingAScopeTakesItFromTheRolesThatGrantedIt() {
            String name = newName();
            RegisteredService service = testData.service(name, name + ":read", name + ":write");
            Role role = testData.customRole(
                    name + "-writers",
                    Permission.ofService(name, name + ":read", ""),
                    Permission.ofService(name, name + ":write", ""));

            api.send(
                    "PATCH",
                    SERVICES + "/" + service.id(),
                    ADMIN_TOKEN,
                    "application/json",
                    ApiClient.json("{'remove_scopes':['%s:write']}", name));

            Response after = api.get("/api/2.0/roles/" + role.id(), ADMIN_TOKEN);
            assertThat(strings(after.json().path("permissions"))).containsExactly(name + ":read");
        }
    }

    private static List<String> scopes(JsonNode service) {
        List<String> keys = new ArrayList<>();
        service.path("scopes").forEach(s -> keys.add(s.path("scope").asString()));
        return keys;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }
}
