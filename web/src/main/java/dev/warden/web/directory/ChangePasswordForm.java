package dev.warden.web.directory;

/** User settings → Password. A mutable bean for the form's errors; no password is ever rendered back. */
public class ChangePasswordForm {
    private String currentPassword;
    private String newPassword;
    private String confirmPassword;

    public String getCurrentPassword() {
        return currentPassword;
    }

    public void setCurrentPassword(String currentPassword) {
        this.currentPassword = currentPassword;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public String getConfirmPassword() {
        return confirmPassword;
    }

    public void setConfirmPassword(String confirmPassword) {
        this.confirmPassword = confirmPassword;
    }

    /** Nothing typed goes back into the page. */
    void clear() {
        currentPassword = null;
        newPassword = null;
        confirmPassword = null;
    }
}
