package dev.warden.web.directory;

/** A user's page → Reset password: the new password twice. Never rendered back. */
public class ResetPasswordForm {
    private String newPassword;
    private String confirmPassword;

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

    void clear() {
        newPassword = null;
        confirmPassword = null;
    }
}
