package dev.warden.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.service.RegisteredService;
import dev.warden.core.service.ServiceScopeInput;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.DenialReason;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.RevocationAuthority;
import dev.warden.core.token.TokenLastUse;
import dev.warden.core.token.TokenTarget;
import dev.warden.core.token.TokenUseRecorder;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IntrospectionTest {
    private static final Introspection.Origin ORIGIN = new Introspection.Origin("10.0.0.9", "nginx");

    private final CoreTestKit kit = new CoreTestKit();
    private final TokenUseRecorder uses = new TokenUseRecorder(kit.tokens, kit.clock, Duration.ZERO);
    private final Introspection introspection = new Introspection(kit.decisions, kit.services, uses, kit.clock);

    private final RegisteredService wiki = register("wiki", "wiki:read", "wiki:write");
    private final RegisteredService crm = register("crm", "crm:read");

    private RegisteredService register(String name, String... scopes) {
        Principal robot =
                kit.save(Principal.newServicePrincipal(CoreTestKit.WORKSPACE, name + "-app", name + " robot"));
        return kit.serviceRegistry.register(
                kit.asAdmin(),
                name,
                null,
                robot.applicationId(),
                List.of(scopes).stream()
                        .map(key -> new ServiceScopeInput(key, "scope " + key))
                        .toList());
    }

    private Permission scope(String key) {
        return kit.services.catalogue(CoreTestKit.WORKSPACE).find(key).orElseThrow();
    }

    /** A user holding only a custom role with these permissions, allowed to use tokens. */
    private Principal userWith(String name, Permission... permissions) {
        Principal user = kit.allowTokens(kit.user(name));
        Role role = kit.roleService.create(kit.asAdmin(), name + "-role", "", Set.of(permissions));
        kit.directory.assignments.add(RoleAssignment.toPrincipal(CoreTestKit.WORKSPACE, role.id(), user.id(), null));
        kit.versions.bump(CoreTestKit.WORKSPACE);
        return user;
    }

    private IssuedToken token(Principal owner, String... scopes) {
        return kit.tokenService.create(
                CoreTestKit.as(owner), new CreateTokenCommand("test", Duration.ofDays(7), List.of(scopes)));
    }

    private void revoke(IssuedToken issued) {
        AccessToken token =
                kit.tokens.findById(CoreTestKit.WORKSPACE, issued.token().id()).orElseThrow();
        token.revoke(kit.admin.id(), RevocationAuthority.ADMIN, kit.clock.instant());
        kit.tokens.update(token);
    }

    private static String value(IssuedToken token) {
        return token.secret().reveal();
    }

    private TokenLastUse lastUse(IssuedToken token) {
        uses.flushAll();
        return kit.tokens
                .findById(CoreTestKit.WORKSPACE, token.token().id())
                .orElseThrow()
                .lastUse();
    }

    @Nested
    class WithoutAScope {
        @Test
        void activeWithTheEffectiveScopesOfThisServiceOnly() {
            Principal alice = userWith(
                    "alice", scope("wiki:read"), scope("wiki:write"), scope("crm:read"), Permission.TOKENS_READ);
            IssuedToken token = token(alice, "wiki:read", "crm:read", "tokens:read");

            Introspection.Answer answer = introspection.introspect(wiki, value(token), null, ORIGIN);

            assertThat(answer.active()).isTrue();
            assertThat(answer.scopeList()).isEqualTo("wiki:read");
            assertThat(answer.owner().id()).isEqualTo(alice.id());
            assertThat(answer.token().id()).isEqualTo(token.token().id());
        }

        @Test
        void allApisCoversTheServiceScopesTheOwnersRolesGrant() {
            Principal bob = userWith("bob", scope("wiki:write"));

            Introspection.Answer answer = introspection.introspect(wiki, value(token(bob, "all-apis")), null, ORIGIN);

            assertThat(answer.scopeList()).isEqualTo("wiki:write");
        }

        @Test
        void aTokenThatCanDoNothingHereIsInactiveWithScopeMissing() {
            Principal carol = userWith("carol", scope("wiki:read"), scope("crm:read"));
            IssuedToken onlyCrm = token(carol, "crm:read");

            Introspection.Answer answer = introspection.introspect(wiki, value(onlyCrm), null, ORIGIN);

            assertThat(answer.active()).isFalse();
            assertThat(answer.reason()).isEqualTo(DenialReason.SCOPE_MISSING);
        }

        @Test
        void aScopeTheRolesNoLongerGrantIsNotEffective() {
            Principal dave = userWith("dave", Permission.TOKENS_READ);
            // the token asked for wiki:read while dave's roles granted it; they grant it no longer
            Role reader = kit.roleService.create(kit.asAdmin(), "reader", "", Set.of(scope("wiki:read")));
            RoleAssignment held = kit.directory.assignments.add(
                    RoleAssignment.toPrincipal(CoreTestKit.WORKSPACE, reader.id(), dave.id(), null));
            kit.versions.bump(CoreTestKit.WORKSPACE);
            IssuedToken token = token(dave, "wiki:read");
            kit.directory.assignments.delete(CoreTestKit.WORKSPACE, held.id());
            kit.versions.bump(CoreTestKit.WORKSPACE);

            Introspection.Answer answer = introspection.introspect(wiki, value(token), null, ORIGIN);

            assertThat(answer.reason()).isEqualTo(DenialReason.SCOPE_MISSING);
        }
    }

    @Nested
    class WithAScope {
        @Test
        void runsTheChainForThatScope() {
            Principal erin = userWith("erin", scope("wiki:read"), scope("wiki:write"));
            IssuedToken writer = token(erin, "wiki:write");

            assertThat(introspection
                            .introspect(wiki, value(writer), "wiki:read", ORIGIN)
                            .reason())
                    .isEqualTo(DenialReason.SCOPE_MISSING);
            Introspection.Answer write = introspection.introspect(wiki, value(writer), "wiki:write", ORIGIN);
            assertThat(write.active()).isTrue();
            assertThat(write.scopeList()).isEqualTo("wiki:write");
        }

        @Test
        void theOwnersRolesComeFirst() {
            Principal frank = userWith("frank", scope("wiki:read"));

            Introspection.Answer answer =
                    introspection.introspect(wiki, value(token(frank, "all-apis")), "wiki:write", ORIGIN);

            assertThat(answer.reason()).isEqualTo(DenialReason.ROLE_LACKS_PERMISSION);
        }

        @Test
        void aScopeOfAnotherServiceOrOfWardenIsABadRequest() {
            Principal gina = userWith("gina", scope("wiki:read"));
            String token = value(token(gina, "wiki:read"));

            for (String foreign : List.of("crm:read", "tokens:read", "wiki:nope", "all-apis", "")) {
                assertThatThrownBy(() -> introspection.introspect(wiki, token, foreign, ORIGIN))
                        .as(foreign)
                        .isInstanceOfSatisfying(
                                InvalidParameterException.class,
                                e -> assertThat(e.field()).isEqualTo("scope"));
            }
        }
    }

    @Nested
    class Refusals {
        @Test
        void theChainsReasonForATokenThatDoesNotAuthenticate() {
            Principal hank = userWith("hank", scope("wiki:read"));
            IssuedToken token = token(hank, "wiki:read");
            revoke(token);

            assertThat(introspection
                            .introspect(wiki, value(token), null, ORIGIN)
                            .reason())
                    .isEqualTo(DenialReason.TOKEN_REVOKED);
            assertThat(introspection.introspect(wiki, "garbage", null, ORIGIN).reason())
                    .isEqualTo(DenialReason.TOKEN_MALFORMED);
            assertThat(introspection.introspect(wiki, null, null, ORIGIN).reason())
                    .isEqualTo(DenialReason.TOKEN_MISSING);
        }

        @Test
        void aTokenOfAnotherWorkspaceIsUnknownHere() {
            Principal stranger = kit.allowTokens(kit.principalIn(CoreTestKit.OTHER_WORKSPACE, kit.user("stranger"))
                    .withActive(true));
            String other = value(kit.tokenService.create(
                    CoreTestKit.as(stranger), new CreateTokenCommand("other", Duration.ofDays(1), List.of())));

            Introspection.Answer answer = introspection.introspect(wiki, other, null, ORIGIN);

            assertThat(answer.reason()).isEqualTo(DenialReason.TOKEN_UNKNOWN);
        }

        @Test
        void aRevokedTokenOfAnotherWorkspaceIsUnknownHereTooNotRevoked() {
            Principal stranger =
                    kit.allowTokens(kit.principalIn(CoreTestKit.OTHER_WORKSPACE, kit.user("outsider"), BuiltInRole.USER)
                            .withActive(true));
            IssuedToken issued = kit.tokenService.create(
                    CoreTestKit.as(stranger), new CreateTokenCommand("other", Duration.ofDays(1), List.of()));
            kit.tokenService.revoke(
                    CoreTestKit.as(stranger), TokenTarget.own(issued.token().id()));

            Introspection.Answer answer = introspection.introspect(wiki, value(issued), null, ORIGIN);

            assertThat(answer.reason()).isEqualTo(DenialReason.TOKEN_UNKNOWN);
        }
    }

    @Nested
    class Callers {
        @Test
        void aRegisteredServicesActivePrincipalIsItsCaller() {
            Principal robot = kit.directory
                    .principals
                    .findById(CoreTestKit.WORKSPACE, wiki.servicePrincipal())
                    .orElseThrow();

            assertThat(introspection.serviceOf(robot)).contains(wiki);
            assertThat(introspection.serviceOf(kit.deactivate(robot))).isEmpty();
            assertThat(introspection.serviceOf(kit.servicePrincipal("no service")))
                    .isEmpty();
        }

        @Test
        void aBearerTokenOfTheServicePrincipalIdentifiesTheService() {
            Principal robot = kit.allowTokens(kit.directory
                    .principals
                    .findById(CoreTestKit.WORKSPACE, wiki.servicePrincipal())
                    .orElseThrow());
            Principal user = userWith("ivan", scope("wiki:read"));

            assertThat(introspection.serviceOfBearer(value(token(robot)), ORIGIN))
                    .contains(wiki);
            assertThat(introspection.serviceOfBearer(value(token(user, "wiki:read")), ORIGIN))
                    .isEmpty();
            assertThat(introspection.serviceOfBearer("garbage", ORIGIN)).isEmpty();
        }
    }

    @Nested
    class ForwardAuthentication {
        @Test
        void allowsTheScopeAndNamesTheServicesEffectiveScopes() {
            Principal judy = userWith("judy", scope("wiki:read"), scope("wiki:write"));
            IssuedToken token = token(judy, "wiki:read", "wiki:write");

            Introspection.Answer answer = introspection.forward(value(token), "wiki:read", ORIGIN);

            assertThat(answer.active()).isTrue();
            assertThat(answer.service()).isEqualTo(wiki);
            assertThat(answer.scopeList()).isEqualTo("wiki:read wiki:write");
        }

        @Test
        void refusesWithTheChainsReason() {
            Principal kim = userWith("kim", scope("wiki:read"), scope("wiki:write"));

            assertThat(introspection
                            .forward(value(token(kim, "wiki:write")), "wiki:read", ORIGIN)
                            .reason())
                    .isEqualTo(DenialReason.SCOPE_MISSING);
            assertThat(introspection.forward("garbage", "wiki:read", ORIGIN).reason())
                    .isEqualTo(DenialReason.TOKEN_MALFORMED);
            assertThat(introspection.forward(null, "wiki:read", ORIGIN).reason())
                    .isEqualTo(DenialReason.TOKEN_MISSING);
        }

        @Test
        void aMissingMalformedOrUnknownScopeIsABadRequest() {
            Principal leo = userWith("leo", scope("wiki:read"));
            String token = value(token(leo, "wiki:read"));

            for (String bad : new String[] {null, "", "WIKI", "wiki", "all-apis", "wiki:nope", "tokens:read", "x:y"}) {
                assertThatThrownBy(() -> introspection.forward(token, bad, ORIGIN))
                        .as(String.valueOf(bad))
                        .isInstanceOfSatisfying(
                                InvalidParameterException.class,
                                e -> assertThat(e.field()).isEqualTo("scope"));
            }
            // a malformed scope is refused before the token is looked at; a well-formed one needs the workspace
            assertThatThrownBy(() -> introspection.forward("garbage", "WIKI", ORIGIN))
                    .isInstanceOf(InvalidParameterException.class);
            assertThat(introspection.forward("garbage", "wiki:nope", ORIGIN).reason())
                    .isEqualTo(DenialReason.TOKEN_MALFORMED);
        }
    }

    @Nested
    class LastUse {
        @Test
        void namesTheServiceThatAsked() {
            Principal mia = userWith("mia", scope("wiki:read"), scope("crm:read"));
            IssuedToken token = token(mia, "wiki:read", "crm:read");

            introspection.introspect(crm, value(token), null, ORIGIN);
            assertThat(lastUse(token)).isEqualTo(new TokenLastUse(kit.clock.instant(), "10.0.0.9", "nginx", "crm"));

            kit.clock.advance(Duration.ofSeconds(1));
            introspection.forward(value(token), "wiki:read", ORIGIN);
            assertThat(lastUse(token).service()).isEqualTo("wiki");
        }

        @Test
        void aTokenThatDidNotAuthenticateRecordsNothing() {
            Principal ned = userWith("ned", scope("wiki:read"));
            IssuedToken token = token(ned, "wiki:read");
            revoke(token);

            introspection.introspect(wiki, value(token), null, ORIGIN);

            assertThat(lastUse(token)).isNull();
        }
    }
}
