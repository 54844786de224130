package dev.warden.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.access.Decision;
import dev.warden.core.access.ScopeReport;
import dev.warden.core.access.ScopeState;
import dev.warden.core.audit.AuditAction;
import dev.warden.core.permission.Permission;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.InvalidStateException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.shared.ResourceAlreadyExistsException;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.DenialReason;
import dev.warden.core.token.IssuedToken;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ServiceRegistryTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final ServiceRegistry registry = kit.serviceRegistry;
    private final Principal wikiRobot =
            kit.save(Principal.newServicePrincipal(CoreTestKit.WORKSPACE, "6f1c-wiki-app", "wiki robot"));

    private RegisteredService wiki() {
        return registry.register(
                kit.asAdmin(),
                "wiki",
                "Team wiki",
                wikiRobot.applicationId(),
                List.of(
                        new ServiceScopeInput("wiki:read", "Read pages"),
                        new ServiceScopeInput("wiki:write", "Edit pages")));
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

    @Nested
    class Registering {
        @Test
        void storesTheServiceWithItsScopesAndAuditsIt() {
            RegisteredService wiki = wiki();

            assertThat(registry.get(kit.asAdmin(), wiki.id()).scopes())
                    .extracting(Permission::key, Permission::description)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("wiki:read", "Read pages"),
                            org.assertj.core.groups.Tuple.tuple("wiki:write", "Edit pages"));
            assertThat(wiki.servicePrincipal()).isEqualTo(wikiRobot.id());
            assertThat(kit.audit.events()).anySatisfy(event -> {
                assertThat(event.action()).isEqualTo(AuditAction.SERVICE_REGISTERED);
                assertThat(event.targetId()).isEqualTo("wiki");
                assertThat(event.details()).containsEntry("scopes", "wiki:read wiki:write");
            });
        }

        @Test
        void itsDisplayNameTitlesItsScopesForPagesThatGroupThem() {
            RegisteredService wiki = wiki();
            registry.update(kit.asAdmin(), wiki.id(), "Wiki of the team", null, null);

            assertThat(registry.displayNames(CoreTestKit.WORKSPACE))
                    .containsExactly(Map.entry("wiki", "Wiki of the team"));
        }

        @Test
        void theScopesJoinTheWorkspaceCatalogueAfterWardensOwn() {
            wiki();

            List<String> keys = registry.catalogue(CoreTestKit.WORKSPACE).permissions().stream()
                    .map(Permission::key)
                    .toList();
            assertThat(keys).endsWith("wiki:read", "wiki:write");
            assertThat(keys.subList(0, Permission.warden().size()))
                    .containsExactlyElementsOf(
                            Permission.warden().stream().map(Permission::key).toList());
            assertThat(registry.catalogue(CoreTestKit.OTHER_WORKSPACE).find("wiki:read"))
                    .isEmpty();
        }

        @Test
        void refusesBadInputNamingTheFieldAndChangesNothing() {
            Principal alice = kit.user("alice");
            Map<String, Object> before = kit.state();
            List<ServiceScopeInput> read = List.of(new ServiceScopeInput("wiki:read", ""));

            assertRefused(() -> registry.register(kit.asAdmin(), "W", null, wikiRobot.applicationId(), read), "name");
            assertRefused(
                    () -> registry.register(kit.asAdmin(), "tokens", null, wikiRobot.applicationId(), read), "name");
            assertRefused(
                    () -> registry.register(kit.asAdmin(), "x".repeat(33), null, wikiRobot.applicationId(), read),
                    "name");
            assertRefused(
                    () -> registry.register(
                            kit.asAdmin(),
                            "wiki",
                            null,
                            wikiRobot.applicationId(),
                            List.of(new ServiceScopeInput("blog:read", ""))),
                    "scopes.scope");
            assertRefused(
                    () -> registry.register(
                            kit.asAdmin(),
                            "wiki",
                            null,
                            wikiRobot.applicationId(),
                            List.of(new ServiceScopeInput("wiki:read", ""), new ServiceScopeInput("wiki:read", ""))),
                    "scopes.scope");
            assertRefused(
                    () -> registry.register(kit.asAdmin(), "wiki", null, wikiRobot.applicationId(), List.of()),
                    "scopes");
            assertRefused(
                    () -> registry.register(kit.asAdmin(), "wiki", null, "no-such-app", read),
                    "service_principal_application_id");
            assertRefused(
                    () -> registry.register(kit.asAdmin(), "wiki", null, alice.name(), read),
                    "service_principal_application_id");

            assertThat(kit.state()).isEqualTo(before);
        }

        @Test
        void aNameIsUniqueAndAServicePrincipalServesOneService() {
            wiki();
            Principal other =
                    kit.save(Principal.newServicePrincipal(CoreTestKit.WORKSPACE, "77aa-other-app", "other robot"));

            assertThatThrownBy(() -> registry.register(
                            kit.asAdmin(),
                            "wiki",
                            null,
                            other.applicationId(),
                            List.of(new ServiceScopeInput("wiki:admin", ""))))
                    .isInstanceOf(ResourceAlreadyExistsException.class);
            assertRefused(
                    () -> registry.register(
                            kit.asAdmin(),
                            "blog",
                            null,
                            wikiRobot.applicationId(),
                            List.of(new ServiceScopeInput("blog:read", ""))),
                    "service_principal_application_id");
        }

        @Test
        void needsServicesWrite() {
            Principal user = kit.user("bob", BuiltInRole.USER);
            Map<String, Object> before = kit.state();

            assertThatThrownBy(() -> registry.register(
                            CoreTestKit.as(user),
                            "wiki",
                            null,
                            wikiRobot.applicationId(),
                            List.of(new ServiceScopeInput("wiki:read", ""))))
                    .isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> registry.list(CoreTestKit.as(user))).isInstanceOf(PermissionDeniedException.class);
            assertThat(kit.state()).isEqualTo(before);
        }

        @Test
        void theAuditorReadsServicesWithoutChangingThem() {
            wiki();
            Principal auditor = kit.user("audrey", BuiltInRole.AUDITOR);

            assertThat(registry.list(CoreTestKit.as(auditor)))
                    .extracting(RegisteredService::name)
                    .containsExactly("wiki");
            assertThatThrownBy(() -> registry.delete(
                            CoreTestKit.as(auditor),
                            registry.list(kit.asAdmin()).get(0).id()))
                    .isInstanceOf(PermissionDeniedException.class);
        }
    }

    @Nested
    class ScopesArePermissions {
        @Test
        void aCustomRoleGrantsThemAndATokenCarriesThem() {
            wiki();
            Principal reader = userWith("reader", Permission.TOKENS_WRITE, scope("wiki:read"));

            IssuedToken issued = token(reader, "wiki:read");

            assertThat(issued.token().scopes()).containsExactly(new Scope("wiki:read"));
            Decision decision = kit.decisions.evaluate(issued.secret().reveal(), scope("wiki:read"));
            assertThat(decision.allowed()).isTrue();
            Decision write = kit.decisions.evaluate(issued.secret().reveal(), scope("wiki:write"));
            assertThat(write.denial().reason()).isEqualTo(DenialReason.ROLE_LACKS_PERMISSION);
        }

        @Test
        void stepEightRefusesAScopeTheTokenDoesNotCarry() {
            wiki();
            Principal writer = userWith("writer", Permission.TOKENS_WRITE, scope("wiki:read"), scope("wiki:write"));

            IssuedToken readOnly = token(writer, "wiki:read");

            assertThat(kit.decisions
                            .evaluate(readOnly.secret().reveal(), scope("wiki:write"))
                            .denial()
                            .reason())
                    .isEqualTo(DenialReason.SCOPE_MISSING);
        }

        @Test
        void aTokenCannotCarryAServiceScopeItsOwnersRolesDoNotGrant() {
            wiki();
            Principal user = kit.allowTokens(kit.user("carol", BuiltInRole.USER));

            assertRefused(() -> token(user, "wiki:read"), CreateTokenCommand.SCOPES_FIELD);
            assertRefused(() -> token(user, "blog:read"), CreateTokenCommand.SCOPES_FIELD);
        }

        @Test
        void workspaceAdminsHoldEveryServiceScopeSoTheyCanGrantIt() {
            wiki();

            assertThat(kit.access.permissionsOf(kit.asAdmin()).holds(scope("wiki:write")))
                    .isTrue();
            Principal user = kit.user("dave", BuiltInRole.USER);
            assertThat(kit.access.permissionsOf(CoreTestKit.as(user)).holds(scope("wiki:read")))
                    .isFalse();
        }

        @Test
        void aRoleCannotGrantAScopeNoServiceDeclares() {
            assertRefused(
                    () -> kit.roleService.create(
                            kit.asAdmin(), "ghost", "", Set.of(Permission.ofService("wiki", "wiki:read", ""))),
                    "permissions");
        }
    }

    @Nested
    class RemovingScopes {
        @Test
        void aRemovedScopeLeavesTheRolesAndIsDeadOnTokensWithTheReason() {
            RegisteredService wiki = wiki();
            Principal writer = userWith("writer", Permission.TOKENS_WRITE, scope("wiki:read"), scope("wiki:write"));
            IssuedToken issued = token(writer, "wiki:read", "wiki:write");
            long version = kit.versions.current(CoreTestKit.WORKSPACE);

            RegisteredService after = registry.update(kit.asAdmin(), wiki.id(), null, null, List.of("wiki:write"));

            assertThat(after.scopes()).extracting(Permission::key).containsExactly("wiki:read");
            assertThat(kit.versions.current(CoreTestKit.WORKSPACE)).isGreaterThan(version);
            assertThat(kit.directory
                            .roles
                            .findByName(CoreTestKit.WORKSPACE, "writer-role")
                            .orElseThrow()
                            .permissions())
                    .extracting(Permission::key)
                    .containsExactlyInAnyOrder("tokens:write", "wiki:read");
            ScopeReport report = kit.accessChecks.scopes(
                    CoreTestKit.as(writer), issued.token().id());
            assertThat(report.scopes())
                    .filteredOn(state -> state.scope().key().equals("wiki:write"))
                    .singleElement()
                    .satisfies(state -> {
                        assertThat(state.live()).isFalse();
                        assertThat(state.why()).contains("wiki:write was removed from the service wiki", "admin");
                    });
            assertThat(report.scopes())
                    .filteredOn(ScopeState::live)
                    .extracting(state -> state.scope().key())
                    .containsExactly("wiki:read");
        }

        @Test
        void removingTheServiceRemovesItsScopesTheSameWay() {
            RegisteredService wiki = wiki();
            Principal reader = userWith("reader", Permission.TOKENS_WRITE, scope("wiki:read"));
            IssuedToken issued = token(reader, "wiki:read");

            int rolesChanged = registry.delete(kit.asAdmin(), wiki.id());

            assertThat(rolesChanged).isEqualTo(1);
            assertThat(registry.catalogue(CoreTestKit.WORKSPACE).find("wiki:read"))
                    .isEmpty();
            assertThat(kit.accessChecks
                            .scopes(CoreTestKit.as(reader), issued.token().id())
                            .scopes())
                    .singleElement()
                    .satisfies(state -> {
                        assertThat(state.live()).isFalse();
                        assertThat(state.why()).contains("the service wiki was removed");
                    });
            assertThat(kit.decisions
                            .evaluate(issued.secret().reveal(), Permission.ofService("wiki", "wiki:read", ""))
                            .allowed())
                    .isFalse();
        }

        @Test
        void refusesToRemoveAScopeTheServiceDoesNotDeclare() {
            RegisteredService wiki = wiki();
            Map<String, Object> before = kit.state();

            assertRefused(
                    () -> registry.update(kit.asAdmin(), wiki.id(), "Renamed", null, List.of("wiki:delete")),
                    "remove_scopes");
            assertThat(kit.state()).isEqualTo(before);
        }

        @Test
        void addingAScopeThatExistsChangesItsDescription() {
            RegisteredService wiki = wiki();

            RegisteredService after = registry.update(
                    kit.asAdmin(),
                    wiki.id(),
                    "Wiki",
                    List.of(
                            new ServiceScopeInput("wiki:read", "Read every page"),
                            new ServiceScopeInput("wiki:admin", "")),
                    null);

            assertThat(after.displayName()).isEqualTo("Wiki");
            assertThat(after.scopes())
                    .extracting(Permission::key, Permission::description)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("wiki:admin", ""),
                            org.assertj.core.groups.Tuple.tuple("wiki:read", "Read every page"),
                            org.assertj.core.groups.Tuple.tuple("wiki:write", "Edit pages"));
        }
    }

    @Nested
    class ItsServicePrincipal {
        @Test
        void cannotBeDeletedWhileItAuthenticatesForAService() {
            RegisteredService wiki = wiki();
            Map<String, Object> before = kit.state();

            assertThatThrownBy(() ->
                            kit.directoryService.delete(kit.asAdmin(), PrincipalKind.SERVICE_PRINCIPAL, wikiRobot.id()))
                    .isInstanceOf(InvalidStateException.class)
                    .hasMessageContaining("Remove the service first");
            assertThat(kit.state()).isEqualTo(before);

            registry.delete(kit.asAdmin(), wiki.id());
            kit.directoryService.delete(kit.asAdmin(), PrincipalKind.SERVICE_PRINCIPAL, wikiRobot.id());
            assertThat(kit.directory.principals.findById(CoreTestKit.WORKSPACE, wikiRobot.id()))
                    .isEmpty();
        }
    }

    private static void assertRefused(Runnable call, String field) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        InvalidParameterException.class,
                        e -> assertThat(e.field()).isEqualTo(field));
    }
}
