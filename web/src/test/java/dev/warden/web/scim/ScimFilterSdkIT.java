package dev.warden.web.scim;

import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.service.iam.ComplexValue;
import com.databricks.sdk.service.iam.Group;
import com.databricks.sdk.service.iam.ListGroupsRequest;
import com.databricks.sdk.service.iam.ListServicePrincipalsRequest;
import com.databricks.sdk.service.iam.ListSortOrder;
import com.databricks.sdk.service.iam.ListUsersRequest;
import com.databricks.sdk.service.iam.ServicePrincipal;
import com.databricks.sdk.service.iam.User;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.WardenSpringBootTest;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * SCIM filters and sorting through the official Databricks SDK's list calls: {@code co}, {@code sw}, {@code ew},
 * {@code pr}, {@code and}/{@code or}/{@code not}, parentheses, userName without regard to case, {@code sortBy} and
 * {@code sortOrder}, also across the SDK's own paging; and the 400s for what Warden does not support, over HTTP.
 * Every name carries this run's tag, so the filters see only what the test made.
 */
@WardenSpringBootTest
class ScimFilterSdkIT {
    @LocalServerPort
    int port;

    private WorkspaceClient admin;
    private String tag;

    @BeforeEach
    void setUp() {
        admin = new WorkspaceClient(new DatabricksConfig()
                .setHost("http://127.0.0.1:" + port)
                .setToken(ADMIN_TOKEN)
                .setAuthType("pat"));
        tag = "f" + UUID.randomUUID().toString().substring(0, 8);
    }

    private User user(String local, String displayName, String email) {
        User user = new User().setUserName(local + "." + tag + "@Example.com").setDisplayName(displayName + " " + tag);
        if (email != null) {
            user.setEmails(List.of(new ComplexValue().setValue(email).setPrimary(true)));
        }
        return admin.users().create(user);
    }

    private List<String> userNames(ListUsersRequest request) {
        return all(admin.users().list(request).iterator(), User::getUserName);
    }

    private List<String> users(String filter) {
        return userNames(new ListUsersRequest().setFilter(filter).setSortBy("userName"));
    }

    private static <T> List<String> all(Iterator<T> items, Function<T, String> field) {
        Iterable<T> iterable = () -> items;
        return StreamSupport.stream(iterable.spliterator(), false).map(field).toList();
    }

    @Nested
    class Users {
        private String ann;
        private String bob;
        private String cid;

        @BeforeEach
        void threeUsers() {
            ann = user("ann", "Ann Archer", "ann." + tag + "@corp.example").getUserName();
            bob = user("bob", "Bob Baker", null).getUserName();
            cid = user("cid", "Cid Cooper", "cid." + tag + "@lab.example").getUserName();
        }

        @Test
        void userNameComparesWithoutRegardToCase() {
            assertThat(users("userName eq \"" + ann.toUpperCase() + "\"")).containsExactly(ann);
            assertThat(users("USERNAME Eq \"" + bob.toLowerCase() + "\"")).containsExactly(bob);
        }

        @Test
        void containsStartsWithEndsWithAndPresent() {
            assertThat(users("userName co \"" + tag.toUpperCase() + "\"")).containsExactly(ann, bob, cid);
            assertThat(users("userName sw \"cid." + tag + "\"")).containsExactly(cid);
            assertThat(users("displayName ew \"Baker " + tag + "\"")).containsExactly(bob);
            assertThat(users("userName co \"" + tag + "\" and emails pr")).containsExactly(ann, cid);
            assertThat(users("userName co \"" + tag + "\" and not (emails pr)")).containsExactly(bob);
            assertThat(users("emails.value ew \"@LAB.example\" and userName co \"" + tag + "\""))
                    .containsExactly(cid);
        }

        @Test
        void andOrAndParentheses() {
            String mine = "userName co \"" + tag + "\"";
            assertThat(users(mine + " and (displayName sw \"ann\" or displayName sw \"cid\")"))
                    .containsExactly(ann, cid);
            assertThat(users("displayName sw \"bob\" and " + mine + " or emails eq \"CID." + tag + "@lab.example\""))
                    .containsExactly(bob, cid);
            assertThat(users(mine + " and not (displayName sw \"ann\" or displayName sw \"cid\")"))
                    .containsExactly(bob);
        }

        @Test
        void sortByAndSortOrderHoldAcrossTheSdksPaging() {
            ListUsersRequest byDisplayNameDown = new ListUsersRequest()
                    .setFilter("userName co \"" + tag + "\"")
                    .setSortBy("displayName")
                    .setSortOrder(ListSortOrder.DESCENDING)
                    .setCount(1L); // one user per page: the SDK asks three times (and once more for the end)

            assertThat(userNames(byDisplayNameDown)).containsExactly(cid, bob, ann);
            assertThat(userNames(new ListUsersRequest()
                            .setFilter("userName co \"" + tag + "\"")
                            .setSortBy("id")
                            .setSortOrder(ListSortOrder.ASCENDING)
                            .setCount(2L)))
                    .containsExactly(ann, bob, cid);
        }

        @Test
        void anUnsupportedFilterOrSortByIsInvalidParameterValue() {
            assertThatThrownBy(() -> users("userName ge \"a\""))
                    .isInstanceOf(InvalidParameterValue.class)
                    .hasMessageContaining("'ge'");
            assertThatThrownBy(() -> userNames(new ListUsersRequest().setSortBy("emails")))
                    .isInstanceOf(InvalidParameterValue.class)
                    .hasMessageContaining("sortBy");
        }
    }

    @Test
    void servicePrincipalsFilterAndSort() {
        ServicePrincipal beta = admin.servicePrincipals()
                .create(new ServicePrincipal().setDisplayName("beta bot " + tag).setActive(false));
        ServicePrincipal alpha =
                admin.servicePrincipals().create(new ServicePrincipal().setDisplayName("Alpha bot " + tag));

        assertThat(all(
                        admin.servicePrincipals()
                                .list(new ListServicePrincipalsRequest()
                                        .setFilter("displayName co \"BOT " + tag.toUpperCase() + "\"")
                                        .setSortBy("displayName"))
                                .iterator(),
                        ServicePrincipal::getId))
                .containsExactly(alpha.getId(), beta.getId());
        assertThat(all(
                        admin.servicePrincipals()
                                .list(new ListServicePrincipalsRequest()
                                        .setFilter("displayName ew \"" + tag + "\" and active eq false"))
                                .iterator(),
                        ServicePrincipal::getId))
                .containsExactly(beta.getId());
        assertThat(all(
                        admin.servicePrincipals()
                                .list(new ListServicePrincipalsRequest()
                                        .setFilter("applicationId sw \""
                                                + alpha.getApplicationId()
                                                        .substring(0, 13)
                                                        .toUpperCase() + "\""))
                                .iterator(),
                        ServicePrincipal::getId))
                .containsExactly(alpha.getId());
    }

    @Test
    void groupsFilterAndSort() {
        Group ops = admin.groups().create(new Group().setDisplayName("Ops " + tag));
        Group data = admin.groups().create(new Group().setDisplayName("data " + tag));

        assertThat(all(
                        admin.groups()
                                .list(new ListGroupsRequest()
                                        .setFilter("displayName ew \"" + tag.toUpperCase() + "\"")
                                        .setSortBy("displayName")
                                        .setSortOrder(ListSortOrder.DESCENDING))
                                .iterator(),
                        Group::getId))
                .containsExactly(ops.getId(), data.getId());
        assertThat(all(
                        admin.groups()
                                .list(new ListGroupsRequest()
                                        .setFilter(
                                                "displayName eq \"OPS " + tag + "\" or id eq \"" + data.getId() + "\""))
                                .iterator(),
                        Group::getId))
                .containsExactlyInAnyOrder(ops.getId(), data.getId());
    }

    @Nested
    class OverHttp {

        private Response get(String path) {
            return new ApiClient(port).get(ScimApi.BASE + path, ADMIN_TOKEN);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '`',
                value = {
                    "/Users?sortBy=emails | sortBy | Users cannot be sorted by 'emails'; sortBy is one of userName,"
                            + " displayName, id",
                    "/Users?sortBy=userName&sortOrder=sideways | sortOrder | ascending or descending",
                    "/ServicePrincipals?sortBy=userName | sortBy | applicationId",
                    "/Groups?sortBy=members | sortBy | displayName, id",
                })
        void anUnsupportedSortIs400NamingTheParameter(String path, String field, String message) {
            Response response = get(path);

            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(response.json()
                            .path("details")
                            .get(0)
                            .path("metadata")
                            .path("field")
                            .asString())
                    .isEqualTo(field);
            assertThat(response.json().path("message").asString()).contains(message);
        }

        @Test
        void anInvalidFilterIsAScimErrorToo() {
            Response response = get("/Groups?filter=displayName+gt+%22a%22");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().path("schemas").get(0).asString())
                    .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
            assertThat(response.json().path("scimType").asString()).isEqualTo("invalidFilter");
            assertThat(response.json().path("detail").asString()).contains("'gt'");
            assertThat(response.json().path("status").asString()).isEqualTo("400");
        }
    }
}
