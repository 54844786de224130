package dev.warden.core.settings;

import static dev.warden.core.testkit.CoreTestKit.OTHER_WORKSPACE;
import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static dev.warden.core.testkit.CoreTestKit.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.testkit.CoreTestKit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsServiceTest {
    private static final String ENABLE = SettingsService.ENABLE_TOKENS;
    private static final String MAX = SettingsService.MAX_LIFETIME_DAYS;
    private static final String DEFAULT = SettingsService.DEFAULT_LIFETIME_DAYS;
    private static final String QUOTA = SettingsService.TOKEN_QUOTA;

    private final CoreTestKit kit = new CoreTestKit();
    private final SettingsService service = kit.settingsService;
    private final Actor admin = kit.asAdmin();
    private final Principal alice = kit.user("alice", BuiltInRole.USER);

    private WorkspaceSettings stored() {
        return kit.settings.get(WORKSPACE);
    }

    private void given(WorkspaceSettings settings) {
        kit.settings.with(WORKSPACE, settings);
    }

    private WorkspaceSettings update(String key, String value) {
        Map<String, String> change = new HashMap<>();
        change.put(key, value);
        return service.update(admin, change);
    }

    /** The change is refused as invalid for this key, and nothing is stored or audited. */
    private InvalidParameterException invalid(String field, ThrowingCallable call) {
        Map<String, Object> before = kit.state();
        int saves = kit.settings.saves();
        InvalidParameterException thrown = catchThrowableOfType(call, InvalidParameterException.class);
        assertThat(thrown).as("expected InvalidParameterException").isNotNull();
        assertThat(thrown.field()).isEqualTo(field);
        assertThat(thrown).hasMessageContaining(field);
        assertThat(kit.state()).isEqualTo(before);
        assertThat(kit.settings.saves()).isEqualTo(saves);
        return thrown;
    }

    @Nested
    class Defaults {
        @Test
        void aWorkspaceThatNeverChangedItsSettingsHasTheDefaults() {
            WorkspaceSettings settings = service.get(admin);

            assertThat(settings).isEqualTo(WorkspaceSettings.DEFAULTS);
            assertThat(settings.tokensEnabled()).isTrue();
            assertThat(settings.maxTokenLifetimeDays()).isNull();
            assertThat(settings.defaultTokenLifetimeDays()).isNull();
            assertThat(settings.tokenQuota()).isEqualTo(600);
        }

        @Test
        void asConfListsEveryKnownKeyInOrderWithEmptyForNoValue() {
            assertThat(SettingsService.asConf(WorkspaceSettings.DEFAULTS))
                    .containsExactly(
                            Map.entry(ENABLE, "true"),
                            Map.entry(MAX, ""),
                            Map.entry(DEFAULT, ""),
                            Map.entry(QUOTA, "600"),
                            Map.entry(SettingsService.MAX_SECRET_LIFETIME_DAYS, ""),
                            Map.entry(SettingsService.REVOKE_UNUSED_DAYS, ""));
            assertThat(SettingsService.asConf(WorkspaceSettings.DEFAULTS).keySet())
                    .containsExactlyElementsOf(SettingsService.KEYS);
        }

        @Test
        void asConfWritesNumbersAsStrings() {
            assertThat(SettingsService.asConf(new WorkspaceSettings(false, 90, 30, 5, 365, 180)))
                    .containsExactly(
                            Map.entry(ENABLE, "false"),
                            Map.entry(MAX, "90"),
                            Map.entry(DEFAULT, "30"),
                            Map.entry(QUOTA, "5"),
                            Map.entry(SettingsService.MAX_SECRET_LIFETIME_DAYS, "365"),
                            Map.entry(SettingsService.REVOKE_UNUSED_DAYS, "180"));
        }

        @Test
        void anAuditorMayReadTheSettings() {
            Principal auditor = kit.user("carol", BuiltInRole.AUDITOR);

            assertThat(service.get(as(auditor))).isEqualTo(WorkspaceSettings.DEFAULTS);
        }

        @Test
        void aUserMayNotReadTheSettings() {
            PermissionDeniedException denied =
                    catchThrowableOfType(() -> service.get(as(alice)), PermissionDeniedException.class);

            assertThat(denied.permission()).isEqualTo("settings:read");
        }
    }

    @Nested
    class EnableTokensConfig {
        @Test
        void falseTurnsTokensOffAndTrueOnAgain() {
            assertThat(update(ENABLE, "false").tokensEnabled()).isFalse();
            assertThat(stored().tokensEnabled()).isFalse();

            assertThat(update(ENABLE, "true").tokensEnabled()).isTrue();
            assertThat(stored().tokensEnabled()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"yes", "no", "1", "0", "", "on", "truee"})
        void anyOtherValueIsRefusedNamingTheKey(String value) {
            InvalidParameterException thrown = invalid(ENABLE, () -> update(ENABLE, value));

            assertThat(thrown).hasMessageContaining("\"true\" or \"false\"");
        }

        @Test
        void noValueIsRefused() {
            invalid(ENABLE, () -> update(ENABLE, null));
        }
    }

    @Nested
    class MaxTokenLifetimeDays {
        @ParameterizedTest
        @ValueSource(ints = {1, 90, 730})
        void acceptsOneTo730Days(int days) {
            assertThat(update(MAX, Integer.toString(days)).maxTokenLifetimeDays())
                    .isEqualTo(days);
            assertThat(stored().maxTokenLifetimeDays()).isEqualTo(days);
        }

        @Test
        void toleratesSurroundingWhitespace() {
            assertThat(update(MAX, " 30 ").maxTokenLifetimeDays()).isEqualTo(30);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "731", "-1", "abc", "1.5", "99999999999"})
        void refusesAnythingElseNamingTheKey(String value) {
            invalid(MAX, () -> update(MAX, value));
        }

        @Test
        void theRefusalNamesTheAllowedRange() {
            assertThat(invalid(MAX, () -> update(MAX, "731")))
                    .hasMessageContaining("1 to 730")
                    .hasMessageContaining("731");
        }

        @Test
        void emptyRemovesTheCap() {
            given(new WorkspaceSettings(true, 90, null, 600));

            assertThat(update(MAX, "").maxTokenLifetimeDays()).isNull();
            assertThat(stored().maxTokenLifetimeDays()).isNull();
        }

        @Test
        void nullRemovesTheCap() {
            given(new WorkspaceSettings(true, 90, null, 600));

            assertThat(update(MAX, null).maxTokenLifetimeDays()).isNull();
        }

        @Test
        void aCapBelowTheCurrentDefaultIsRefusedAndNothingIsStored() {
            given(new WorkspaceSettings(true, null, 90, 600));

            InvalidParameterException thrown = invalid(DEFAULT, () -> update(MAX, "30"));

            assertThat(thrown)
                    .hasMessageContaining(MAX)
                    .hasMessageContaining("90")
                    .hasMessageContaining("30");
        }
    }

    @Nested
    class MaxSecretLifetimeDays {
        private static final String KEY = SettingsService.MAX_SECRET_LIFETIME_DAYS;

        @ParameterizedTest
        @ValueSource(ints = {1, 90, 730})
        void acceptsOneTo730DaysAndCapsNewSecrets(int days) {
            assertThat(update(KEY, Integer.toString(days)).maxSecretLifetimeDays())
                    .isEqualTo(days);
            assertThat(stored().maxSecretLifetime()).isEqualTo(java.time.Duration.ofDays(days));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "731", "-3", "ninety"})
        void refusesAnythingElseNamingTheKey(String value) {
            invalid(KEY, () -> update(KEY, value));
        }

        @Test
        void emptyGoesBackTo730Days() {
            given(new WorkspaceSettings(true, null, null, 600, 30));

            assertThat(update(KEY, "").maxSecretLifetimeDays()).isNull();
            assertThat(stored().maxSecretLifetime()).isEqualTo(java.time.Duration.ofDays(730));
        }

        @Test
        void theTokenSettingsDoNotTouchIt() {
            given(new WorkspaceSettings(true, null, null, 600, 30));

            assertThat(update(MAX, "10").maxSecretLifetimeDays()).isEqualTo(30);
        }
    }

    @Nested
    class RevokeUnusedTokensAfterDays {
        private static final String KEY = SettingsService.REVOKE_UNUSED_DAYS;

        @ParameterizedTest
        @ValueSource(ints = {7, 90, 730})
        void acceptsSevenTo730Days(int days) {
            assertThat(update(KEY, Integer.toString(days)).revokeUnusedAfterDays())
                    .isEqualTo(days);
            assertThat(stored().revokeUnusedAfterDays()).isEqualTo(days);
        }

        @ParameterizedTest
        @ValueSource(strings = {"6", "0", "731", "-3", "ninety", "7.5"})
        void refusesAnythingElseNamingTheKey(String value) {
            invalid(KEY, () -> update(KEY, value));
        }

        @Test
        void isOffByDefaultAndEmptyTurnsItOffAgain() {
            assertThat(WorkspaceSettings.DEFAULTS.revokeUnusedAfterDays()).isNull();
            given(new WorkspaceSettings(true, null, null, 600, null, 90));

            assertThat(update(KEY, "").revokeUnusedAfterDays()).isNull();
            assertThat(stored().revokeUnusedAfterDays()).isNull();
        }

        /** Its warnings come first: the policy counts its start from the moment it took its current days. */
        @Test
        void switchingItOnOrChangingTheDaysStartsItOverAndNothingElseDoes() {
            java.time.Instant on = kit.clock.instant();
            assertThat(update(KEY, "90").revokeUnusedSince()).isEqualTo(on);

            kit.clock.advance(java.time.Duration.ofDays(3));
            assertThat(update(KEY, "90").revokeUnusedSince())
                    .as("the same days")
                    .isEqualTo(on);
            assertThat(update(SettingsService.TOKEN_QUOTA, "100").revokeUnusedSince())
                    .as("another setting")
                    .isEqualTo(on);
            assertThat(update(KEY, "60").revokeUnusedSince()).isEqualTo(kit.clock.instant());
            assertThat(update(KEY, "").revokeUnusedSince()).isNull();
            assertThat(stored().revokeUnusedSince()).isNull();
        }

        @Test
        void isAuditedAsASettingsChangeAndTheOtherSettingsDoNotTouchIt() {
            update(KEY, "90");
            assertThat(kit.audit.eventsWith(AuditAction.WORKSPACE_SETTINGS_CHANGED))
                    .last()
                    .satisfies(e -> assertThat(e.details().get("after")).contains(KEY + "=90"));
            assertThat(update(MAX, "10").revokeUnusedAfterDays()).isEqualTo(90);
        }
    }

    @Nested
    class DefaultTokenLifetimeDays {
        @ParameterizedTest
        @ValueSource(ints = {1, 30, 730})
        void acceptsOneTo730DaysWithoutACap(int days) {
            assertThat(update(DEFAULT, Integer.toString(days)).defaultTokenLifetimeDays())
                    .isEqualTo(days);
            assertThat(stored().defaultTokenLifetimeDays()).isEqualTo(days);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "731", "-3", "thirty"})
        void refusesAnythingElseNamingTheKey(String value) {
            invalid(DEFAULT, () -> update(DEFAULT, value));
        }

        @Test
        void emptyFallsBackToTheInstallationsDefault() {
            given(new WorkspaceSettings(true, null, 30, 600));

            assertThat(update(DEFAULT, "").defaultTokenLifetimeDays()).isNull();
            assertThat(stored().defaultTokenLifetimeDays()).isNull();
        }

        @Test
        void mayEqualTheCap() {
            given(new WorkspaceSettings(true, 60, null, 600));

            assertThat(update(DEFAULT, "60").defaultTokenLifetimeDays()).isEqualTo(60);
        }

        @Test
        void mayNotExceedTheCap() {
            given(new WorkspaceSettings(true, 60, null, 600));

            InvalidParameterException thrown = invalid(DEFAULT, () -> update(DEFAULT, "61"));

            assertThat(thrown)
                    .hasMessageContaining("61")
                    .hasMessageContaining(MAX)
                    .hasMessageContaining("60");
        }

        @Test
        void mayNotExceedACapSetInTheSameChange() {
            Map<String, String> change = new LinkedHashMap<>();
            change.put(MAX, "30");
            change.put(DEFAULT, "45");

            invalid(DEFAULT, () -> service.update(admin, change));
        }

        @Test
        void andTheCapMayBeChangedTogether() {
            given(new WorkspaceSettings(true, 30, 30, 600));
            Map<String, String> change = new LinkedHashMap<>();
            change.put(DEFAULT, "60");
            change.put(MAX, "90");

            WorkspaceSettings after = service.update(admin, change);

            assertThat(after.defaultTokenLifetimeDays()).isEqualTo(60);
            assertThat(after.maxTokenLifetimeDays()).isEqualTo(90);
        }
    }

    @Nested
    class TokenQuotaPerPrincipal {
        @ParameterizedTest
        @ValueSource(ints = {1, 600, 100_000})
        void acceptsOneTo100000(int quota) {
            assertThat(update(QUOTA, Integer.toString(quota)).tokenQuota()).isEqualTo(quota);
            assertThat(stored().tokenQuota()).isEqualTo(quota);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "100001", "", "lots", "2.5"})
        void refusesAnythingElseNamingTheKey(String value) {
            invalid(QUOTA, () -> update(QUOTA, value));
        }
    }

    @Nested
    class Changes {
        @Test
        void anUnknownKeyIsRefusedNamingItAndTheKnownKeys() {
            InvalidParameterException thrown = invalid("enableTokens", () -> update("enableTokens", "true"));

            assertThat(thrown)
                    .hasMessageContaining("Unknown")
                    .hasMessageContaining(String.join(", ", SettingsService.KEYS));
        }

        @Test
        void oneInvalidValueRefusesTheWholeChange() {
            Map<String, String> change = new LinkedHashMap<>();
            change.put(ENABLE, "false");
            change.put(QUOTA, "0");

            invalid(QUOTA, () -> service.update(admin, change));

            assertThat(stored()).isEqualTo(WorkspaceSettings.DEFAULTS);
        }

        @Test
        void anUnknownKeyNextToValidOnesRefusesTheWholeChange() {
            Map<String, String> change = new LinkedHashMap<>();
            change.put(MAX, "30");
            change.put("maxTokenLifetime", "30");

            invalid("maxTokenLifetime", () -> service.update(admin, change));
        }

        @Test
        void keysNotNamedKeepTheirValues() {
            given(new WorkspaceSettings(true, 90, 30, 50));

            WorkspaceSettings after = update(ENABLE, "false");

            assertThat(after).isEqualTo(new WorkspaceSettings(false, 90, 30, 50));
            assertThat(stored()).isEqualTo(after);
        }

        @Test
        void severalKeysChangeTogether() {
            Map<String, String> change = new LinkedHashMap<>();
            change.put(ENABLE, "false");
            change.put(MAX, "90");
            change.put(DEFAULT, "30");
            change.put(QUOTA, "10");

            assertThat(service.update(admin, change)).isEqualTo(new WorkspaceSettings(false, 90, 30, 10));
            assertThat(stored()).isEqualTo(new WorkspaceSettings(false, 90, 30, 10));
        }

        @Test
        void onlyTheActorsWorkspaceChanges() {
            update(ENABLE, "false");

            assertThat(kit.settings.get(OTHER_WORKSPACE)).isEqualTo(WorkspaceSettings.DEFAULTS);
        }
    }

    @Nested
    class Audit {
        @Test
        void aChangeIsAuditedWithBeforeAndAfter() {
            Map<String, String> change = new LinkedHashMap<>();
            change.put(ENABLE, "false");
            change.put(MAX, "90");

            service.update(admin, change);

            assertThat(kit.audit.events()).singleElement().satisfies(event -> {
                assertThat(event.action()).isEqualTo(AuditAction.WORKSPACE_SETTINGS_CHANGED);
                assertThat(event.workspace()).isEqualTo(WORKSPACE);
                assertThat(event.actorId()).isEqualTo(kit.admin.id());
                assertThat(event.occurredAt()).isEqualTo(kit.clock.instant());
                assertThat(event.targetType()).isEqualTo("workspace");
                assertThat(event.targetId()).isEqualTo(WORKSPACE.toString());
                assertThat(event.details())
                        .containsEntry(
                                "before",
                                SettingsService.asConf(WorkspaceSettings.DEFAULTS)
                                        .toString())
                        .containsEntry(
                                "after",
                                SettingsService.asConf(new WorkspaceSettings(false, 90, null, 600))
                                        .toString());
            });
        }

        @Test
        void aChangeToTheCurrentValuesStoresAndAuditsNothing() {
            given(new WorkspaceSettings(true, 90, null, 600));

            WorkspaceSettings after = update(MAX, "90");

            assertThat(after).isEqualTo(stored());
            assertThat(kit.settings.saves()).isZero();
            assertThat(kit.audit.events()).isEmpty();
        }

        @Test
        void aRefusedChangeIsNotAudited() {
            invalid(QUOTA, () -> update(QUOTA, "0"));

            assertThat(kit.audit.events()).isEmpty();
        }
    }

    @Nested
    class Permissions {
        @Test
        void aUserMayNotChangeSettings() {
            Map<String, Object> before = kit.state();

            PermissionDeniedException denied = catchThrowableOfType(
                    () -> service.update(as(alice), Map.of(ENABLE, "false")), PermissionDeniedException.class);

            assertThat(denied.permission()).isEqualTo("settings:write");
            assertThat(denied).hasMessageContaining("alice");
            assertThat(kit.state()).isEqualTo(before);
            assertThat(kit.settings.saves()).isZero();
        }

        @Test
        void anAuditorMayNotChangeSettings() {
            Principal auditor = kit.user("carol", BuiltInRole.AUDITOR);

            assertThat(catchThrowableOfType(
                            () -> service.update(as(auditor), Map.of(QUOTA, "5")), PermissionDeniedException.class))
                    .isNotNull();
            assertThat(stored()).isEqualTo(WorkspaceSettings.DEFAULTS);
        }

        @Test
        void anInvalidChangeByAUserIsRefusedForThePermissionFirst() {
            assertThat(catchThrowableOfType(
                            () -> service.update(as(alice), Map.of("nonsense", "x")), PermissionDeniedException.class))
                    .isNotNull();
        }
    }
}
