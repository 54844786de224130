package dev.warden.web.directory;

/** The "New service principal" dialog: a display name; Warden generates the application id. */
public class CreateServicePrincipalForm {
    private String displayName;

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }
}
