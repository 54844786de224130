package dev.warden.e2e.pages;

import dev.warden.e2e.Waits;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console's confirmation dialog, which every {@code hx-confirm} button opens instead of the browser's
 * {@code confirm()}: the question, Cancel, and a button named after the action.
 */
public final class ConfirmDialog {
    private static final By DIALOG = By.cssSelector("dialog[data-testid=confirm-dialog]");

    private final WebDriver driver;
    private final WebElement dialog;

    private ConfirmDialog(WebDriver driver, WebElement dialog) {
        this.driver = driver;
        this.dialog = dialog;
    }

    /** Waits for the dialog a click opened. */
    public static ConfirmDialog await(WebDriver driver) {
        WebElement dialog = Waits.on(driver)
                .withMessage("the confirmation dialog")
                .until(ExpectedConditions.visibilityOfElementLocated(DIALOG));
        return new ConfirmDialog(driver, dialog);
    }

    public String question() {
        return dialog.findElement(By.cssSelector("[data-testid=confirm-question]"))
                .getText();
    }

    /** The confirming button's label ("Delete", "Revoke"…). */
    public String confirmLabel() {
        return dialog.findElement(By.cssSelector("[data-testid=confirm-ok]")).getText();
    }

    public boolean isModal() {
        return Dialogs.isModal(driver, dialog);
    }

    public void confirm() {
        dialog.findElement(By.cssSelector("[data-testid=confirm-ok]")).click();
        awaitGone();
    }

    public void cancel() {
        dialog.findElement(By.cssSelector("[data-testid=confirm-cancel]")).click();
        awaitGone();
    }

    /** Answers and returns the question asked. */
    public String answer(boolean accept) {
        String asked = question();
        if (accept) {
            confirm();
        } else {
            cancel();
        }
        return asked;
    }

    private void awaitGone() {
        Waits.on(driver)
                .withMessage("the confirmation dialog to close")
                .until(d -> d.findElements(DIALOG).isEmpty());
    }
}
