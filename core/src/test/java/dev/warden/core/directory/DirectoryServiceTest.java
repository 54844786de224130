package dev.warden.core.directory;

import static dev.warden.core.testkit.CoreTestKit.OTHER_WORKSPACE;
import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.filter.FilterParser;
import dev.warden.core.group.Group;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalAttributes;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalQuery;
import dev.warden.core.principal.Principals;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.PageRequest;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.shared.ResourceAlreadyExistsException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.testkit.CoreTestKit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectoryServiceTest {
    private static final String HASH = "{bcrypt}$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z6bDMYJbaBuYqUOJv8xs4Yle";

    private final CoreTestKit kit = new CoreTestKit();
    private final DirectoryService service = kit.directoryService;
    private final Actor admin = kit.asAdmin();

    private static UserDetails user(String userName) {
        return new UserDetails(userName, null, null, null, null, null, null);
    }

    private static ServicePrincipalDetails servicePrincipal(String applicationId, String displayName) {
        return new ServicePrincipalDetails(applicationId, displayName, null, null);
    }

    private Principal stored(Principal principal) {
        return kit.directory
                .principals
                .findById(principal.workspace(), principal.id())
                .orElseThrow();
    }

    private static InvalidParameterException invalid(ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(InvalidParameterException.class);
        return (InvalidParameterException) thrown;
    }

    @Nested
    class CreatingAUser {
        @Test
        void storesTheTrimmedProfileWithThePasswordHash() {
            Principal created = service.createUser(
                    admin,
                    new UserDetails(
                            "  alice ",
                            " Alice Liddell ",
                            " alice@example.com ",
                            " Alice ",
                            " Liddell ",
                            " ext-1 ",
                            null),
                    HASH);

            assertThat(created.id()).isNotNull();
            assertThat(stored(created)).isEqualTo(created);
            assertThat(created.kind()).isEqualTo(PrincipalKind.USER);
            assertThat(created.workspace()).isEqualTo(WORKSPACE);
            assertThat(created.userName()).isEqualTo("alice");
            assertThat(created.displayName()).isEqualTo("Alice Liddell");
            assertThat(created.email()).isEqualTo("alice@example.com");
            assertThat(created.givenName()).isEqualTo("Alice");
            assertThat(created.familyName()).isEqualTo("Liddell");
            assertThat(created.externalId()).isEqualTo("ext-1");
            assertThat(created.passwordHash()).isEqualTo(HASH);
            assertThat(created.active()).isTrue();
            assertThat(created.applicationId()).isNull();
        }

        @Test
        void withoutADisplayNameIsShownByItsUserName() {
            assertThat(service.createUser(admin, new UserDetails("bob", "  ", null, null, null, null, null), null)
                            .displayName())
                    .isEqualTo("bob");
        }

        @Test
        void mayBeCreatedInactive() {
            Principal created =
                    service.createUser(admin, new UserDetails("bob", null, null, null, null, null, false), HASH);

            assertThat(stored(created).active()).isFalse();
            assertThat(stored(created).canLogIn()).isFalse();
        }

        @Test
        void receivesTheBuiltInUserRole() {
            Principal created = service.createUser(admin, user("alice"), HASH);

            assertThat(kit.directory.assignments.forAssignees(WORKSPACE, created.id(), List.of()))
                    .singleElement()
                    .satisfies(assignment -> {
                        assertThat(assignment.role())
                                .isEqualTo(kit.role(BuiltInRole.USER).id());
                        assertThat(assignment.atWorkspaceScope()).isTrue();
                    });
            assertThat(kit.resolver.of(WORKSPACE, created.id()).holds(Permission.TOKENS_WRITE))
                    .isTrue();
        }

        @Test
        void isAuditedWithTheActorAndTheNewProfile() {
            Principal created = service.createUser(
                    admin, new UserDetails("alice", "Alice", "alice@example.com", null, null, null, null), HASH);

            assertThat(kit.audit.events()).singleElement().satisfies(event -> {
                assertThat(event.action()).isEqualTo(AuditAction.PRINCIPAL_CREATED);
                assertThat(event.workspace()).isEqualTo(WORKSPACE);
                assertThat(event.actorId()).isEqualTo(kit.admin.id());
                assertThat(event.occurredAt()).isEqualTo(kit.clock.instant());
                assertThat(event.targetType()).isEqualTo("user");
                assertThat(event.targetId()).isEqualTo(created.id().toString());
                assertThat(event.details())
                        .doesNotContainKey("before")
                        .containsEntry("after", "USER alice (Alice), active, alice@example.com")
                        .containsEntry("role", "user");
                assertThat(event.toString()).doesNotContain(HASH);
            });
        }

        @Test
        void aTakenUserNameIsRefusedEvenWithTrailingSpaces() {
            service.createUser(admin, user("alice"), HASH);

            assertThatThrownBy(() -> service.createUser(admin, user("alice  "), HASH))
                    .isInstanceOf(ResourceAlreadyExistsException.class)
                    .hasMessageContaining("'alice'");
            assertThat(kit.directory.principals.all())
                    .extracting(Principal::userName)
                    .containsExactly("admin", "alice");
            assertThat(kit.audit.events()).hasSize(1);
        }

        @Test
        void theSameUserNameMayExistInAnotherWorkspace() {
            Principal other =
                    kit.principalIn(OTHER_WORKSPACE, Principals.aUser("boss").build(), BuiltInRole.WORKSPACE_ADMIN);

            Principal created = service.createUser(Principals.actor(other), user("admin"), HASH);

            assertThat(created.workspace()).isEqualTo(OTHER_WORKSPACE);
            assertThat(kit.directory.assignments.forAssignees(OTHER_WORKSPACE, created.id(), List.of()))
                    .extracting(RoleAssignment::role)
                    .containsExactly(kit.role(OTHER_WORKSPACE, BuiltInRole.USER).id());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   "})
        void aUserNameIsRequired(String userName) {
            assertThat(invalid(() -> service.createUser(admin, user(userName), HASH))
                            .field())
                    .isEqualTo("userName");
            assertThat(invalid(() -> service.createUser(admin, user(null), HASH))
                            .field())
                    .isEqualTo("userName");
            assertThat(kit.directory.principals.all()).hasSize(1);
        }

        @Test
        void aUserNameOver255CharactersIsRefused() {
            assertThat(invalid(() -> service.createUser(admin, user("a".repeat(256)), HASH))
                            .field())
                    .isEqualTo("userName");
        }

        @ParameterizedTest
        @ValueSource(strings = {"alice", "alice@", "@example.com", "a b@example.com", "a@b@c"})
        void anEmailThatIsNoAddressIsRefused(String email) {
            InvalidParameterException refused = invalid(() ->
                    service.createUser(admin, new UserDetails("alice", null, email, null, null, null, null), HASH));

            assertThat(refused.field()).isEqualTo("emails");
            assertThat(kit.directory.principals.findByUserName(WORKSPACE, "alice"))
                    .isEmpty();
        }

        @Test
        void aBlankEmailMeansNone() {
            assertThat(service.createUser(admin, new UserDetails("alice", null, "  ", null, null, null, null), HASH)
                            .email())
                    .isNull();
        }

        @Test
        void controlCharactersAreRefused() {
            assertThat(invalid(() -> service.createUser(
                                    admin, new UserDetails("alice", "Al\u0007ice", null, null, null, null, null), HASH))
                            .field())
                    .isEqualTo("displayName");
        }
    }

    @Nested
    class CreatingAServicePrincipal {
        @Test
        void generatesAUuidApplicationId() {
            Principal created = service.createServicePrincipal(admin, servicePrincipal(null, " ci-bot "));

            assertThat(created.kind()).isEqualTo(PrincipalKind.SERVICE_PRINCIPAL);
            assertThat(created.displayName()).isEqualTo("ci-bot");
            assertThat(UUID.fromString(created.applicationId()).toString()).isEqualTo(created.applicationId());
            assertThat(created.userName()).isNull();
            assertThat(created.passwordHash()).isNull();
            assertThat(created.canLogIn()).isFalse();
            assertThat(stored(created)).isEqualTo(created);
        }

        @Test
        void eachGetsItsOwnApplicationId() {
            Principal first = service.createServicePrincipal(admin, servicePrincipal(null, "one"));
            Principal second = service.createServicePrincipal(admin, servicePrincipal("", "two"));

            assertThat(first.applicationId()).isNotEqualTo(second.applicationId());
        }

        @Test
        void acceptsAGivenUuidInLowerCase() {
            String given = "6F0C2E9A-1B7D-4C3E-9F11-2A3B4C5D6E7F";

            Principal created = service.createServicePrincipal(admin, servicePrincipal(" " + given + " ", "ci"));

            assertThat(created.applicationId()).isEqualTo(given.toLowerCase());
        }

        @ParameterizedTest
        @ValueSource(strings = {"ci-bot", "6f0c2e9a1b7d4c3e9f112a3b4c5d6e7f", "6f0c2e9a-1b7d-4c3e-9f11-2a3b4c5d6e7g"})
        void refusesAnApplicationIdThatIsNoUuid(String applicationId) {
            assertThat(invalid(() -> service.createServicePrincipal(admin, servicePrincipal(applicationId, "ci")))
                            .field())
                    .isEqualTo("applicationId");
            assertThat(kit.directory.principals.all()).hasSize(1);
        }

        @Test
        void refusesADuplicateApplicationIdWhateverItsCase() {
            String given = "6f0c2e9a-1b7d-4c3e-9f11-2a3b4c5d6e7f";
            service.createServicePrincipal(admin, servicePrincipal(given, "ci"));

            assertThatThrownBy(
                            () -> service.createServicePrincipal(admin, servicePrincipal(given.toUpperCase(), "ci2")))
                    .isInstanceOf(ResourceAlreadyExistsException.class)
                    .hasMessageContaining(given);
            assertThat(kit.directory.principals.all()).hasSize(2);
        }

        @Test
        void requiresADisplayName() {
            assertThat(invalid(() -> service.createServicePrincipal(admin, servicePrincipal(null, " ")))
                            .field())
                    .isEqualTo("displayName");
        }

        @Test
        void receivesTheUserRoleAndIsAudited() {
            Principal created = service.createServicePrincipal(admin, servicePrincipal(null, "ci"));

            assertThat(kit.resolver.of(WORKSPACE, created.id()).roleNames()).containsExactly("user");
            assertThat(kit.audit.eventsWith(AuditAction.PRINCIPAL_CREATED))
                    .singleElement()
                    .satisfies(event -> {
                        assertThat(event.targetType()).isEqualTo("service_principal");
                        assertThat(event.details().get("after"))
                                .startsWith("SERVICE_PRINCIPAL " + created.applicationId());
                    });
        }
    }

    @Nested
    class ReplacingAUser {
        private final Principal alice = service.createUser(
                admin, new UserDetails("alice", "Alice", "alice@example.com", "Alice", "Liddell", null, null), HASH);

        @Test
        void replacesTheWholeProfileAndKeepsThePassword() {
            Principal replaced = service.replaceUser(
                    admin, alice.id(), new UserDetails(" alice2 ", "Alice L.", null, null, "Liddell", "x", null));

            assertThat(stored(alice)).isEqualTo(replaced);
            assertThat(replaced.userName()).isEqualTo("alice2");
            assertThat(replaced.displayName()).isEqualTo("Alice L.");
            assertThat(replaced.email()).isNull();
            assertThat(replaced.givenName()).isNull();
            assertThat(replaced.familyName()).isEqualTo("Liddell");
            assertThat(replaced.externalId()).isEqualTo("x");
            assertThat(replaced.passwordHash()).isEqualTo(HASH);
            assertThat(replaced.active()).isTrue();
        }

        @Test
        void isAuditedWithBeforeAndAfter() {
            service.replaceUser(admin, alice.id(), new UserDetails("alice", "Alice L.", null, null, null, null, null));

            assertThat(kit.audit.eventsWith(AuditAction.PRINCIPAL_UPDATED))
                    .singleElement()
                    .satisfies(event -> {
                        assertThat(event.details())
                                .containsEntry("before", "USER alice (Alice), active, alice@example.com")
                                .containsEntry("after", "USER alice (Alice L.), active");
                        assertThat(event.targetId()).isEqualTo(alice.id().toString());
                    });
        }

        @Test
        void anUnchangedProfileIsNotAudited() {
            int before = kit.audit.events().size();

            service.replaceUser(
                    admin,
                    alice.id(),
                    new UserDetails("alice", "Alice", "alice@example.com", "Alice", "Liddell", null, true));

            assertThat(kit.audit.events()).hasSize(before);
        }

        @Test
        void refusesAUserNameAnotherUserHas() {
            assertThatThrownBy(() -> service.replaceUser(admin, alice.id(), user("admin")))
                    .isInstanceOf(ResourceAlreadyExistsException.class);
            assertThat(stored(alice).userName()).isEqualTo("alice");
        }

        @Test
        void canDeactivate() {
            Principal replaced = service.replaceUser(
                    admin, alice.id(), new UserDetails("alice", "Alice", null, null, null, null, false));

            assertThat(stored(alice).active()).isFalse();
            assertThat(kit.audit.events().get(kit.audit.events().size() - 1).action())
                    .isEqualTo(AuditAction.PRINCIPAL_DEACTIVATED);
            assertThat(replaced.active()).isFalse();
        }

        @Test
        void aServicePrincipalIsNotAUser() {
            Principal ci = service.createServicePrincipal(admin, servicePrincipal(null, "ci"));

            assertThatThrownBy(() -> service.replaceUser(admin, ci.id(), user("ci")))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThat(stored(ci).userName()).isNull();
        }
    }

    @Nested
    class ReplacingAServicePrincipal {
        private final Principal ci = service.createServicePrincipal(admin, servicePrincipal(null, "ci"));

        @Test
        void changesTheDisplayNameAndKeepsTheApplicationId() {
            Principal replaced = service.replaceServicePrincipal(
                    admin, ci.id(), new ServicePrincipalDetails(null, "ci-bot", "ext", null));

            assertThat(stored(ci)).isEqualTo(replaced);
            assertThat(replaced.displayName()).isEqualTo("ci-bot");
            assertThat(replaced.externalId()).isEqualTo("ext");
            assertThat(replaced.applicationId()).isEqualTo(ci.applicationId());
        }

        @Test
        void acceptsTheSameApplicationIdInAnyCase() {
            Principal replaced = service.replaceServicePrincipal(
                    admin,
                    ci.id(),
                    new ServicePrincipalDetails(ci.applicationId().toUpperCase(), "ci-bot", null, null));

            assertThat(replaced.applicationId()).isEqualTo(ci.applicationId());
        }

        @Test
        void refusesToChangeTheApplicationId() {
            InvalidParameterException refused = invalid(() -> service.replaceServicePrincipal(
                    admin,
                    ci.id(),
                    new ServicePrincipalDetails(UUID.randomUUID().toString(), "ci-bot", null, null)));

            assertThat(refused.field()).isEqualTo("applicationId");
            assertThat(refused).hasMessageContaining("cannot be changed");
            assertThat(stored(ci)).isEqualTo(ci);
        }

        @Test
        void aUserIsNotAServicePrincipal() {
            assertThatThrownBy(
                            () -> service.replaceServicePrincipal(admin, kit.admin.id(), servicePrincipal(null, "x")))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Nested
    class SettingActive {
        private final Principal alice = kit.user("alice", BuiltInRole.USER);

        @Test
        void deactivatingIsStoredAndAudited() {
            Principal result = service.setActive(admin, PrincipalKind.USER, alice.id(), false);

            assertThat(result.active()).isFalse();
            assertThat(stored(alice).active()).isFalse();
            assertThat(kit.audit.events()).singleElement().satisfies(event -> {
                assertThat(event.action()).isEqualTo(AuditAction.PRINCIPAL_DEACTIVATED);
                assertThat(event.details())
                        .containsEntry("before", "USER alice, active")
                        .containsEntry("after", "USER alice, inactive");
            });
        }

        @Test
        void theDeactivatedPrincipalLosesItsPermissionsAtOnce() {
            service.setActive(admin, PrincipalKind.USER, alice.id(), false);

            assertThat(kit.resolver.of(WORKSPACE, alice.id()).grants()).isEmpty();
        }

        @Test
        void reactivatingIsAuditedAsActivated() {
            service.setActive(admin, PrincipalKind.USER, alice.id(), false);

            service.setActive(admin, PrincipalKind.USER, alice.id(), true);

            assertThat(stored(alice).active()).isTrue();
            assertThat(kit.audit.events())
                    .extracting(AuditEvent::action)
                    .containsExactly(AuditAction.PRINCIPAL_DEACTIVATED, AuditAction.PRINCIPAL_ACTIVATED);
        }

        @Test
        void settingTheCurrentStateChangesAndAuditsNothing() {
            service.setActive(admin, PrincipalKind.USER, alice.id(), true);

            assertThat(kit.audit.events()).isEmpty();
        }

        @Test
        void theKindMustMatch() {
            assertThatThrownBy(() -> service.setActive(admin, PrincipalKind.SERVICE_PRINCIPAL, alice.id(), false))
                    .isInstanceOf(ResourceNotFoundException.class)
                    .hasMessageContaining("Service principal");
            assertThat(stored(alice).active()).isTrue();
        }
    }

    @Nested
    class Deleting {
        private final Principal ci = service.createServicePrincipal(admin, servicePrincipal(null, "ci"));

        @Test
        void returnsHowManyTokensWentWithIt() {
            kit.activeToken(ci);
            kit.activeToken(ci);
            kit.activeToken(ci);
            kit.activeToken(kit.admin);
            assertThat(service.tokenCount(admin, ci.id())).isEqualTo(3);

            int deleted = service.delete(admin, PrincipalKind.SERVICE_PRINCIPAL, ci.id());

            assertThat(deleted).isEqualTo(3);
            assertThat(kit.tokens.listByOwner(WORKSPACE, ci.id())).isEmpty();
            assertThat(kit.tokens.all()).hasSize(1);
            assertThat(kit.directory.principals.findById(WORKSPACE, ci.id())).isEmpty();
        }

        @Test
        void removesItsMembershipsAndRoleAssignments() {
            Group ops = kit.group("ops", ci);
            kit.assign(BuiltInRole.GROUP_ADMIN, ci, ops);

            service.delete(admin, PrincipalKind.SERVICE_PRINCIPAL, ci.id());

            assertThat(kit.members(ops)).isEmpty();
            assertThat(kit.directory.assignments.list(WORKSPACE))
                    .noneMatch(a -> ci.id().equals(a.principal()));
        }

        @Test
        void isAuditedWithWhatWasDeleted() {
            kit.activeToken(ci);

            service.delete(admin, PrincipalKind.SERVICE_PRINCIPAL, ci.id());

            assertThat(kit.audit.eventsWith(AuditAction.PRINCIPAL_DELETED))
                    .singleElement()
                    .satisfies(event -> {
                        assertThat(event.targetId()).isEqualTo(ci.id().toString());
                        assertThat(event.details())
                                .containsEntry("tokens_deleted", "1")
                                .containsEntry("before", "SERVICE_PRINCIPAL " + ci.applicationId() + " (ci), active");
                    });
        }

        @Test
        void withTheWrongKindIsNotFoundAndDeletesNothing() {
            kit.activeToken(ci);

            assertThatThrownBy(() -> service.delete(admin, PrincipalKind.USER, ci.id()))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThat(stored(ci)).isEqualTo(ci);
            assertThat(kit.tokens.listByOwner(WORKSPACE, ci.id())).hasSize(1);
        }
    }

    @Nested
    class Reading {
        private final Principal alice =
                service.createUser(admin, new UserDetails("alice", "Alice", null, null, null, null, null), HASH);
        private final Principal ci = service.createServicePrincipal(admin, servicePrincipal(null, "ci"));

        @Test
        void getsAPrincipalOfTheAskedKind() {
            assertThat(service.get(admin, PrincipalKind.USER, alice.id())).isEqualTo(alice);
            assertThat(service.get(admin, PrincipalKind.SERVICE_PRINCIPAL, ci.id()))
                    .isEqualTo(ci);
        }

        @Test
        void getWithTheWrongKindIsNotFound() {
            assertThatThrownBy(() -> service.get(admin, PrincipalKind.SERVICE_PRINCIPAL, alice.id()))
                    .isInstanceOf(ResourceNotFoundException.class)
                    .hasMessage("Service principal " + alice.id() + " does not exist.");
            assertThatThrownBy(() -> service.get(admin, PrincipalKind.USER, ci.id()))
                    .isInstanceOf(ResourceNotFoundException.class)
                    .hasMessage("User " + ci.id() + " does not exist.");
        }

        @Test
        void searchesOneKindByNameFragment() {
            service.createUser(admin, new UserDetails("bob", "Bob", null, null, null, null, null), HASH);

            var users =
                    service.search(admin, PrincipalKind.USER, PrincipalQuery.containing("ALI"), PageRequest.first(10));

            assertThat(users.items()).containsExactly(alice);
            assertThat(users.total()).isEqualTo(1);
            assertThat(service.search(admin, PrincipalKind.SERVICE_PRINCIPAL, PrincipalQuery.ALL, PageRequest.first(10))
                            .items())
                    .containsExactly(ci);
        }

        @Test
        void searchesByAFilterWithUserNameIgnoringCase() {
            assertThat(service.search(
                                    admin,
                                    PrincipalKind.SERVICE_PRINCIPAL,
                                    PrincipalQuery.filtered(
                                            FilterParser.parse(
                                                    "applicationId eq \"" + ci.applicationId() + "\"",
                                                    PrincipalAttributes.SERVICE_PRINCIPALS),
                                            null),
                                    PageRequest.first(10))
                            .items())
                    .containsExactly(ci);
            assertThat(service.search(
                                    admin,
                                    PrincipalKind.USER,
                                    PrincipalQuery.filtered(
                                            FilterParser.parse("userName eq \"ALICE\"", PrincipalAttributes.USERS),
                                            null),
                                    PageRequest.first(10))
                            .items())
                    .extracting(Principal::userName)
                    .containsExactly("alice");
        }

        @Test
        void meIsThePrincipalBehindTheActorWhateverItsKind() {
            assertThat(service.me(Principals.actor(ci))).isEqualTo(ci);
            assertThat(service.me(admin)).isEqualTo(kit.admin);
        }
    }

    @Nested
    class ForAnActorHoldingOnlyTheUserRole {
        private final Principal bob = kit.user("bob", BuiltInRole.USER);
        private final Principal alice = kit.user("alice", BuiltInRole.USER);
        private final Actor actor = Principals.actor(bob);

        private void assertDenied(ThrowingCallable write) {
            Map<String, Object> before = kit.state();

            assertThatThrownBy(write).isInstanceOfSatisfying(PermissionDeniedException.class, denied -> {
                assertThat(denied.permission()).isEqualTo("scim:write");
                assertThat(denied).hasMessageContaining("bob").hasMessageContaining("Roles held: user");
            });
            assertThat(kit.state()).isEqualTo(before);
        }

        @Test
        void everyWriteIsRefused() {
            kit.activeToken(alice);
            assertDenied(() -> service.createUser(actor, user("carol"), HASH));
            assertDenied(() -> service.createServicePrincipal(actor, servicePrincipal(null, "ci")));
            assertDenied(() -> service.replaceUser(actor, alice.id(), user("alice2")));
            assertDenied(() -> service.replaceServicePrincipal(actor, alice.id(), servicePrincipal(null, "x")));
            assertDenied(() -> service.setActive(actor, PrincipalKind.USER, alice.id(), false));
            assertDenied(() -> service.delete(actor, PrincipalKind.USER, alice.id()));
        }

        @Test
        void evenOnItself() {
            assertDenied(() -> service.replaceUser(actor, bob.id(), user("bobby")));
            assertDenied(() -> service.setActive(actor, PrincipalKind.USER, bob.id(), false));
        }

        @Test
        void readsAreAllowed() {
            assertThat(service.get(actor, PrincipalKind.USER, alice.id())).isEqualTo(alice);
            assertThat(service.search(actor, PrincipalKind.USER, PrincipalQuery.ALL, PageRequest.first(10))
                            .total())
                    .isEqualTo(3);
            assertThat(service.tokenCount(actor, alice.id())).isZero();
            assertThat(service.me(actor)).isEqualTo(bob);
        }

        @Test
        void aPrincipalWithoutRolesMayNotEvenRead() {
            Actor nobody = Principals.actor(kit.user("nobody"));

            assertThatThrownBy(() -> service.get(nobody, PrincipalKind.USER, alice.id()))
                    .isInstanceOfSatisfying(
                            PermissionDeniedException.class,
                            denied -> assertThat(denied.permission()).isEqualTo("scim:read"))
                    .hasMessageContaining("Roles held: none");
        }

        @Test
        void aDeactivatedAdminMayDoNothing() {
            Principal second = kit.user("second", BuiltInRole.WORKSPACE_ADMIN);
            kit.directory.principals.save(second.withActive(false));

            assertThatThrownBy(() -> service.createUser(Principals.actor(second), user("carol"), HASH))
                    .isInstanceOf(PermissionDeniedException.class);
        }
    }

    @Nested
    class AcrossWorkspaces {
        private final Principal foreign =
                kit.principalIn(OTHER_WORKSPACE, Principals.aUser("mallory").build(), BuiltInRole.WORKSPACE_ADMIN);
        private final Principal alice = kit.user("alice", BuiltInRole.USER);

        @Test
        void anIdOfAnotherWorkspaceIsUnknown() {
            Actor other = Principals.actor(foreign);

            assertThatThrownBy(() -> service.get(other, PrincipalKind.USER, alice.id()))
                    .isInstanceOf(ResourceNotFoundException.class)
                    .hasMessage("User " + alice.id() + " does not exist.");
            assertThatThrownBy(() -> service.get(other, PrincipalKind.USER, new PrincipalId(9999)))
                    .isInstanceOf(ResourceNotFoundException.class)
                    .hasMessage("User 9999 does not exist.");
            assertThatThrownBy(() -> service.setActive(other, PrincipalKind.USER, alice.id(), false))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> service.delete(other, PrincipalKind.USER, alice.id()))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> service.replaceUser(other, alice.id(), user("x")))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThat(stored(alice)).isEqualTo(alice);
        }

        @Test
        void searchShowsOnlyTheActorsWorkspace() {
            assertThat(service.search(
                                    Principals.actor(foreign),
                                    PrincipalKind.USER,
                                    PrincipalQuery.ALL,
                                    PageRequest.first(10))
                            .items())
                    .containsExactly(foreign);
        }

        @Test
        void anAdminOfAnotherWorkspaceHoldsNothingHere() {
            Actor spoofed = new Actor(WORKSPACE, foreign.id(), "mallory", "127.0.0.1");

            assertThatThrownBy(() -> service.get(spoofed, PrincipalKind.USER, alice.id()))
                    .isInstanceOf(PermissionDeniedException.class);
        }
    }
}
