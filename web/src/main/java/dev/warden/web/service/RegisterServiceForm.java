package dev.warden.web.service;

import dev.warden.core.service.ServiceScopeInput;
import java.util.ArrayList;
import java.util.List;

/**
 * The "Register service" dialog: a name, a display name, the service principal (by application id) and the scopes,
 * one row each ({@code scopes[0].scope}, {@code scopes[0].description}: indexed, so a description with a comma stays
 * one value). Rows left blank are ignored.
 */
public class RegisterServiceForm {
    /** How many scope rows the dialog offers at least; one more than filled after a refusal. */
    static final int MIN_ROWS = 3;

    private String name;
    private String displayName;
    private String servicePrincipal;
    private List<ScopeRow> scopes = new ArrayList<>();

    /** One scope row of the dialog. */
    public static class ScopeRow {
        private String scope;
        private String description;

        public ScopeRow() {}

        ScopeRow(String scope, String description) {
            this.scope = scope;
            this.description = description;
        }

        public String getScope() {
            return scope;
        }

        public void setScope(String scope) {
            this.scope = scope;
        }

        public String getDescription() {
            return description;
        }

        public void setDescription(String description) {
            this.description = description;
        }

        boolean blank() {
            return (scope == null || scope.isBlank()) && (description == null || description.isBlank());
        }
    }

    /** The rows filled in, as core takes them. */
    List<ServiceScopeInput> scopeInputs() {
        return scopes.stream()
                .filter(row -> row != null && !row.blank())
                .map(row -> new ServiceScopeInput(
                        row.getScope() == null ? "" : row.getScope().strip(), row.getDescription()))
                .toList();
    }

    /** The filled rows, then blank ones, so the dialog always offers room for more. */
    void padRows() {
        List<ScopeRow> rows = new ArrayList<>(
                scopes.stream().filter(row -> row != null && !row.blank()).toList());
        int wanted = Math.max(MIN_ROWS, rows.size() + 1);
        while (rows.size() < wanted) {
            rows.add(new ScopeRow(null, null));
        }
        scopes = rows;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getServicePrincipal() {
        return servicePrincipal;
    }

    public void setServicePrincipal(String servicePrincipal) {
        this.servicePrincipal = servicePrincipal;
    }

    public List<ScopeRow> getScopes() {
        return scopes;
    }

    public void setScopes(List<ScopeRow> scopes) {
        this.scopes = scopes == null ? new ArrayList<>() : new ArrayList<>(scopes);
    }
}
