package dev.warden.web.group;

/** The "New group" dialog. */
public class CreateGroupForm {
    private String displayName;

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }
}
