package dev.warden.web.scim;

import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ListGroupsRequest;
import com.databricks.sdk.service.iam.ListServicePrincipalsRequest;
import com.databricks.sdk.service.iam.ListSortOrder;
import com.databricks.sdk.service.iam.ListUsersRequest;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.Name;
import com.databricks.sdk.service.iam.PartialUpdate;
import com.databricks.sdk.service.iam.Patch;
import com.databricks.sdk.service.iam.PatchOp;
import com.databricks.sdk.service.iam.PatchSchema;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.User;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.TokenService;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The official Databricks SDK for Java, unchanged, driving Warden's SCIM directory: users, groups, service
 * principals and {@code currentUser().me()}, for the admin and for a service principal's token.
 */
@WardenSpringBootTest
class DatabricksSdkDirectoryIT {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    TokenService tokens;

    @Autowired
    PrincipalRepository principals;

    @Autowired
    WorkspaceRepository workspaces;

    private WorkspaceClient client(String token) {
        return new WorkspaceClient(new DatabricksConfig()
                .setHost("http://127.0.0.1:" + port)
                .setToken(token)
                .setAuthType("pat"));
    }

    @Test
    void drivesUsers() {
        WorkspaceClient admin = client(ADMIN_TOKEN);
        String userName = "sdk-" + UUID.randomUUID() + "@example.com";

        User created = admin.users()
                .create(new User()
                        .setUserName(userName)
                        .setDisplayName("SDK User")
                        .setName(new Name().setGivenName("Sdk").setFamilyName("User"))
                        .setEmails(List.of(new ComplexValue().setValue(userName).setPrimary(true))));

        assertThat(created.getId()).matches("\\d+");
        assertThat(created.getActive()).isTrue();
        User got = admin.users().get(created.getId());
        assertThat(got.getUserName()).isEqualTo(userName);
        assertThat(got.getName().getGivenName()).isEqualTo("Sdk");
        assertThat(got.getEmails()).extracting(ComplexValue::getValue).containsExactly(userName);
        assertThat(ids(
                        admin.users()
                                .list(new ListUsersRequest()
                                        .setFilter("userName eq \"" + userName + "\"")
                                        .setSortOrder(ListSortOrder.DESCENDING))
                                .iterator(),
                        User::getId))
                .containsExactly(created.getId());
        assertThat(ids(admin.users().list(new ListUsersRequest()).iterator(), User::getId))
                .contains(created.getId())
                .doesNotHaveDuplicates();

        admin.users()
                .patch(new PartialUpdate()
                        .setId(created.getId())
                        .setSchemas(List.of(PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP))
                        .setOperations(List.of(new Patch()
                                .setOp(PatchOp.REPLACE)
                                .setPath("displayName")
                                .setValue("Patched"))));
        assertThat(admin.users().get(created.getId()).getDisplayName()).isEqualTo("Patched");

        admin.users()
                .update(admin.users()
                        .get(created.getId())
                        .setDisplayName("Updated")
                        .setActive(false));
        User updated = admin.users().get(created.getId());
        assertThat(updated.getDisplayName()).isEqualTo("Updated");
        assertThat(updated.getActive()).isFalse();

        assertThatThrownBy(() -> admin.users().create(new User().setUserName(userName)))
                .isInstanceOf(ResourceAlreadyExists.class);
        assertThatThrownBy(() -> admin.users()
                        .list(new ListUsersRequest().setFilter("userName gt \"sdk\""))
                        .iterator()
                        .hasNext())
                .isInstanceOf(InvalidParameterValue.class)
                .hasMessageContaining("'gt'");

        admin.users().delete(created.getId());
        assertThatThrownBy(() -> admin.users().get(created.getId())).isInstanceOf(ResourceDoesNotExist.class);
    }

    @Test
    void drivesGroupsAndTheirMembers() {
        WorkspaceClient admin = client(ADMIN_TOKEN);
        User user = admin.users().create(new User().setUserName("sdk-member-" + UUID.randomUUID()));
        ServicePrincipal servicePrincipal =
                admin.servicePrincipals().create(new ServicePrincipal().setDisplayName("sdk member bot"));
        String displayName = "sdk-group-" + UUID.randomUUID();

        Group group = admin.groups()
                .create(new Group()
                        .setDisplayName(displayName)
                        .setMembers(List.of(new ComplexValue().setValue(user.getId()))));
        assertThat(group.getId()).matches("\\d+");
        assertThat(members(admin, group.getId())).containsExactly(user.getId());

        admin.groups()
                .patch(new PartialUpdate()
                        .setId(group.getId())
                        .setSchemas(List.of(PatchSchema.URN_IETF_PARAMS_SCIM_API_MESSAGES_2_0_PATCH_OP))
                        .setOperations(List.of(new Patch()
                                .setOp(PatchOp.ADD)
                                .setPath("members")
                                .setValue(List.of(Map.of("value", servicePrincipal.getId()))))));
        assertThat(members(admin, group.getId())).containsExactlyInAnyOrder(user.getId(), servicePrincipal.getId());
        assertThat(admin.users().get(user.getId()).getGroups())
                .extracting(ComplexValue::getValue)
                .containsExactly(group.getId());

        admin.groups()
                .patch(new PartialUpdate()
                        .setId(group.getId())
                        .setOperations(List.of(new Patch()
                                .setOp(PatchOp.REMOVE)
                                .setPath("members[value eq \"" + user.getId() + "\"]"))));
        assertThat(members(admin, group.getId())).containsExactly(servicePrincipal.getId());

        assertThat(ids(
                        admin.groups()
                                .list(new ListGroupsRequest().setFilter("displayName eq \"" + displayName + "\""))
                                .iterator(),
                        Group::getId))
                .containsExactly(group.getId());
        assertThat(ids(admin.groups().list(new ListGroupsRequest()).iterator(), Group::getId))
                .contains(group.getId())
                .doesNotHaveDuplicates();
        assertThatThrownBy(() -> admin.groups().create(new Group().setDisplayName(displayName)))
                .isInstanceOf(ResourceAlreadyExists.class);

        admin.groups().delete(group.getId());
        assertThatThrownBy(() -> admin.groups().get(group.getId())).isInstanceOf(ResourceDoesNotExist.class);
    }

    @Test
    void drivesServicePrincipalsAndMeForTheAdminAndForAServicePrincipalsToken() {
        WorkspaceClient admin = client(ADMIN_TOKEN);

        User me = admin.currentUser().me(new MeRequest());
        assertThat(me.getUserName()).isEqualTo("admin");
        assertThat(me.getId()).matches("\\d+");

        ServicePrincipal created = admin.servicePrincipals().create(new ServicePrincipal().setDisplayName("sdk bot"));
        assertThat(created.getApplicationId()).matches("[0-9a-f-]{36}");
        assertThat(admin.servicePrincipals().get(created.getId()).getDisplayName())
                .isEqualTo("sdk bot");
        assertThat(ids(
                        admin.servicePrincipals()
                                .list(new ListServicePrincipalsRequest()
                                        .setFilter("applicationId eq \"" + created.getApplicationId() + "\""))
                                .iterator(),
                        ServicePrincipal::getId))
                .containsExactly(created.getId());
        assertThat(ids(
                        admin.servicePrincipals()
                                .list(new ListServicePrincipalsRequest())
                                .iterator(),
                        ServicePrincipal::getId))
                .contains(created.getId())
                .doesNotHaveDuplicates();

        WorkspaceClient asBot = client(tokenOf(created.getId()));
        User botMe = asBot.currentUser().me(new MeRequest());
        assertThat(botMe.getId()).isEqualTo(created.getId());
        assertThat(botMe.getUserName()).isEqualTo(created.getApplicationId());
        assertThat(botMe.getDisplayName()).isEqualTo("sdk bot");
        assertThatThrownBy(() -> asBot.servicePrincipals().create(new ServicePrincipal().setDisplayName("spawn")))
                .isInstanceOf(PermissionDenied.class)
                .hasMessageContaining("scim:write");

        admin.servicePrincipals().delete(created.getId());
        assertThatThrownBy(() -> admin.servicePrincipals().get(created.getId()))
                .isInstanceOf(ResourceDoesNotExist.class);
        assertThatThrownBy(() -> asBot.currentUser().me(new MeRequest()))
                .isInstanceOf(com.databricks.sdk.core.error.platform.Unauthenticated.class);
    }

    /**
     * The service principal's own token, made through core as the service principal would make it, once it holds
     * token usage permission.
     */
    private String tokenOf(String id) {
        Principal servicePrincipal = principals
                .findById(workspaces.findByName("main").orElseThrow().id(), new PrincipalId(Long.parseLong(id)))
                .orElseThrow();
        TestData.of(context).grantTokenUsage(servicePrincipal);
        return tokens.create(Actor.of(servicePrincipal, "127.0.0.1"), new CreateTokenCommand("sdk bot", null, null))
                .secret()
                .reveal();
    }

    private static List<String> members(WorkspaceClient client, String groupId) {
        return client.groups().get(groupId).getMembers().stream()
                .map(ComplexValue::getValue)
                .toList();
    }

    private static <T> List<String> ids(java.util.Iterator<T> items, java.util.function.Function<T, String> id) {
        Iterable<T> iterable = () -> items;
        return StreamSupport.stream(iterable.spliterator(), false).map(id).toList();
    }
}
