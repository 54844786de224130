package dev.warden.core.token;

import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static dev.warden.core.testkit.CoreTestKit.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Updating a token: its scopes (narrowed only) and its comment, each checked and audited. */
class TokenUpdateTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final Actor admin = kit.asAdmin();
    private final Principal alice = kit.user("alice", BuiltInRole.USER);
    private final IssuedToken token;

    TokenUpdateTest() {
        kit.acl.grant(WORKSPACE, TokenUsageEntry.forPrincipal(alice.id(), TokenUsageLevel.CAN_USE));
        token = kit.tokenService.create(
                as(alice), new CreateTokenCommand("laptop", Duration.ofDays(10), List.of("scim:read", "tokens:read")));
    }

    private AccessToken stored() {
        return kit.tokens.findById(WORKSPACE, token.token().id()).orElseThrow();
    }

    @Nested
    class TheComment {
        @Test
        void anOwnerRenamesItsTokenAndTheChangeIsAudited() {
            AccessToken updated = kit.tokenService.update(
                    as(alice), TokenTarget.own(token.token().id()), new TokenUpdate(false, null, true, " ci runner "));

            assertThat(updated.comment()).isEqualTo("ci runner");
            assertThat(stored().comment()).isEqualTo("ci runner");
            assertThat(stored().scopes()).containsExactly(new Scope("scim:read"), new Scope("tokens:read"));
            AuditEvent event =
                    kit.audit.eventsWith(AuditAction.TOKEN_COMMENT_CHANGED).get(0);
            assertThat(event.details()).containsEntry("before", "laptop").containsEntry("after", "ci runner");
            assertThat(kit.audit.eventsWith(AuditAction.TOKEN_SCOPES_NARROWED)).isEmpty();
        }

        @Test
        void theSameCommentChangesAndRecordsNothing() {
            kit.tokenService.update(
                    as(alice), TokenTarget.own(token.token().id()), new TokenUpdate(false, null, true, "laptop"));

            assertThat(kit.audit.eventsWith(AuditAction.TOKEN_COMMENT_CHANGED)).isEmpty();
        }

        @Test
        void noCommentClearsIt() {
            kit.tokenService.update(
                    as(alice), TokenTarget.own(token.token().id()), new TokenUpdate(false, null, true, null));

            assertThat(stored().comment()).isEmpty();
        }

        @Test
        void aCommentWithALineBreakIsRefusedNamingTheFieldAndChangesNothing() {
            Map<String, Object> before = kit.state();

            InvalidParameterException refused = catchThrowableOfType(
                    InvalidParameterException.class,
                    () -> kit.tokenService.update(
                            as(alice),
                            TokenTarget.own(token.token().id()),
                            new TokenUpdate(true, List.of("tokens:read"), true, "two\nlines")));

            assertThat(refused.field()).isEqualTo("comment");
            assertThat(kit.state()).isEqualTo(before);
        }

        @Test
        void somebodyElsesTokenNeedsTokenManagement() {
            Principal bob = kit.user("bob", BuiltInRole.USER);
            TokenUpdate rename = new TokenUpdate(false, null, true, "mine now");

            assertThat(catchThrowableOfType(
                            TokenNotFoundException.class,
                            () -> kit.tokenService.update(
                                    as(bob), TokenTarget.own(token.token().id()), rename)))
                    .isNotNull();
            PermissionDeniedException refused = catchThrowableOfType(
                    PermissionDeniedException.class,
                    () -> kit.tokenManagement.update(as(bob), token.token().id(), rename));
            assertThat(refused.getMessage()).contains("changing the comment of");
            assertThat(kit.tokenManagement
                            .update(admin, token.token().id(), rename)
                            .comment())
                    .isEqualTo("mine now");
        }
    }

    @Nested
    class BothAtOnce {
        @Test
        void scopesAndCommentChangeTogetherWithOneRecordEach() {
            AccessToken updated = kit.tokenManagement.update(
                    admin, token.token().id(), new TokenUpdate(true, List.of("tokens:read"), true, "narrowed"));

            assertThat(updated.scopes()).containsExactly(new Scope("tokens:read"));
            assertThat(stored().comment()).isEqualTo("narrowed");
            assertThat(kit.audit.eventsWith(AuditAction.TOKEN_SCOPES_NARROWED)).hasSize(1);
            assertThat(kit.audit.eventsWith(AuditAction.TOKEN_COMMENT_CHANGED)).hasSize(1);
        }

        @Test
        void aWiderScopeRefusesTheCommentToo() {
            Map<String, Object> before = kit.state();

            InvalidParameterException refused = catchThrowableOfType(
                    InvalidParameterException.class,
                    () -> kit.tokenManagement.update(
                            admin,
                            token.token().id(),
                            new TokenUpdate(true, List.of("tokens:read", "tokens:write"), true, "renamed")));

            assertThat(refused.getMessage()).contains("only be narrowed");
            assertThat(kit.state()).isEqualTo(before);
        }
    }
}
