package dev.warden.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.group.Group;
import dev.warden.core.permission.Permission;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.InMemoryPrincipalRepository;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.Principals;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.settings.InMemorySettingsRepository;
import dev.warden.core.settings.WorkspaceSettings;
import dev.warden.core.shared.MutableClock;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.testkit.InMemoryDirectory;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.DenialReason;
import dev.warden.core.token.InMemoryTokenRepository;
import dev.warden.core.token.RevocationAuthority;
import dev.warden.core.token.TokenDigest;
import dev.warden.core.token.TokenSecret;
import dev.warden.core.token.TokenStatus;
import dev.warden.core.token.Tokens;
import dev.warden.core.tokenusage.InMemoryTokenUsageRepository;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DecisionChainTest {
    private static final WorkspaceId WORKSPACE = new WorkspaceId(1);
    private static final WorkspaceId OTHER_WORKSPACE = new WorkspaceId(2);
    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant EXPIRES = CREATED.plus(Duration.ofDays(30));

    private final CoreTestKit kit =
            CoreTestKit.builder().startingAt(CREATED.plus(Duration.ofDays(10))).build();
    private final MutableClock clock = kit.clock;
    private final InMemoryTokenRepository tokens = kit.tokens;
    private final InMemoryDirectory directory = kit.directory;
    private final InMemoryPrincipalRepository principals = directory.principals;
    private final InMemorySettingsRepository settings = kit.settings;
    private final InMemoryTokenUsageRepository acl = kit.acl;
    private final DecisionChain chain = kit.decisions;

    private final Principal alice = principals.save(
            Principals.aUser("alice").withId(10).inWorkspace(WORKSPACE).build());

    {
        give(BuiltInRole.USER);
        acl.grant(WORKSPACE, TokenUsageEntry.forPrincipal(alice.id(), TokenUsageLevel.CAN_USE));
    }

    private RoleAssignment give(BuiltInRole role) {
        return directory.assignments.add(RoleAssignment.toPrincipal(
                WORKSPACE, directory.roles.builtIn(WORKSPACE, role).id(), alice.id(), null));
    }

    private Tokens.Builder alicesToken() {
        return Tokens.aToken()
                .inWorkspace(WORKSPACE)
                .ownedBy(alice.id())
                .createdAt(CREATED)
                .expiringAt(EXPIRES);
    }

    /** Stores the token and returns the value a client would present for it. */
    private String stored(Tokens.Builder token) {
        tokens.add(token.build());
        return token.value();
    }

    /** The trace walks the steps in order up to the failing one, which is the last and the only failure. */
    private static void assertDeniedAt(Decision decision, Step failed, DenialReason reason) {
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.token()).isNull();
        assertThat(decision.owner()).isNull();
        assertThat(decision.denialIfAny())
                .hasValueSatisfying(denial -> assertThat(denial.reason()).isEqualTo(reason));
        List<Step> expectedSteps = Arrays.asList(Step.values()).subList(0, failed.ordinal() + 1);
        assertThat(decision.trace()).extracting(StepOutcome::step).containsExactlyElementsOf(expectedSteps);
        assertThat(decision.trace().subList(0, failed.ordinal())).allMatch(StepOutcome::passed);
        StepOutcome last = decision.trace().get(failed.ordinal());
        assertThat(last.passed()).isFalse();
        assertThat(last.detail()).isEqualTo(decision.denial().message());
    }

    @Nested
    class Step1Presented {
        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", " ", "\t\n"})
        void noValueIsDeniedAsMissingWithoutLookingItUp(String presented) {
            Decision decision = chain.evaluate(presented);

            assertDeniedAt(decision, Step.PRESENTED, DenialReason.TOKEN_MISSING);
            assertThat(decision.denial().message()).contains("No access token").contains("Authorization: Bearer");
            assertThat(tokens.findByDigestCalls()).isZero();
        }

        @Test
        void credentialsOfAnotherSchemeAreDeniedAsMissingWithAMessageNamingBearer() {
            Decision decision = chain.refuseScheme("Basic");

            assertDeniedAt(decision, Step.PRESENTED, DenialReason.TOKEN_MISSING);
            assertThat(decision.denial().message())
                    .contains("Warden takes Bearer tokens", "'Basic' credentials")
                    .doesNotContain("No access token");
        }

        @Test
        void aSchemeThatIsNoSchemeNameIsNotEchoed() {
            Decision decision = chain.refuseScheme("x".repeat(300));

            assertThat(decision.denial().message())
                    .contains("These credentials")
                    .doesNotContain("xxx");
        }
    }

    @Nested
    class Step2Format {
        @Test
        void aMistypedValueIsDeniedAsMalformedWithoutQueryingTheRepository() {
            String value = stored(alicesToken());
            String mistyped = value.substring(0, 20) + (value.charAt(20) == 'x' ? 'y' : 'x') + value.substring(21);

            Decision decision = chain.evaluate(mistyped);

            assertDeniedAt(decision, Step.FORMAT, DenialReason.TOKEN_MALFORMED);
            assertThat(tokens.findByDigestCalls()).isZero();
        }

        @ParameterizedTest
        @ValueSource(strings = {"not-a-token", "ghp_0123456789abcdefghijABCDEFGHIJ0123456789abcdef", "Bearer wdn_abc"})
        void aForeignValueIsDeniedAsMalformed(String presented) {
            assertDeniedAt(chain.evaluate(presented), Step.FORMAT, DenialReason.TOKEN_MALFORMED);
            assertThat(tokens.findByDigestCalls()).isZero();
        }

        @Test
        void theMessageDescribesTheExpectedFormatAndTheFixWithoutEchoingTheValue() {
            String cut = Tokens.aValue().substring(0, 40);

            String message = chain.evaluate(cut).denial().message();

            assertThat(message)
                    .contains("malformed")
                    .contains("53 characters")
                    .contains("'wdn_'")
                    .contains("Copy the whole token again")
                    .doesNotContain(cut);
        }
    }

    @Nested
    class Step3Known {
        @Test
        void aWellFormedValueNobodyIssuedIsDeniedAsUnknown() {
            stored(alicesToken());

            Decision decision = chain.evaluate(Tokens.aValue());

            assertDeniedAt(decision, Step.KNOWN, DenialReason.TOKEN_UNKNOWN);
            assertThat(decision.denial().message()).contains("not known").contains("Create a new token");
            assertThat(tokens.findByDigestCalls()).isEqualTo(1);
        }

        @Test
        void aDeletedTokenIsDeniedAsUnknown() {
            Tokens.Builder builder = alicesToken();
            AccessToken token = builder.build();
            tokens.add(token);
            tokens.delete(WORKSPACE, token.id());

            assertDeniedAt(chain.evaluate(builder.value()), Step.KNOWN, DenialReason.TOKEN_UNKNOWN);
        }
    }

    @Nested
    class Step4NotRevoked {
        private final Instant revokedAt = CREATED.plus(Duration.ofDays(2));

        @Test
        void aRevokedTokenIsDeniedAsRevoked() {
            String value = stored(alicesToken().comment("deploy bot").revokedAt(revokedAt, alice.id()));

            Decision decision = chain.evaluate(value);

            assertDeniedAt(decision, Step.NOT_REVOKED, DenialReason.TOKEN_REVOKED);
            assertThat(decision.denial().message())
                    .contains("'deploy bot'")
                    .contains("revoked at " + revokedAt)
                    .contains("restore");
        }

        @Test
        void aTokenThatIsRevokedAndExpiredIsReportedAsRevokedTheFirstFailure() {
            String value = stored(alicesToken().revokedAt(revokedAt, alice.id()));
            clock.setInstant(EXPIRES.plus(Duration.ofDays(1)));

            assertDeniedAt(chain.evaluate(value), Step.NOT_REVOKED, DenialReason.TOKEN_REVOKED);
        }

        @Test
        void aRevokedTokenOfADeactivatedOwnerIsReportedAsRevoked() {
            principals.save(alice.withActive(false));
            String value = stored(alicesToken().revokedAt(revokedAt, alice.id()));

            assertDeniedAt(chain.evaluate(value), Step.NOT_REVOKED, DenialReason.TOKEN_REVOKED);
        }
    }

    @Nested
    class Step5NotExpired {
        @Test
        void aTokenIsDeniedAsExpiredFromExactlyItsExpiry() {
            String value = stored(alicesToken());
            clock.setInstant(EXPIRES);

            Decision decision = chain.evaluate(value);

            assertDeniedAt(decision, Step.NOT_EXPIRED, DenialReason.TOKEN_EXPIRED);
            assertThat(decision.denial().message())
                    .contains("expired at " + EXPIRES)
                    .contains("Create a new token");
        }

        @Test
        void aTokenIsStillAllowedJustBeforeItsExpiry() {
            String value = stored(alicesToken());
            clock.setInstant(EXPIRES.minusNanos(1));

            assertThat(chain.evaluate(value).allowed()).isTrue();
        }

        @Test
        void anExpiredTokenOfADeactivatedOwnerIsReportedAsExpired() {
            principals.save(alice.withActive(false));
            String value = stored(alicesToken());
            clock.setInstant(EXPIRES.plusSeconds(1));

            assertDeniedAt(chain.evaluate(value), Step.NOT_EXPIRED, DenialReason.TOKEN_EXPIRED);
        }
    }

    @Nested
    class Step6TokensEnabled {
        private void turnTokens(boolean on) {
            settings.save(WORKSPACE, new WorkspaceSettings(on, null, null, WorkspaceSettings.DEFAULT_QUOTA));
        }

        @Test
        void everyTokenIsDeniedAsTokensDisabledWhenTheWorkspaceTurnedThemOff() {
            String value = stored(alicesToken().comment("ci"));
            turnTokens(false);

            Decision decision = chain.evaluate(value);

            assertDeniedAt(decision, Step.TOKENS_ENABLED, DenialReason.TOKENS_DISABLED);
            assertThat(decision.denial().reason().httpStatus()).isEqualTo(403);
            assertThat(decision.denial().message())
                    .contains("disabled")
                    .contains("none was deleted")
                    .contains("enableTokensConfig")
                    .contains("Workspace settings");
        }

        @Test
        void turningTokensOffDeletesNothingAndTurningThemOnAgainAllowsTheSameToken() {
            Tokens.Builder builder = alicesToken();
            AccessToken token = builder.build();
            String value = stored(builder);
            turnTokens(false);
            assertThat(chain.evaluate(value).allowed()).isFalse();

            assertThat(tokens.all()).extracting(AccessToken::id).containsExactly(token.id());
            assertThat(tokens.all())
                    .singleElement()
                    .satisfies(stored ->
                            assertThat(stored.statusAt(clock.instant())).isEqualTo(TokenStatus.ACTIVE));

            turnTokens(true);

            Decision decision = chain.evaluate(value);
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.token().id()).isEqualTo(token.id());
        }

        @Test
        void anExpiredTokenIsReportedAsExpiredEvenWhenTokensAreOff() {
            String value = stored(alicesToken());
            turnTokens(false);
            clock.setInstant(EXPIRES);

            assertDeniedAt(chain.evaluate(value), Step.NOT_EXPIRED, DenialReason.TOKEN_EXPIRED);
        }

        @Test
        void aTokenOfADeactivatedOwnerIsReportedAsTokensDisabledTheEarlierStep() {
            principals.save(alice.withActive(false));
            String value = stored(alicesToken());
            turnTokens(false);

            assertDeniedAt(chain.evaluate(value), Step.TOKENS_ENABLED, DenialReason.TOKENS_DISABLED);
        }

        @Test
        void onlyTheWorkspaceThatTurnedTokensOffIsAffected() {
            String value = stored(alicesToken());
            settings.save(OTHER_WORKSPACE, new WorkspaceSettings(false, null, null, WorkspaceSettings.DEFAULT_QUOTA));

            assertThat(chain.evaluate(value).allowed()).isTrue();
        }

        @Test
        void theTraceSaysTokensAreEnabled() {
            Decision decision = chain.evaluate(stored(alicesToken()));

            assertThat(decision.trace().get(Step.TOKENS_ENABLED.ordinal()))
                    .satisfies(outcome -> assertThat(outcome.passed()).isTrue())
                    .satisfies(outcome -> assertThat(outcome.detail()).contains("enableTokensConfig"));
        }
    }

    @Nested
    class Step7OwnerActive {
        @Test
        void aTokenOfADeactivatedOwnerIsDeniedAsOwnerInactive() {
            principals.save(alice.withActive(false));
            String value = stored(alicesToken());

            Decision decision = chain.evaluate(value);

            assertDeniedAt(decision, Step.OWNER_ACTIVE, DenialReason.OWNER_INACTIVE);
            assertThat(decision.denial().message())
                    .contains("principal " + alice.id())
                    .contains("deactivated")
                    .contains("A workspace admin can reactivate the owner");
        }

        @Test
        void aTokenWhoseOwnerNoLongerExistsIsDeniedAsOwnerInactive() {
            String value = stored(alicesToken().ownedBy(new PrincipalId(999)));

            assertDeniedAt(chain.evaluate(value), Step.OWNER_ACTIVE, DenialReason.OWNER_INACTIVE);
        }

        @Test
        void anActivePrincipalWithTheSameIdInAnotherWorkspaceIsNotTheOwner() {
            principals.save(Principals.aUser("mallory")
                    .withId(77)
                    .inWorkspace(OTHER_WORKSPACE)
                    .build());
            String value = stored(alicesToken().ownedBy(new PrincipalId(77)));

            assertDeniedAt(chain.evaluate(value), Step.OWNER_ACTIVE, DenialReason.OWNER_INACTIVE);
        }
    }

    @Nested
    class Step8TokenUsage {
        private void removeAllEntries() {
            acl.replace(WORKSPACE, List.of());
        }

        private Group dataEng(TokenUsageLevel level) {
            Group group = directory.groups.save(new Group(null, WORKSPACE, "data-eng", null));
            directory.groups.addMember(WORKSPACE, group.id(), alice.id());
            acl.grant(WORKSPACE, TokenUsageEntry.forGroup(group.id(), level));
            return group;
        }

        @Test
        void anOwnerWithoutAnyEntryIsDeniedAsNoTokenUsagePermission() {
            removeAllEntries();
            String value = stored(alicesToken());

            Decision decision = chain.evaluate(value);

            assertDeniedAt(decision, Step.TOKEN_USAGE, DenialReason.NO_TOKEN_USAGE_PERMISSION);
            assertThat(decision.denial().reason().httpStatus()).isEqualTo(403);
        }

        @Test
        void theMessageNamesThePrincipalWhatItLacksAndWhereAnAdminGrantsIt() {
            removeAllEntries();

            String message = chain.evaluate(stored(alicesToken())).denial().message();

            assertThat(message)
                    .startsWith("alice ")
                    .contains("does not have permission to use tokens")
                    .contains("token usage")
                    .contains("Settings → Admin Console → Workspace settings → Permission Settings")
                    .contains("/api/2.0/permissions/authorization/tokens")
                    .contains("not deleted");
        }

        @Test
        void anEntryForAnotherPrincipalDoesNotCount() {
            removeAllEntries();
            Principal bob = principals.save(
                    Principals.aUser("bob").withId(11).inWorkspace(WORKSPACE).build());
            acl.grant(WORKSPACE, TokenUsageEntry.forPrincipal(bob.id(), TokenUsageLevel.CAN_USE));

            assertDeniedAt(
                    chain.evaluate(stored(alicesToken())), Step.TOKEN_USAGE, DenialReason.NO_TOKEN_USAGE_PERMISSION);
        }

        @Test
        void anEntryInAnotherWorkspaceDoesNotCount() {
            removeAllEntries();
            acl.grant(OTHER_WORKSPACE, TokenUsageEntry.forPrincipal(alice.id(), TokenUsageLevel.CAN_USE));

            assertDeniedAt(
                    chain.evaluate(stored(alicesToken())), Step.TOKEN_USAGE, DenialReason.NO_TOKEN_USAGE_PERMISSION);
        }

        @Test
        void aDirectEntryAllowsAndTheTraceNamesTheLevel() {
            Decision decision = chain.evaluate(stored(alicesToken()));

            assertThat(decision.allowed()).isTrue();
            assertThat(decision.trace().get(Step.TOKEN_USAGE.ordinal()).detail())
                    .isEqualTo("alice holds CAN_USE");
        }

        @Test
        void anEntryOfAGroupTheOwnerIsInAllows() {
            removeAllEntries();
            dataEng(TokenUsageLevel.CAN_USE);

            Decision decision = chain.evaluate(stored(alicesToken()));

            assertThat(decision.allowed()).isTrue();
            assertThat(decision.trace().get(Step.TOKEN_USAGE.ordinal()).detail())
                    .contains("CAN_USE");
        }

        @Test
        void anEntryOfAGroupTheOwnerIsNotInDoesNotAllow() {
            removeAllEntries();
            Group group = dataEng(TokenUsageLevel.CAN_USE);
            directory.groups.removeMember(WORKSPACE, group.id(), alice.id());

            assertDeniedAt(
                    chain.evaluate(stored(alicesToken())), Step.TOKEN_USAGE, DenialReason.NO_TOKEN_USAGE_PERMISSION);
        }

        @Test
        void aWorkspaceAdminWithoutAnyEntryIsAllowedAsCanManage() {
            removeAllEntries();
            give(BuiltInRole.WORKSPACE_ADMIN);

            Decision decision = chain.evaluate(stored(alicesToken()));

            assertThat(decision.allowed()).isTrue();
            assertThat(decision.trace().get(Step.TOKEN_USAGE.ordinal()).detail())
                    .isEqualTo("alice holds CAN_MANAGE");
        }

        @Test
        void losingTheEntrySuspendsTheTokenAndGrantingItAgainRestoresIt() {
            Tokens.Builder builder = alicesToken();
            AccessToken token = builder.build();
            String value = stored(builder);
            assertThat(chain.evaluate(value).allowed()).isTrue();

            removeAllEntries();

            assertDeniedAt(chain.evaluate(value), Step.TOKEN_USAGE, DenialReason.NO_TOKEN_USAGE_PERMISSION);
            assertThat(tokens.all()).singleElement().satisfies(stored -> {
                assertThat(stored.id()).isEqualTo(token.id());
                assertThat(stored.statusAt(clock.instant())).isEqualTo(TokenStatus.ACTIVE);
            });

            acl.replace(WORKSPACE, List.of(TokenUsageEntry.forPrincipal(alice.id(), TokenUsageLevel.CAN_USE)));

            Decision decision = chain.evaluate(value);
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.token().id()).isEqualTo(token.id());
        }

        @Test
        void leavingTheGroupSuspendsTheTokenAndJoiningAgainRestoresIt() {
            removeAllEntries();
            Group group = dataEng(TokenUsageLevel.CAN_USE);
            String value = stored(alicesToken());
            assertThat(chain.evaluate(value).allowed()).isTrue();

            directory.groups.removeMember(WORKSPACE, group.id(), alice.id());
            assertDeniedAt(chain.evaluate(value), Step.TOKEN_USAGE, DenialReason.NO_TOKEN_USAGE_PERMISSION);

            directory.groups.addMember(WORKSPACE, group.id(), alice.id());
            assertThat(chain.evaluate(value).allowed()).isTrue();
        }

        @Test
        void grantingItAgainDoesNotBringBackATokenRevokedMeanwhile() {
            String value = stored(alicesToken().revokedAt(CREATED.plus(Duration.ofDays(5)), alice.id()));
            removeAllEntries();

            acl.replace(WORKSPACE, List.of(TokenUsageEntry.forPrincipal(alice.id(), TokenUsageLevel.CAN_USE)));

            assertDeniedAt(chain.evaluate(value), Step.NOT_REVOKED, DenialReason.TOKEN_REVOKED);
        }

        @Test
        void grantingItAgainDoesNotBringBackATokenThatExpiredMeanwhile() {
            String value = stored(alicesToken());
            removeAllEntries();
            clock.setInstant(EXPIRES.plusSeconds(1));

            acl.replace(WORKSPACE, List.of(TokenUsageEntry.forPrincipal(alice.id(), TokenUsageLevel.CAN_USE)));

            assertDeniedAt(chain.evaluate(value), Step.NOT_EXPIRED, DenialReason.TOKEN_EXPIRED);
        }

        @Test
        void aRevokedTokenOfAnOwnerWithoutUsageIsReportedAsRevoked() {
            removeAllEntries();
            String value = stored(alicesToken().revokedAt(CREATED.plus(Duration.ofDays(2)), alice.id()));

            assertDeniedAt(chain.evaluate(value), Step.NOT_REVOKED, DenialReason.TOKEN_REVOKED);
        }

        @Test
        void aDeactivatedOwnerWithoutUsageIsReportedAsOwnerInactiveBeforeUsage() {
            removeAllEntries();
            principals.save(alice.withActive(false));

            assertDeniedAt(chain.evaluate(stored(alicesToken())), Step.OWNER_ACTIVE, DenialReason.OWNER_INACTIVE);
        }

        @Test
        void aDeactivatedOwnerWithAnEntryIsStillReportedAsOwnerInactive() {
            principals.save(alice.withActive(false));

            assertDeniedAt(chain.evaluate(stored(alicesToken())), Step.OWNER_ACTIVE, DenialReason.OWNER_INACTIVE);
        }

        @Test
        void noUsageStopsBeforeTheRoleIsLookedAt() {
            removeAllEntries();
            give(BuiltInRole.AUDITOR);

            assertDeniedAt(
                    chain.evaluate(stored(alicesToken()), Permission.AUDIT_READ),
                    Step.TOKEN_USAGE,
                    DenialReason.NO_TOKEN_USAGE_PERMISSION);
        }
    }

    @Nested
    class Step9RoleGrantsPermission {
        @Test
        void aPermissionTheOwnersRolesLackIsDeniedNamingTheRolesHeld() {
            String value = stored(alicesToken());

            Decision decision = chain.evaluate(value, Permission.SCIM_WRITE);

            assertDeniedAt(decision, Step.ROLE_GRANTS_PERMISSION, DenialReason.ROLE_LACKS_PERMISSION);
            assertThat(decision.denial().message())
                    .contains("alice")
                    .contains("scim:write")
                    .contains("Roles held: user");
        }

        @Test
        void aRoleGivenAfterTheTokenWasIssuedCountsOnTheNextRequest() {
            String value = stored(alicesToken());
            assertThat(chain.evaluate(value, Permission.SCIM_WRITE).allowed()).isFalse();

            give(BuiltInRole.WORKSPACE_ADMIN);

            assertThat(chain.evaluate(value, Permission.SCIM_WRITE).allowed()).isTrue();
        }

        @Test
        void aRoleTakenAwayStopsTheNextRequest() {
            RoleAssignment admin = give(BuiltInRole.WORKSPACE_ADMIN);
            String value = stored(alicesToken());
            assertThat(chain.evaluate(value, Permission.SCIM_WRITE).allowed()).isTrue();

            directory.assignments.delete(WORKSPACE, admin.id());

            assertDeniedAt(
                    chain.evaluate(value, Permission.SCIM_WRITE),
                    Step.ROLE_GRANTS_PERMISSION,
                    DenialReason.ROLE_LACKS_PERMISSION);
        }

        @Test
        void anAuthenticationFailureStopsBeforeThePermissionIsLookedAt() {
            principals.save(alice.withActive(false));

            assertDeniedAt(
                    chain.evaluate(stored(alicesToken()), Permission.TOKENS_READ),
                    Step.OWNER_ACTIVE,
                    DenialReason.OWNER_INACTIVE);
        }

        @Test
        void aRoleHeldThroughAGroupNamesTheGroup() {
            Group ops = directory.groups.save(new Group(null, WORKSPACE, "ops", null));
            directory.groups.addMember(WORKSPACE, ops.id(), alice.id());
            directory.assignments.add(RoleAssignment.toGroup(
                    WORKSPACE,
                    directory.roles.builtIn(WORKSPACE, BuiltInRole.AUDITOR).id(),
                    ops.id(),
                    null));

            Decision decision = chain.evaluate(stored(alicesToken()), Permission.AUDIT_READ);

            assertThat(decision.allowed()).isTrue();
            assertThat(decision.trace()
                            .get(Step.ROLE_GRANTS_PERMISSION.ordinal())
                            .detail())
                    .contains("auditor via group ops");
        }
    }

    @Nested
    class Step10ScopeGrantsPermission {
        private String scoped(Permission... permissions) {
            return stored(alicesToken()
                    .withScopes(Arrays.stream(permissions).map(Scope::of).toArray(Scope[]::new)));
        }

        @Test
        void aPermissionWithinTheTokensScopesIsAllowed() {
            Decision decision = chain.evaluate(scoped(Permission.SCIM_READ), Permission.SCIM_READ);

            assertThat(decision.allowed()).isTrue();
            assertThat(decision.trace()
                            .get(Step.SCOPE_GRANTS_PERMISSION.ordinal())
                            .detail())
                    .contains("'scim:read' is within the token's scope 'scim:read'");
        }

        @Test
        void aPermissionTheOwnerHoldsButTheScopesLackIsDeniedListingBothSides() {
            Decision decision =
                    chain.evaluate(scoped(Permission.SCIM_READ, Permission.TOKENS_READ), Permission.TOKENS_WRITE);

            assertDeniedAt(decision, Step.SCOPE_GRANTS_PERMISSION, DenialReason.SCOPE_MISSING);
            assertThat(decision.denial().message())
                    .contains("needs the scope 'tokens:write'")
                    .contains("holds only scim:read, tokens:read")
                    .contains("create a token with 'tokens:write'");
            assertThat(decision.denial().fact(Denial.REQUIRED_SCOPE)).containsExactly("tokens:write");
            assertThat(decision.denial().fact(Denial.TOKEN_SCOPES)).containsExactly("scim:read", "tokens:read");
        }

        @Test
        void allApisCoversEveryPermissionTheOwnerHolds() {
            String value = stored(alicesToken());

            for (Permission permission : BuiltInRole.USER.permissions()) {
                assertThat(chain.evaluate(value, permission).allowed())
                        .as(permission.key())
                        .isTrue();
            }
        }

        @Test
        void theRoleIsCheckedBeforeTheScope() {
            Decision decision = chain.evaluate(scoped(Permission.SCIM_READ), Permission.SCIM_WRITE);

            assertDeniedAt(decision, Step.ROLE_GRANTS_PERMISSION, DenialReason.ROLE_LACKS_PERMISSION);
            assertThat(decision.denial().fact(Denial.REQUIRED_PERMISSION)).containsExactly("scim:write");
            assertThat(decision.denial().fact(Denial.ROLES)).containsExactly("user");
        }

        @Test
        void downgradingTheOwnerRestrictsTheTokenAtOnce() {
            RoleAssignment admin = give(BuiltInRole.WORKSPACE_ADMIN);
            String value = scoped(Permission.SCIM_WRITE, Permission.SCIM_READ);
            assertThat(chain.evaluate(value, Permission.SCIM_WRITE).allowed()).isTrue();

            directory.assignments.delete(WORKSPACE, admin.id());

            assertDeniedAt(
                    chain.evaluate(value, Permission.SCIM_WRITE),
                    Step.ROLE_GRANTS_PERMISSION,
                    DenialReason.ROLE_LACKS_PERMISSION);
            assertThat(chain.evaluate(value, Permission.SCIM_READ).allowed()).isTrue();
        }

        @Test
        void upgradingTheOwnerNeverWidensTheTokenBeyondItsScopes() {
            String value = scoped(Permission.SCIM_READ);

            give(BuiltInRole.WORKSPACE_ADMIN);

            assertDeniedAt(
                    chain.evaluate(value, Permission.SCIM_WRITE),
                    Step.SCOPE_GRANTS_PERMISSION,
                    DenialReason.SCOPE_MISSING);
            assertDeniedAt(
                    chain.evaluate(value, Permission.SETTINGS_WRITE),
                    Step.SCOPE_GRANTS_PERMISSION,
                    DenialReason.SCOPE_MISSING);
        }
    }

    @Nested
    class ForAStoredToken {
        @Test
        void theFirstTwoStepsPassByIdAndTheRestAreTheRealOnes() {
            tokens.add(alicesToken().build());
            AccessToken token = tokens.all().get(0);

            Decision decision = chain.evaluateStored(token);

            assertThat(decision.allowed()).isTrue();
            assertThat(decision.trace())
                    .extracting(StepOutcome::step)
                    .containsExactly(
                            Step.PRESENTED,
                            Step.FORMAT,
                            Step.KNOWN,
                            Step.NOT_REVOKED,
                            Step.NOT_EXPIRED,
                            Step.TOKENS_ENABLED,
                            Step.OWNER_ACTIVE,
                            Step.TOKEN_USAGE);
            assertThat(decision.trace().get(0).detail()).contains("by token id " + token.id());
            assertThat(tokens.findByDigestCalls()).isZero();
        }

        @Test
        void aStoredTokenIsDeniedExactlyAsItsPresentedValueWouldBe() {
            String value = stored(alicesToken().revokedAt(CREATED.plusSeconds(5), alice.id()));
            AccessToken token = tokens.all().get(0);

            Decision byId = chain.evaluateStored(token);
            Decision byValue = chain.evaluate(value);

            assertDeniedAt(byId, Step.NOT_REVOKED, DenialReason.TOKEN_REVOKED);
            assertThat(byId.denial()).isEqualTo(byValue.denial());
            assertThat(byId.trace().subList(3, byId.trace().size()))
                    .isEqualTo(byValue.trace().subList(3, byValue.trace().size()));
        }
    }

    @Nested
    class WhenEveryCheckPasses {
        @Test
        void allowsWithTheTokenAndItsOwner() {
            String value = stored(alicesToken());

            Decision decision = chain.evaluate(value);

            assertThat(decision.allowed()).isTrue();
            assertThat(decision.denialIfAny()).isEmpty();
            assertThat(decision.token().digest()).isEqualTo(TokenDigest.of(value));
            assertThat(decision.token().owner()).isEqualTo(alice.id());
            assertThat(decision.owner().id()).isEqualTo(alice.id());
            assertThat(decision.owner().name()).isEqualTo("alice");
        }

        @Test
        void theTracePassesEveryStepInOrder() {
            Decision decision = chain.evaluate(stored(alicesToken()), Permission.TOKENS_READ);

            assertThat(decision.allowed()).isTrue();
            assertThat(decision.trace()).extracting(StepOutcome::step).containsExactly(Step.values());
            assertThat(decision.trace()).allMatch(StepOutcome::passed);
            assertThat(decision.trace()
                            .get(Step.ROLE_GRANTS_PERMISSION.ordinal())
                            .detail())
                    .contains("tokens:read")
                    .contains("user");
            assertThat(decision.trace().get(Step.NOT_EXPIRED.ordinal()).detail())
                    .contains(EXPIRES.toString());
            assertThat(decision.trace().get(Step.OWNER_ACTIVE.ordinal()).detail())
                    .contains("alice");
        }

        @Test
        void authenticationAloneWalksTheStepsUpToTokenUsage() {
            Decision decision = chain.evaluate(stored(alicesToken()));

            assertThat(decision.allowed()).isTrue();
            assertThat(decision.trace())
                    .extracting(StepOutcome::step)
                    .containsExactlyElementsOf(Arrays.asList(Step.values()).subList(0, Step.TOKEN_USAGE.ordinal() + 1));
        }

        @Test
        void aTokenThatNeverExpiresIsAllowedYearsLater() {
            String value = stored(alicesToken().neverExpiring());
            clock.setInstant(Instant.parse("2099-01-01T00:00:00Z"));

            Decision decision = chain.evaluate(value);

            assertThat(decision.allowed()).isTrue();
            assertThat(decision.trace().get(Step.NOT_EXPIRED.ordinal()).detail())
                    .isEqualTo("never expires");
        }

        @Test
        void theTraceNeverContainsThePresentedValue() {
            String value = stored(alicesToken());

            Decision decision = chain.evaluate(value);

            assertThat(decision.trace())
                    .extracting(StepOutcome::detail)
                    .noneMatch(detail -> detail.contains(value.substring(4, 47)));
        }
    }

    @Nested
    class AfterRotation {
        private final Tokens.Builder builder = alicesToken();
        private final String oldValue = stored(builder);
        private final String newValue = Tokens.aValue();

        /** Rotates the stored token to {@link #newValue} now, as the token service does. */
        private void rotate(Duration grace) {
            AccessToken token = tokens.all().get(0);
            TokenSecret secret = new TokenSecret(newValue);
            token.rotate(secret.digest(), secret.displayHint("wdn_"), clock.instant(), grace);
            tokens.update(token);
        }

        @Test
        void theNewValueAuthenticates() {
            rotate(Duration.ZERO);

            Decision decision = chain.evaluate(newValue);

            assertThat(decision.allowed()).isTrue();
            assertThat(decision.token().id()).isEqualTo(builder.build().id());
            assertThat(decision.owner().id()).isEqualTo(alice.id());
        }

        @Test
        void withoutGraceTheOldValueIsUnknownAtOnce() {
            rotate(Duration.ZERO);

            assertDeniedAt(chain.evaluate(oldValue), Step.KNOWN, DenialReason.TOKEN_UNKNOWN);
            assertThat(chain.evaluate(newValue).allowed()).isTrue();
        }

        @Test
        void withGraceTheOldValueAuthenticatesUntilTheGraceEndsAndIsUnknownFromThen() {
            Instant rotatedAt = clock.instant();
            rotate(Duration.ofHours(2));

            Decision during = chain.evaluate(oldValue);
            assertThat(during.allowed()).isTrue();
            assertThat(during.owner().id()).isEqualTo(alice.id());
            assertThat(chain.evaluate(newValue).allowed()).isTrue();

            clock.setInstant(rotatedAt.plus(Duration.ofHours(2)).minusNanos(1));
            assertThat(chain.evaluate(oldValue).allowed()).isTrue();

            clock.setInstant(rotatedAt.plus(Duration.ofHours(2)));
            assertDeniedAt(chain.evaluate(oldValue), Step.KNOWN, DenialReason.TOKEN_UNKNOWN);
            assertThat(chain.evaluate(newValue).allowed()).isTrue();
        }

        @Test
        void theOldValueInsideItsGraceIsStillDeniedWhenTheTokenIsRevoked() {
            rotate(Duration.ofHours(2));
            AccessToken token = tokens.all().get(0);
            token.revoke(alice.id(), RevocationAuthority.OWNER, clock.instant());
            tokens.update(token);

            assertDeniedAt(chain.evaluate(oldValue), Step.NOT_REVOKED, DenialReason.TOKEN_REVOKED);
        }
    }

    @Test
    void eachDenialReasonAnswersWithTheStatusDesignGives() {
        Map<DenialReason, Integer> design = new EnumMap<>(DenialReason.class);
        design.put(DenialReason.TOKEN_MISSING, 401);
        design.put(DenialReason.TOKEN_MALFORMED, 401);
        design.put(DenialReason.TOKEN_UNKNOWN, 401);
        design.put(DenialReason.TOKEN_REVOKED, 401);
        design.put(DenialReason.TOKEN_EXPIRED, 401);
        design.put(DenialReason.TOKENS_DISABLED, 403);
        design.put(DenialReason.OWNER_INACTIVE, 401);
        design.put(DenialReason.NO_TOKEN_USAGE_PERMISSION, 403);
        design.put(DenialReason.ROLE_LACKS_PERMISSION, 403);
        design.put(DenialReason.SCOPE_MISSING, 403);

        assertThat(design.keySet()).containsExactly(DenialReason.values());
        for (DenialReason reason : DenialReason.values()) {
            assertThat(reason.httpStatus()).as(reason.name()).isEqualTo(design.get(reason));
            assertThat(reason.isUnauthenticated()).as(reason.name()).isEqualTo(design.get(reason) == 401);
        }
    }
}
