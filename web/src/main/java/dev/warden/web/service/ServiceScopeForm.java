package dev.warden.web.service;

/** A service page's "Add scope" form, and its "Rename" dialog (the display name alone). */
public class ServiceScopeForm {
    private String scope;
    private String description;
    private String displayName;

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

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }
}
