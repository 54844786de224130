package dev.warden.web.directory;

/** The "New user" dialog. A mutable bean so the dialog re-renders with what was typed (never the password). */
public class CreateUserForm {
    static final int PASSWORD_MIN = 8;
    /** bcrypt reads at most 72 bytes, and Spring Security refuses to hash a longer password. */
    static final int PASSWORD_MAX_BYTES = 72;

    private String userName;
    private String displayName;
    private String email;
    private String password;

    public String getUserName() {
        return userName;
    }

    public void setUserName(String userName) {
        this.userName = userName;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
