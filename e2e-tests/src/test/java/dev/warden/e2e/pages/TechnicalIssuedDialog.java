package dev.warden.e2e.pages;

import dev.warden.e2e.Waits;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The copy dialog of a new organisation or group token: the only time the console shows its value. */
public final class TechnicalIssuedDialog {
    private static final By DIALOG = By.cssSelector("[data-testid=issued-dialog]");

    private final WebDriver driver;
    private final String baseUrl;

    private TechnicalIssuedDialog(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    static TechnicalIssuedDialog current(WebDriver driver, String baseUrl) {
        Waits.on(driver)
                .withMessage("the copy-your-token dialog")
                .until(ExpectedConditions.visibilityOfElementLocated(DIALOG));
        return new TechnicalIssuedDialog(driver, baseUrl);
    }

    public String tokenValue() {
        return dialog().findElement(By.cssSelector("[data-testid=issued-token-value]"))
                .getDomProperty("value");
    }

    public String warning() {
        return dialog().findElement(By.cssSelector("[data-testid=issued-warning]"))
                .getText();
    }

    /** "Role: …. Expires …. Scopes: …." */
    public String summary() {
        return dialog().findElement(By.cssSelector("[data-testid=issued-summary]"))
                .getText();
    }

    /** Clicks Copy and waits until the button says "Copied" (the clipboard write is asynchronous). */
    public TechnicalIssuedDialog copy() {
        WebElement button = dialog().findElement(By.cssSelector("[data-testid=copy-token]"));
        button.click();
        Waits.on(driver)
                .withMessage("the Copy button to say Copied")
                .until(ExpectedConditions.textToBePresentInElement(button, "Copied"));
        return this;
    }

    public String copyButtonText() {
        return dialog().findElement(By.cssSelector("[data-testid=copy-token]")).getText();
    }

    public boolean isModal() {
        return Dialogs.isModal(driver, dialog());
    }

    public boolean hasFocusInside() {
        return Dialogs.hasFocusInside(driver, dialog());
    }

    public boolean isOpen() {
        return driver.findElements(DIALOG).stream().anyMatch(WebElement::isDisplayed);
    }

    public TechnicalTokensPage done() {
        dialog().findElement(By.cssSelector("[data-testid=close-issued]")).click();
        Waits.on(driver)
                .withMessage("the copy dialog to close")
                .until(ExpectedConditions.invisibilityOfElementLocated(DIALOG));
        return TechnicalTokensPage.current(driver, baseUrl);
    }

    private WebElement dialog() {
        return driver.findElement(DIALOG);
    }
}
