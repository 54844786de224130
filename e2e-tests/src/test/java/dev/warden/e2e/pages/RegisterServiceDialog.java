package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import dev.warden.e2e.Waits;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** "Register service": name, display name, the service principal, and one row per scope. */
public final class RegisterServiceDialog {
    private static final By DIALOG = By.cssSelector("[data-testid=register-service-dialog]");

    private final WebDriver driver;
    private final String baseUrl;

    private RegisterServiceDialog(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    static RegisterServiceDialog current(WebDriver driver, String baseUrl) {
        Waits.on(driver)
                .withMessage("the register-service dialog")
                .until(ExpectedConditions.visibilityOfElementLocated(DIALOG));
        return new RegisterServiceDialog(driver, baseUrl);
    }

    public RegisterServiceDialog name(String name) {
        type("service-name-input", name);
        return this;
    }

    public RegisterServiceDialog displayName(String displayName) {
        type("service-display-name-input", displayName);
        return this;
    }

    /** Chooses the service principal whose option starts with this display name. */
    public RegisterServiceDialog servicePrincipal(String displayName) {
        Select select = new Select(dialog().findElement(By.cssSelector("[data-testid=service-principal-select]")));
        WebElement option = select.getOptions().stream()
                .filter(o -> o.getText().startsWith(displayName + " ("))
                .findFirst()
                .orElseThrow(() -> new org.openqa.selenium.NoSuchElementException(
                        "No service principal '" + displayName + "' offered"));
        select.selectByValue(option.getDomAttribute("value"));
        return this;
    }

    /** Fills scope row {@code row} (from 0). */
    public RegisterServiceDialog scope(int row, String key, String description) {
        type("scope-input-" + row, key);
        type("scope-description-input-" + row, description);
        return this;
    }

    /** Registers; the service's page opens. */
    public ServicePage register() {
        Htmx.clickAndAwaitNewPage(driver, dialog().findElement(By.cssSelector("[data-testid=submit-service]")));
        return ServicePage.current(driver, baseUrl);
    }

    /** Registers input the server refuses: the dialog comes back with the error under its field. */
    public RegisterServiceDialog registerExpectingErrors() {
        WebElement before = dialog();
        before.findElement(By.cssSelector("[data-testid=submit-service]")).click();
        Htmx.awaitSettled(driver);
        Waits.on(driver).withMessage("the re-rendered register dialog").until(Htmx.replaced(before));
        return current(driver, baseUrl);
    }

    /** The error shown under a field ({@code name}, {@code servicePrincipal}, {@code scopes}, …). */
    public Optional<String> errorFor(String field) {
        return dialog().findElements(By.cssSelector("[data-testid=error-" + field + "]")).stream()
                .findFirst()
                .map(WebElement::getText);
    }

    private void type(String testid, String text) {
        WebElement input = dialog().findElement(By.cssSelector("[data-testid=" + testid + "]"));
        input.clear();
        input.sendKeys(text);
    }

    private WebElement dialog() {
        return driver.findElement(DIALOG);
    }
}
