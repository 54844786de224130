package dev.warden.web.token;

/**
 * The Rotate dialog: how long the old secret keeps working, in seconds (one of {@link RotateTokenController#GRACES};
 * core bounds it). Kept as text so that whatever was sent comes back into the dialog with its error.
 */
public class RotateTokenForm {
    private String graceSeconds = "0";

    public String getGraceSeconds() {
        return graceSeconds;
    }

    public void setGraceSeconds(String graceSeconds) {
        this.graceSeconds = graceSeconds;
    }
}
