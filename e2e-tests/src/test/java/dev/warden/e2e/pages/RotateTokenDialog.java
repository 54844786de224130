package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import dev.warden.e2e.Waits;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** "Rotate": when the old secret stops working; the new one then shows once in the copy dialog. */
public final class RotateTokenDialog {
    private static final By DIALOG = By.cssSelector("[data-testid=rotate-dialog]");
    private static final By GRACE = By.cssSelector("[data-testid=rotate-grace-input]");
    private static final By SUBMIT = By.cssSelector("[data-testid=submit-rotate]");

    private final WebDriver driver;
    private final String baseUrl;

    private RotateTokenDialog(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    static RotateTokenDialog current(WebDriver driver, String baseUrl) {
        Waits.on(driver).withMessage("the rotate dialog").until(ExpectedConditions.visibilityOfElementLocated(DIALOG));
        return new RotateTokenDialog(driver, baseUrl);
    }

    public String title() {
        return dialog().findElement(By.tagName("h2")).getText();
    }

    /** Chooses when the old secret stops, by the option's label ("Immediately", "After 1 hour", …). */
    public RotateTokenDialog oldSecretStops(String label) {
        new Select(dialog().findElement(GRACE)).selectByVisibleText(label);
        return this;
    }

    public IssuedTokenDialog rotate() {
        dialog().findElement(SUBMIT).click();
        Htmx.awaitSettled(driver);
        return IssuedTokenDialog.current(driver, baseUrl);
    }

    private WebElement dialog() {
        return driver.findElement(DIALOG);
    }
}
