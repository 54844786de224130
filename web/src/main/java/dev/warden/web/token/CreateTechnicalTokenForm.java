package dev.warden.web.token;

import java.util.ArrayList;
import java.util.List;

/**
 * The console's "Create access token" dialog for an organisation or group token. A mutable bean so the form
 * re-renders with what was typed; the expiration date stays text ({@code yyyy-MM-dd}, as a date input sends it) so
 * that a bad value is reported next to its field rather than as a binding failure.
 */
public class CreateTechnicalTokenForm {
    private String name;
    private String expirationDate;
    private List<String> scopes = new ArrayList<>();
    private String role;
    /** "Show the scopes this role grants" (without JavaScript): render the dialog again, create nothing. */
    private boolean refreshScopes;

    static CreateTechnicalTokenForm withDefaults(String expirationDate, String role) {
        CreateTechnicalTokenForm form = new CreateTechnicalTokenForm();
        form.setExpirationDate(expirationDate);
        form.setRole(role);
        return form;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getExpirationDate() {
        return expirationDate;
    }

    public void setExpirationDate(String expirationDate) {
        this.expirationDate = expirationDate;
    }

    public List<String> getScopes() {
        return scopes;
    }

    public void setScopes(List<String> scopes) {
        this.scopes = scopes == null ? new ArrayList<>() : scopes;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public boolean isRefreshScopes() {
        return refreshScopes;
    }

    public void setRefreshScopes(boolean refreshScopes) {
        this.refreshScopes = refreshScopes;
    }
}
