package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import dev.warden.e2e.Waits;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** "Copy your new token": the only time the console shows a token's value. */
public final class IssuedTokenDialog {
    private static final By DIALOG = By.cssSelector("[data-testid=issued-dialog]");
    private static final By VALUE = By.cssSelector("[data-testid=issued-token-value]");
    private static final By DONE = By.cssSelector("[data-testid=close-issued]");

    private final WebDriver driver;
    private final String baseUrl;

    private IssuedTokenDialog(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    static IssuedTokenDialog current(WebDriver driver, String baseUrl) {
        Waits.on(driver)
                .withMessage("the copy-your-token dialog")
                .until(ExpectedConditions.visibilityOfElementLocated(DIALOG));
        return new IssuedTokenDialog(driver, baseUrl);
    }

    public String tokenValue() {
        return dialog().findElement(VALUE).getDomProperty("value");
    }

    /** The dialog's label for the value, e.g. {@code Token “ci-deploys”}. */
    public String valueLabel() {
        return dialog().findElement(By.cssSelector("label[for=issued-token-value]"))
                .getText();
    }

    public boolean isModal() {
        return Dialogs.isModal(driver, dialog());
    }

    public boolean hasFocusInside() {
        return Dialogs.hasFocusInside(driver, dialog());
    }

    /**
     * Presses Escape, which must not close this dialog (the value would be lost); gives the browser a round trip to
     * have handled it.
     */
    public IssuedTokenDialog pressEscape() {
        new Keyboard(driver).press(Keys.ESCAPE).awaitHtmx();
        return this;
    }

    /** Tabs to Done and presses Enter. */
    public AccessTokensPage doneWithKeyboard() {
        new Keyboard(driver).tabTo("[data-testid=close-issued]").press(Keys.ENTER);
        return awaitClosed();
    }

    public boolean isOpen() {
        return driver.findElements(DIALOG).stream().anyMatch(WebElement::isDisplayed);
    }

    public AccessTokensPage done() {
        dialog().findElement(DONE).click();
        return awaitClosed();
    }

    /** After a rotation: Done reloads the access tokens page, which shows the token's new hint. */
    public AccessTokensPage doneReloadingTokens() {
        Htmx.clickAndAwaitNewPage(driver, dialog().findElement(DONE));
        return AccessTokensPage.current(driver, baseUrl);
    }

    /** After "Create token" on a service principal's page: Done reloads it, which lists the new token. */
    public PrincipalPage doneReloadingPrincipal() {
        Htmx.clickAndAwaitNewPage(driver, dialog().findElement(DONE));
        return PrincipalPage.current(driver, baseUrl);
    }

    private AccessTokensPage awaitClosed() {
        Waits.on(driver)
                .withMessage("the copy dialog to close")
                .until(ExpectedConditions.invisibilityOfElementLocated(DIALOG));
        return AccessTokensPage.current(driver, baseUrl);
    }

    private WebElement dialog() {
        return driver.findElement(DIALOG);
    }
}
