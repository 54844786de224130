package dev.warden.web.token;

import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.settings.CreateTokenRequest;
import com.databricks.sdk.service.settings.PublicTokenInfo;
import com.databricks.sdk.service.settings.TokenInfo;
import com.databricks.sdk.service.settings.UpdateTokenManagementRequest;
import com.databricks.sdk.service.settings.UpdateTokenRequest;
import com.google.protobuf.FieldMask;
import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
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
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Updating a token's scopes and comment: the Databricks SDK's {@code tokens().update} and
 * {@code tokenManagement().updateTokenManagement} (a {@code token} with an {@code update_mask}), and the refusals of
 * bad masks over raw HTTP.
 */
@WardenSpringBootTest
class TokenUpdateIT {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AuditLog audit;

    TestData testData;
    ApiClient api;
    Principal owner;
    String ownersToken;

    @BeforeEach
    void setUp() {
        testData = TestData.of(context);
        api = new ApiClient(port);
        owner = testData.user("updater", BuiltInRole.USER);
        ownersToken = testData.token(owner);
    }

    private WorkspaceClient client(String token) {
        return new WorkspaceClient(new DatabricksConfig()
                .setHost("http://127.0.0.1:" + port)
                .setToken(token)
                .setAuthType("pat"));
    }

    private static FieldMask mask(String... paths) {
        return FieldMask.newBuilder().addAllPaths(List.of(paths)).build();
    }

    private PublicTokenInfo created(WorkspaceClient client, String comment, String... scopes) {
        return client.tokens()
                .create(new CreateTokenRequest().setComment(comment).setScopes(List.of(scopes)))
                .getTokenInfo();
    }

    private static PublicTokenInfo listed(WorkspaceClient client, String id) {
        return StreamSupport.stream(client.tokens().list().spliterator(), false)
                .filter(info -> info.getTokenId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Nested
    class ThroughTheSdk {
        @Test
        void tokensUpdateChangesTheCommentThenNarrowsTheScopes() {
            WorkspaceClient sdk = client(ownersToken);
            PublicTokenInfo token = created(sdk, "laptop", "tokens:read", "tokens:write", "scim:read");

            sdk.tokens()
                    .update(new UpdateTokenRequest()
                            .setTokenId(token.getTokenId())
                            .setToken(new PublicTokenInfo().setComment("ci runner"))
                            .setUpdateMask(mask("comment")));
            PublicTokenInfo renamed = listed(sdk, token.getTokenId());
            assertThat(renamed.getComment()).isEqualTo("ci runner");
            assertThat(renamed.getScopes()).containsExactlyInAnyOrder("tokens:read", "tokens:write", "scim:read");

            sdk.tokens()
                    .update(new UpdateTokenRequest()
                            .setTokenId(token.getTokenId())
                            .setToken(listed(sdk, token.getTokenId())
                                    .setComment("read only")
                                    .setScopes(List.of("tokens:read")))
                            .setUpdateMask(mask("scopes", "comment")));
            PublicTokenInfo narrowed = listed(sdk, token.getTokenId());
            assertThat(narrowed.getComment()).isEqualTo("read only");
            assertThat(narrowed.getScopes()).containsExactly("tokens:read");
            assertThat(narrowed.getCreationTime()).isEqualTo(token.getCreationTime());
            assertThat(narrowed.getExpiryTime()).isEqualTo(token.getExpiryTime());
        }

        @Test
        void tokensUpdateNeverWidensAndChangesNothingWhenRefused() {
            WorkspaceClient sdk = client(ownersToken);
            PublicTokenInfo token = created(sdk, "narrow", "tokens:read");

            assertThatThrownBy(() -> sdk.tokens()
                            .update(new UpdateTokenRequest()
                                    .setTokenId(token.getTokenId())
                                    .setToken(new PublicTokenInfo()
                                            .setComment("wider")
                                            .setScopes(List.of("tokens:read", "tokens:write")))
                                    .setUpdateMask(mask("comment", "scopes"))))
                    .isInstanceOf(InvalidParameterValue.class)
                    .hasMessageContaining("only be narrowed");
            assertThatThrownBy(() -> sdk.tokens()
                            .update(new UpdateTokenRequest()
                                    .setTokenId(token.getTokenId())
                                    .setToken(new PublicTokenInfo().setComment("x"))
                                    .setUpdateMask(mask("expiry_time"))))
                    .isInstanceOf(InvalidParameterValue.class)
                    .hasMessageContaining("update_mask");
            PublicTokenInfo after = listed(sdk, token.getTokenId());
            assertThat(after.getComment()).isEqualTo("narrow");
            assertThat(after.getScopes()).containsExactly("tokens:read");
        }

        @Test
        void tokensUpdateOfSomebodyElsesTokenIsResourceDoesNotExist() {
            PublicTokenInfo token = created(client(ownersToken), "mine", "tokens:read");
            String stranger = testData.token(testData.user("stranger", BuiltInRole.USER));

            assertThatThrownBy(() -> client(stranger)
                            .tokens()
                            .update(new UpdateTokenRequest()
                                    .setTokenId(token.getTokenId())
                                    .setToken(new PublicTokenInfo().setComment("theirs"))
                                    .setUpdateMask(mask("comment"))))
                    .isInstanceOf(ResourceDoesNotExist.class);
        }

        @Test
        void updateTokenManagementAnswersTheUpdatedTokenInfo() {
            PublicTokenInfo token = created(client(ownersToken), "service", "tokens:read", "scim:read");
            WorkspaceClient admin = client(ADMIN_TOKEN);

            TokenInfo got = admin.tokenManagement().get(token.getTokenId()).getTokenInfo();
            TokenInfo updated = admin.tokenManagement()
                    .updateTokenManagement(new UpdateTokenManagementRequest()
                            .setTokenId(token.getTokenId())
                            .setToken(got.setComment("reviewed").setScopes(List.of("scim:read")))
                            .setUpdateMask(mask("scopes,comment")));

            assertThat(updated.getTokenId()).isEqualTo(token.getTokenId());
            assertThat(updated.getComment()).isEqualTo("reviewed");
            assertThat(updated.getScopes()).containsExactly("scim:read");
            assertThat(updated.getOwnerId()).isEqualTo(owner.id().value());
            assertThat(updated.getCreationTime()).isEqualTo(token.getCreationTime());
            assertThat(listed(client(ownersToken), token.getTokenId()).getComment())
                    .isEqualTo("reviewed");
            List<AuditEvent> events = audit.history(testData.main().id(), "token", token.getTokenId(), 10);
            assertThat(events)
                    .extracting(AuditEvent::action)
                    .contains(AuditAction.TOKEN_COMMENT_CHANGED, AuditAction.TOKEN_SCOPES_NARROWED);
            AuditEvent renamed = events.stream()
                    .filter(event -> event.action() == AuditAction.TOKEN_COMMENT_CHANGED)
                    .findFirst()
                    .orElseThrow();
            assertThat(renamed.details()).containsEntry("before", "service").containsEntry("after", "reviewed");
        }

        @Test
        void updateTokenManagementIsPermissionDeniedToANonAdmin() {
            PublicTokenInfo token = created(client(ownersToken), "kept", "tokens:read");

            assertThatThrownBy(() -> client(ownersToken)
                            .tokenManagement()
                            .updateTokenManagement(new UpdateTokenManagementRequest()
                                    .setTokenId(token.getTokenId())
                                    .setToken(new TokenInfo().setComment("mine"))
                                    .setUpdateMask(mask("comment"))))
                    .isInstanceOf(PermissionDenied.class);
            assertThat(listed(client(ownersToken), token.getTokenId()).getComment())
                    .isEqualTo("kept");
        }
    }

    @Nested
    class OverHttp {
        private String tokenId;

        @BeforeEach
        void aToken() {
            tokenId = api.post(
                            "/api/2.0/token/create", ownersToken, "{\"comment\":\"raw\",\"scopes\":[\"tokens:read\"]}")
                    .json()
                    .path("token_info")
                    .path("token_id")
                    .asString();
        }

        private Response patchOwn(String body) {
            return api.send("PATCH", "/api/2.0/token/" + tokenId, ownersToken, "application/json", body);
        }

        private Response patchManaged(String body) {
            return api.send(
                    "PATCH", "/api/2.0/token-management/tokens/" + tokenId, ADMIN_TOKEN, "application/json", body);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '"',
                value = {
                    "an unknown field | {'token':{'comment':'x'},'update_mask':'expiry_time'} | update_mask",
                    "a known and an unknown field | {'token':{'comment':'x'},'update_mask':'comment,owner_id'} | update_mask",
                    "an empty entry | {'token':{'comment':'x'},'update_mask':'comment,'} | update_mask",
                    "an empty mask | {'token':{'comment':'x'},'update_mask':''} | update_mask",
                    "no mask | {'token':{'comment':'x'}} | update_mask",
                    "a mask without token | {'update_mask':'comment'} | token",
                    "both shapes | {'scopes':['tokens:read'],'token':{'comment':'x'},'update_mask':'comment'} | token",
                    "another token's id | {'token':{'token_id':'abc','comment':'x'},'update_mask':'comment'} | token.token_id",
                    "scopes named but none given | {'token':{'comment':'x'},'update_mask':'scopes'} | token.scopes",
                    "a mask that is not a string | {'token':{'comment':'x'},'update_mask':['comment']} | update_mask",
                    "a comment that is not a string | {'token':{'comment':5},'update_mask':'comment'} | token.comment",
                    "a comment with a line break | {'token':{'comment':'a\\nb'},'update_mask':'comment'} | token.comment",
                })
        void aBadUpdateIs400NamingTheFieldAndChangesNothing(String caseName, String body, String field) {
            String json = ApiClient.json(body);
            for (Response refused : List.of(patchOwn(json), patchManaged(json))) {
                assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
                assertThat(refused.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
                assertThat(refused.json()
                                .path("details")
                                .get(0)
                                .path("metadata")
                                .path("field")
                                .asString())
                        .as(refused.toString())
                        .isEqualTo(field);
            }
            JsonNode info = api.get("/api/2.0/token-management/tokens/" + tokenId, ADMIN_TOKEN)
                    .json()
                    .path("token_info");
            assertThat(info.path("comment").asString()).isEqualTo("raw");
            assertThat(info.path("scopes")).hasSize(1);
        }

        @Test
        void theOwnUpdateAnswersTheTokenInfoWhichTheSdkIgnores() {
            Response updated = patchOwn(ApiClient.json("{'token':{'comment':' spaced '},'update_mask':' comment '}"));

            assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
            assertThat(updated.json().path("token_info").path("comment").asString())
                    .isEqualTo("spaced");
        }

        @Test
        void theScopesShapeStaysWrappedOnTokenManagementAndTheSdkShapeIsBare() {
            Response wrapped = patchManaged("{\"scopes\":[\"tokens:read\"]}");
            Response bare = patchManaged(ApiClient.json("{'token':{'comment':'bare'},'update_mask':'comment'}"));

            assertThat(wrapped.status()).as(wrapped.toString()).isEqualTo(200);
            assertThat(wrapped.json().path("token_info").path("token_id").asString())
                    .isEqualTo(tokenId);
            assertThat(bare.status()).as(bare.toString()).isEqualTo(200);
            assertThat(bare.json().has("token_info")).isFalse();
            assertThat(bare.json().path("token_id").asString()).isEqualTo(tokenId);
            assertThat(bare.json().path("comment").asString()).isEqualTo("bare");
        }
    }
}
