package dev.warden.web.settings;

import dev.warden.core.settings.SettingsService;
import dev.warden.core.settings.WorkspaceSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Workspace settings → Personal Access Tokens, as one form. Fields are named like the workspace-conf keys, so a
 * refusal from {@link SettingsService} lands next to its field. A mutable bean so the form re-renders as typed.
 */
public class TokenSettingsForm {
    private boolean enableTokensConfig;
    private String maxTokenLifetimeDays;
    private String defaultTokenLifetimeDays;
    private String tokenQuotaPerPrincipal;
    private String maxSecretLifetimeDays;

    static TokenSettingsForm of(WorkspaceSettings current) {
        Map<String, String> conf = SettingsService.asConf(current);
        TokenSettingsForm form = new TokenSettingsForm();
        form.enableTokensConfig = current.tokensEnabled();
        form.maxTokenLifetimeDays = conf.get(SettingsService.MAX_LIFETIME_DAYS);
        form.defaultTokenLifetimeDays = conf.get(SettingsService.DEFAULT_LIFETIME_DAYS);
        form.tokenQuotaPerPrincipal = conf.get(SettingsService.TOKEN_QUOTA);
        form.maxSecretLifetimeDays = conf.get(SettingsService.MAX_SECRET_LIFETIME_DAYS);
        return form;
    }

    /** The change as workspace-conf keys; an empty number clears it. */
    Map<String, String> asConf() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put(SettingsService.ENABLE_TOKENS, Boolean.toString(enableTokensConfig));
        conf.put(SettingsService.MAX_LIFETIME_DAYS, blankToEmpty(maxTokenLifetimeDays));
        conf.put(SettingsService.DEFAULT_LIFETIME_DAYS, blankToEmpty(defaultTokenLifetimeDays));
        conf.put(SettingsService.TOKEN_QUOTA, blankToEmpty(tokenQuotaPerPrincipal));
        conf.put(SettingsService.MAX_SECRET_LIFETIME_DAYS, blankToEmpty(maxSecretLifetimeDays));
        return conf;
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value.strip();
    }

    public boolean isEnableTokensConfig() {
        return enableTokensConfig;
    }

    public void setEnableTokensConfig(boolean enableTokensConfig) {
        this.enableTokensConfig = enableTokensConfig;
    }

    public String getMaxTokenLifetimeDays() {
        return maxTokenLifetimeDays;
    }

    public void setMaxTokenLifetimeDays(String maxTokenLifetimeDays) {
        this.maxTokenLifetimeDays = maxTokenLifetimeDays;
    }

    public String getDefaultTokenLifetimeDays() {
        return defaultTokenLifetimeDays;
    }

    public void setDefaultTokenLifetimeDays(String defaultTokenLifetimeDays) {
        this.defaultTokenLifetimeDays = defaultTokenLifetimeDays;
    }

    public String getTokenQuotaPerPrincipal() {
        return tokenQuotaPerPrincipal;
    }

    public void setTokenQuotaPerPrincipal(String tokenQuotaPerPrincipal) {
        this.tokenQuotaPerPrincipal = tokenQuotaPerPrincipal;
    }

    public String getMaxSecretLifetimeDays() {
        return maxSecretLifetimeDays;
    }

    public void setMaxSecretLifetimeDays(String maxSecretLifetimeDays) {
        this.maxSecretLifetimeDays = maxSecretLifetimeDays;
    }
}
