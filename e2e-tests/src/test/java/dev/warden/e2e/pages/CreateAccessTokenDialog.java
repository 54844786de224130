package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import dev.warden.e2e.Waits;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * "Create access token" for an organisation or group token: Token name, Expiration date, scopes and Admin role
 * assignment.
 */
public final class CreateAccessTokenDialog {
    private static final By DIALOG = By.cssSelector("[data-testid=create-token-dialog]");
    private static final By NAME = By.cssSelector("[data-testid=token-name-input]");
    private static final By EXPIRY = By.cssSelector("[data-testid=token-expiry-input]");
    private static final By SCOPE_BOXES = By.cssSelector("input[type=checkbox][name=scopes]");
    private static final By ROLES = By.cssSelector("input[type=radio][name=role]");
    private static final By ROLE_OPTIONS = By.cssSelector("[data-testid=role-option]");
    private static final By ROLE_LABEL = By.cssSelector("[data-testid=role-label]");
    private static final By SUBMIT = By.cssSelector("[data-testid=submit-create]");

    private final WebDriver driver;
    private final String baseUrl;

    private CreateAccessTokenDialog(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    static CreateAccessTokenDialog current(WebDriver driver, String baseUrl) {
        Waits.on(driver)
                .withMessage("the create-access-token dialog")
                .until(ExpectedConditions.visibilityOfElementLocated(DIALOG));
        return new CreateAccessTokenDialog(driver, baseUrl);
    }

    public CreateAccessTokenDialog name(String name) {
        WebElement input = dialog().findElement(NAME);
        input.clear();
        input.sendKeys(name);
        return this;
    }

    /** Ticks exactly these scopes (by key) and unticks every other one. */
    public CreateAccessTokenDialog scopes(String... keys) {
        List<String> wanted = Arrays.asList(keys);
        for (WebElement box : dialog().findElements(SCOPE_BOXES)) {
            if (box.isSelected() != wanted.contains(box.getDomAttribute("value"))) {
                box.click();
            }
        }
        return this;
    }

    /** The scopes (keys) that may be ticked now: those the chosen role grants. */
    public List<String> enabledScopes() {
        return dialog().findElements(SCOPE_BOXES).stream()
                .filter(WebElement::isEnabled)
                .map(box -> box.getDomAttribute("value"))
                .toList();
    }

    public List<String> checkedScopes() {
        return dialog().findElements(SCOPE_BOXES).stream()
                .filter(WebElement::isSelected)
                .map(box -> box.getDomAttribute("value"))
                .toList();
    }

    /** Clicks a preset button by its label ("Read-only", "Read-write", "Admin"). */
    public CreateAccessTokenDialog preset(String label) {
        dialog().findElements(By.cssSelector("[data-scope-preset]")).stream()
                .filter(button -> button.getText().equals(label))
                .findFirst()
                .orElseThrow(() -> new org.openqa.selenium.NoSuchElementException("No preset '" + label + "'"))
                .click();
        return this;
    }

    /** Chooses the admin role by its visible label, e.g. "Workspace admin". */
    public CreateAccessTokenDialog role(String label) {
        dialog().findElements(ROLE_OPTIONS).stream()
                .filter(option -> option.findElement(ROLE_LABEL).getText().equals(label))
                .findFirst()
                .orElseThrow(() -> new org.openqa.selenium.NoSuchElementException(
                        "No role '" + label + "'; roles: " + roleLabels()))
                .findElement(ROLES)
                .click();
        return this;
    }

    /** The labels of the roles offered, in order. */
    public List<String> roleLabels() {
        return dialog().findElements(ROLE_OPTIONS).stream()
                .map(option -> option.findElement(ROLE_LABEL).getText())
                .toList();
    }

    /** The label of the role chosen now. */
    public String chosenRole() {
        return dialog().findElements(ROLE_OPTIONS).stream()
                .filter(option -> option.findElement(ROLES).isSelected())
                .map(option -> option.findElement(ROLE_LABEL).getText())
                .findFirst()
                .orElse("");
    }

    /** The expiry presets offered, in days (the same control as the personal dialog's). */
    public List<String> expiryPresets() {
        return dialog().findElements(By.cssSelector("input[name=expiresIn][data-expiry-days]")).stream()
                .map(radio -> radio.getDomAttribute("value"))
                .toList();
    }

    /** Chooses the expiry preset of this many days. */
    public CreateAccessTokenDialog expiresIn(int days) {
        dialog().findElement(By.cssSelector("[data-testid=expires-in-" + days + "]"))
                .click();
        return this;
    }

    /** The expiration date as the date input holds it ({@code yyyy-MM-dd}). */
    public String expirationDate() {
        return dialog().findElement(EXPIRY).getDomProperty("value");
    }

    /** The latest date the input accepts: today plus the workspace's maximum lifetime. */
    public String latestExpirationDate() {
        return dialog().findElement(EXPIRY).getDomAttribute("max");
    }

    public String earliestExpirationDate() {
        return dialog().findElement(EXPIRY).getDomAttribute("min");
    }

    /** The visible label of a control, by the control's data-testid: how a user finds the field. */
    public String labelOf(String testId) {
        String id = dialog().findElement(By.cssSelector("[data-testid=" + testId + "]"))
                .getDomAttribute("id");
        return dialog().findElement(By.cssSelector("label[for='" + id + "']")).getText();
    }

    public boolean isModal() {
        return Dialogs.isModal(driver, dialog());
    }

    public boolean hasFocusInside() {
        return Dialogs.hasFocusInside(driver, dialog());
    }

    public Optional<String> errorFor(String field) {
        return dialog().findElements(By.cssSelector("[data-testid=error-" + field + "]")).stream()
                .filter(WebElement::isDisplayed)
                .findFirst()
                .map(WebElement::getText);
    }

    /** Submits a valid form: the server answers with the copy dialog. */
    public TechnicalIssuedDialog submit() {
        dialog().findElement(SUBMIT).click();
        Htmx.awaitSettled(driver);
        return TechnicalIssuedDialog.current(driver, baseUrl);
    }

    /** Submits a form the server is expected to refuse: the dialog comes back with field errors. */
    public CreateAccessTokenDialog submitExpectingErrors() {
        WebElement before = dialog();
        before.findElement(SUBMIT).click();
        Htmx.awaitSettled(driver);
        Waits.on(driver).withMessage("the re-rendered dialog").until(Htmx.replaced(before));
        return current(driver, baseUrl);
    }

    private WebElement dialog() {
        return driver.findElement(DIALOG);
    }
}
