package dev.warden.web.scim;

import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ListUsersRequest;
import com.databricks.sdk.service.iam.PartialUpdate;
import com.databricks.sdk.service.iam.Patch;
import com.databricks.sdk.service.iam.PatchOp;
import com.databricks.sdk.service.iam.PatchSchema;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.User;
import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.role.BuiltInRole;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Entitlements through the official Databricks SDK: set on create, read back, patched (add, remove by value filter,
 * replace), kept by a PUT that leaves them out, on users, service principals and groups; audited; and the 400s for
 * what is not an entitlement, over HTTP.
 */
@WardenSpringBootTest
class ScimEntitlementsIT {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AuditLog audit;

    private WorkspaceClient admin;

    @BeforeEach
    void setUp() {
        admin = client(ADMIN_TOKEN);
    }

    private WorkspaceClient client(String token) {
        return new WorkspaceClient(new DatabricksConfig()
                .setHost("http://127.0.0.1:" + port)
                .setToken(token)
                .setAuthType("pat"));
    }

    private static List<ComplexValue> values(String... values) {
        return java.util.Arrays.stream(values)
                .map(value -> new ComplexValue().setValue(value))
                .toList();
    }

    private static List<String> of(Collection<ComplexValue> entitlements) {
        return entitlements == null
                ? List.of()
                : entitlements.stream().map(ComplexValue::getValue).toList();
    }

    private static PartialUpdate patch(String id, PatchOp op, String path, Object value) {
        return new PartialUpdate()
                .setId(id)
                .setSchemas(List.of(PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP))
                .setOperations(List.of(new Patch().setOp(op).setPath(path).setValue(value)));
    }

    @Test
    void aUsersEntitlementsRoundTrip() {
        User plain = admin.users().create(new User().setUserName("ent-" + UUID.randomUUID()));
        User chosen = admin.users()
                .create(new User()
                        .setUserName("ent-" + UUID.randomUUID())
                        .setEntitlements(values("allow-cluster-create", "databricks-sql-access")));

        assertThat(of(plain.getEntitlements())).containsExactly("workspace-access");
        assertThat(of(admin.users().get(chosen.getId()).getEntitlements()))
                .containsExactly("databricks-sql-access", "allow-cluster-create");

        admin.users()
                .patch(patch(
                        plain.getId(), PatchOp.ADD, "entitlements", List.of(Map.of("value", "allow-cluster-create"))));
        assertThat(of(admin.users().get(plain.getId()).getEntitlements()))
                .containsExactly("workspace-access", "allow-cluster-create");

        admin.users().patch(patch(plain.getId(), PatchOp.REMOVE, "entitlements[value eq \"workspace-access\"]", null));
        assertThat(of(admin.users().get(plain.getId()).getEntitlements())).containsExactly("allow-cluster-create");

        // a PUT that never mentions entitlements keeps them; one that names them replaces them
        admin.users()
                .update(new User()
                        .setId(plain.getId())
                        .setUserName(plain.getUserName())
                        .setDisplayName("Put"));
        assertThat(of(admin.users().get(plain.getId()).getEntitlements())).containsExactly("allow-cluster-create");
        admin.users().update(admin.users().get(plain.getId()).setEntitlements(values("workspace-access")));
        assertThat(of(admin.users().get(plain.getId()).getEntitlements())).containsExactly("workspace-access");

        // also in lists, and attributes can leave them out
        List<User> listed = StreamSupport.stream(
                        admin.users()
                                .list(new ListUsersRequest().setFilter("id eq \"" + chosen.getId() + "\""))
                                .spliterator(),
                        false)
                .toList();
        assertThat(of(listed.get(0).getEntitlements()))
                .containsExactly("databricks-sql-access", "allow-cluster-create");
        assertThat(StreamSupport.stream(
                                admin.users()
                                        .list(new ListUsersRequest()
                                                .setFilter("id eq \"" + chosen.getId() + "\"")
                                                .setExcludedAttributes("entitlements"))
                                        .spliterator(),
                                false)
                        .toList()
                        .get(0)
                        .getEntitlements())
                .isNull();

        List<AuditEvent> changes = audit.history(TestData.of(context).main().id(), "user", plain.getId(), 20).stream()
                .filter(event -> event.action() == AuditAction.ENTITLEMENTS_CHANGED)
                .toList();
        assertThat(changes)
                .as("add, remove, replace; the PUT without entitlements changed none")
                .hasSize(3);
    }

    @Test
    void aServicePrincipalsEntitlementsRoundTrip() {
        ServicePrincipal bot = admin.servicePrincipals()
                .create(new ServicePrincipal()
                        .setDisplayName("ent bot")
                        .setEntitlements(values("databricks-sql-access")));

        assertThat(of(admin.servicePrincipals().get(bot.getId()).getEntitlements()))
                .containsExactly("databricks-sql-access");
        admin.servicePrincipals()
                .patch(patch(
                        bot.getId(), PatchOp.REPLACE, "entitlements", List.of(Map.of("value", "workspace-access"))));
        assertThat(of(admin.servicePrincipals().get(bot.getId()).getEntitlements()))
                .containsExactly("workspace-access");
        admin.servicePrincipals().patch(patch(bot.getId(), PatchOp.REMOVE, "entitlements", null));
        assertThat(admin.servicePrincipals().get(bot.getId()).getEntitlements()).isNull();
    }

    @Test
    void aGroupsEntitlementsRoundTrip() {
        Group group = admin.groups()
                .create(new Group()
                        .setDisplayName("ent-" + UUID.randomUUID())
                        .setEntitlements(values("workspace-access")));

        assertThat(of(admin.groups().get(group.getId()).getEntitlements())).containsExactly("workspace-access");
        admin.groups()
                .patch(patch(
                        group.getId(),
                        PatchOp.ADD,
                        null,
                        Map.of("entitlements", List.of(Map.of("value", "allow-instance-pool-create")))));
        assertThat(of(admin.groups().get(group.getId()).getEntitlements()))
                .containsExactly("workspace-access", "allow-instance-pool-create");
        admin.groups().update(admin.groups().get(group.getId()).setEntitlements(values()));
        assertThat(admin.groups().get(group.getId()).getEntitlements()).isNull();
    }

    @Test
    void anUnknownEntitlementIsInvalidParameterValueAndChangesNothing() {
        User user = admin.users().create(new User().setUserName("ent-" + UUID.randomUUID()));

        assertThatThrownBy(() -> admin.users()
                        .patch(patch(user.getId(), PatchOp.ADD, "entitlements", List.of(Map.of("value", "root")))))
                .isInstanceOf(InvalidParameterValue.class)
                .hasMessageContaining("'root'")
                .hasMessageContaining("workspace-access");
        assertThat(of(admin.users().get(user.getId()).getEntitlements())).containsExactly("workspace-access");
    }

    @Test
    void aUserWithoutScimWriteCannotChangeEntitlements() {
        TestData testData = TestData.of(context);
        String token = testData.token(testData.user("ent-reader", BuiltInRole.USER));
        User user = admin.users().create(new User().setUserName("ent-" + UUID.randomUUID()));

        assertThatThrownBy(() -> client(token).users().patch(patch(user.getId(), PatchOp.REMOVE, "entitlements", null)))
                .isInstanceOf(PermissionDenied.class);
        assertThat(of(admin.users().get(user.getId()).getEntitlements())).containsExactly("workspace-access");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "POST /Users | {'userName':'ent-x-%s','entitlements':[{'value':'root'}]} | entitlements",
                "POST /Users | {'userName':'ent-x-%s','entitlements':[{'display':'no value'}]} | entitlements[0].value",
                "POST /Groups | {'displayName':'ent-x-%s','entitlements':[{'value':''}]} | entitlements",
                "POST /ServicePrincipals | {'displayName':'ent-x-%s','entitlements':[{'value':'workspace-access'},"
                        + "{'value':'allow-everything'}]} | entitlements",
            })
    void aBadEntitlementIs400NamingTheFieldAndCreatesNothing(String call, String body, String field) {
        String unique = UUID.randomUUID().toString();
        String path = call.substring(call.indexOf(' ') + 1);

        Response refused = new ApiClient(port).post(ScimApi.BASE + path, ADMIN_TOKEN, ApiClient.json(body, unique));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(refused.json()
                        .path("details")
                        .get(0)
                        .path("metadata")
                        .path("field")
                        .asString())
                .isEqualTo(field);
        Response listed = new ApiClient(port)
                .get(
                        ScimApi.BASE + path + "?filter=" + (path.equals("/Users") ? "userName" : "displayName")
                                + "+ew+%22" + unique + "%22",
                        ADMIN_TOKEN);
        assertThat(listed.json().path("totalResults").asLong()).isZero();
    }
}
