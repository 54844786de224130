package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import dev.warden.e2e.Waits;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Settings → Admin Console → Workspace settings: Personal Access Tokens and its Permission Settings button. */
public final class WorkspaceSettingsPage extends AdminConsolePage {
    static final String PATH = "/settings/admin/workspace";
    private static final By PANEL = By.cssSelector("[data-testid=token-settings]");
    private static final By ENABLE = By.cssSelector("[data-testid=enable-tokens]");
    private static final By SAVED = By.cssSelector("[data-testid=settings-saved]");
    private static final By UNUSED_DAYS = By.cssSelector("[data-testid=unused-days-input]");
    private static final By INACTIVITY_PREVIEW = By.cssSelector("[data-testid=inactivity-preview]");

    private String lastSwitchOffImpact;

    private WorkspaceSettingsPage(WebDriver driver, String baseUrl) {
        super(driver, baseUrl);
    }

    public static WorkspaceSettingsPage open(WebDriver driver, String baseUrl) {
        driver.get(baseUrl + PATH);
        return current(driver, baseUrl);
    }

    static WorkspaceSettingsPage current(WebDriver driver, String baseUrl) {
        Waits.on(driver)
                .withMessage("the workspace settings page")
                .until(ExpectedConditions.presenceOfElementLocated(PANEL));
        Htmx.awaitSettled(driver);
        return new WorkspaceSettingsPage(driver, baseUrl);
    }

    public boolean tokensEnabled() {
        return driver.findElement(ENABLE).isSelected();
    }

    /**
     * Sets the on/off switch and saves the form; the panel is swapped for the saved one. Switching off asks first
     * (with what stops): this confirms.
     */
    public WorkspaceSettingsPage saveTokensEnabled(boolean enabled) {
        boolean switchingOff = tokensEnabled() && !enabled;
        if (tokensEnabled() != enabled) {
            driver.findElement(ENABLE).click();
        }
        save();
        if (switchingOff) {
            lastSwitchOffImpact = switchOffImpact().orElseThrow();
            WebElement panel = driver.findElement(PANEL);
            driver.findElement(By.cssSelector("[data-testid=confirm-disable-tokens]"))
                    .click();
            Waits.on(driver).withMessage("the saved settings").until(Htmx.replaced(panel));
            Htmx.awaitSettled(driver);
        }
        return this;
    }

    /** Unchecks the switch and saves, stopping at the confirmation: what it says would stop. */
    public String askToSwitchTokensOff() {
        if (tokensEnabled()) {
            driver.findElement(ENABLE).click();
        }
        save();
        return switchOffImpact().orElseThrow();
    }

    /** The confirmation's sentence about what switching off would stop, while it is shown. */
    public Optional<String> switchOffImpact() {
        return driver.findElements(By.cssSelector("[data-testid=disable-tokens-impact]")).stream()
                .findFirst()
                .map(WebElement::getText);
    }

    /** What the last confirmed switch-off said it would stop. */
    public String lastSwitchOffImpact() {
        return lastSwitchOffImpact;
    }

    /** The switch's label, as people read it. */
    public String switchLabel() {
        return driver.findElement(ENABLE).findElement(By.xpath("..")).getText().strip();
    }

    /** Sets the maximum lifetime (empty for none) and saves. */
    public WorkspaceSettingsPage saveMaxLifetimeDays(String days) {
        WebElement input = driver.findElement(By.cssSelector("[data-testid=max-lifetime-input]"));
        input.clear();
        input.sendKeys(days);
        return save();
    }

    public WorkspaceSettingsPage save() {
        WebElement panel = driver.findElement(PANEL);
        driver.findElement(By.cssSelector("[data-testid=save-settings]")).click();
        Waits.on(driver).withMessage("the saved settings").until(Htmx.replaced(panel));
        Htmx.awaitSettled(driver);
        return this;
    }

    /** "Settings saved." or "Token usage saved." after a save. */
    /**
     * Types the inactivity policy's days (replacing what the field held) and waits for the preview, which htmx fetches
     * as one types, to show them; returns the preview's sentence.
     */
    public String typeInactivityDays(String days) {
        WebElement input = driver.findElement(UNUSED_DAYS);
        input.clear();
        input.sendKeys(days);
        // htmx replaces the preview as the admin types: a found element can be gone by the time it is read
        Waits.on(driver)
                .withMessage("the inactivity preview for " + days + " days")
                .ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(INACTIVITY_PREVIEW).getText().contains("With " + days + " days"));
        Htmx.awaitSettled(driver);
        return Waits.on(driver)
                .ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(INACTIVITY_PREVIEW).getText());
    }

    /** The inactivity policy's days as the field shows them ("" when off). */
    public String inactivityDays() {
        return driver.findElement(UNUSED_DAYS).getDomProperty("value");
    }

    /** Saves the inactivity policy (a plain form post: the page reloads). */
    public WorkspaceSettingsPage saveInactivityPolicy() {
        Htmx.clickAndAwaitNewPage(driver, driver.findElement(By.cssSelector("[data-testid=save-inactivity]")));
        return current(driver, baseUrl);
    }

    public Optional<String> savedMessage() {
        return driver.findElements(SAVED).stream().findFirst().map(WebElement::getText);
    }

    public Optional<String> errorFor(String field) {
        return driver.findElements(By.cssSelector("[data-testid=error-" + field + "]")).stream()
                .findFirst()
                .map(WebElement::getText);
    }

    /** Permission Settings: opens the Token Usage dialog. */
    public TokenUsageDialog openPermissionSettings() {
        driver.findElement(By.cssSelector("[data-testid=open-token-usage]")).click();
        Htmx.awaitSettled(driver);
        return TokenUsageDialog.current(driver, baseUrl);
    }
}
