package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import dev.warden.e2e.Waits;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Workspace settings → Permission Settings → Token Usage. Every edit re-renders the dialog with the working copy and
 * its impact preview; nothing is stored before Save.
 */
public final class TokenUsageDialog {
    private static final By DIALOG = By.cssSelector("[data-testid=token-usage-dialog]");
    private static final By ENTRY_ROW = By.cssSelector("[data-testid=token-usage-row]");
    private static final By ADMIN_ROW = By.cssSelector("[data-testid=implicit-admin-row]");

    /** One line of the list: who, and CAN_USE or CAN_MANAGE; {@code removable} when it has a Remove button. */
    public record Entry(String name, String level, boolean removable) {}

    /** One principal the preview says would lose token usage, and its line ("(user) · 1 working token"). */
    public record Loss(String name, String tokens) {}

    private final WebDriver driver;
    private final String baseUrl;

    private TokenUsageDialog(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    static TokenUsageDialog current(WebDriver driver, String baseUrl) {
        Waits.on(driver)
                .withMessage("the token usage dialog")
                .until(ExpectedConditions.visibilityOfElementLocated(DIALOG));
        Htmx.awaitSettled(driver);
        return new TokenUsageDialog(driver, baseUrl);
    }

    public boolean isModal() {
        return Dialogs.isModal(driver, dialog());
    }

    public List<Entry> entries() {
        return dialog().findElements(ENTRY_ROW).stream()
                .map(row -> new Entry(
                        row.getDomAttribute("data-name"),
                        row.getDomAttribute("data-level"),
                        !row.findElements(By.cssSelector("[data-testid=remove-entry]"))
                                .isEmpty()))
                .toList();
    }

    public List<Entry> implicitAdmins() {
        return dialog().findElements(ADMIN_ROW).stream()
                .map(row -> new Entry(
                        row.getDomAttribute("data-name"),
                        row.findElement(By.cssSelector("[data-testid=entry-level]"))
                                .getText(),
                        !row.findElements(By.cssSelector("[data-testid=remove-entry]"))
                                .isEmpty()))
                .toList();
    }

    /** Types {@code search} into the autocomplete, chooses the match called {@code name}, clicks Add (as CAN_USE). */
    public TokenUsageDialog add(String search, String name) {
        dialog().findElement(By.cssSelector("[data-testid=token-usage-search]")).sendKeys(search);
        WebElement match = Waits.on(driver)
                .withMessage("the match '" + name + "'")
                .until(
                        d -> d
                                .findElements(By.cssSelector(
                                        "[data-testid=token-usage-dialog] [data-testid=assignee-option]"))
                                .stream()
                                .filter(o -> o.findElement(By.cssSelector("[data-testid=assignee-name]"))
                                        .getText()
                                        .equals(name))
                                .findFirst()
                                .orElse(null));
        Htmx.awaitSettled(driver);
        match.findElement(By.cssSelector("input[type=radio]")).click();
        return clickAndAwaitRerender(dialog().findElement(By.cssSelector("[data-testid=add-entry]")));
    }

    public TokenUsageDialog remove(String name) {
        WebElement row = dialog().findElements(ENTRY_ROW).stream()
                .filter(r -> name.equals(r.getDomAttribute("data-name")))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("No entry '" + name + "'; entries: " + entries()));
        return clickAndAwaitRerender(row.findElement(By.cssSelector("[data-testid=remove-entry]")));
    }

    /** "2 principals lose token usage; their 5 tokens will stop working …", or that nobody does. */
    public String impactSummary() {
        return dialog().findElement(By.cssSelector("[data-testid=impact-summary]"))
                .getText();
    }

    public List<Loss> losses() {
        return dialog().findElements(By.cssSelector("[data-testid=impact-row]")).stream()
                .map(row -> new Loss(
                        row.findElement(By.cssSelector("[data-testid=impact-name]"))
                                .getText(),
                        row.findElement(By.cssSelector("[data-testid=impact-tokens]"))
                                .getText()))
                .toList();
    }

    /** Save: stores the working copy; the page reloads with "Token usage saved.". */
    public WorkspaceSettingsPage save() {
        Htmx.clickAndAwaitNewPage(driver, dialog().findElement(By.cssSelector("[data-testid=save-token-usage]")));
        return WorkspaceSettingsPage.current(driver, baseUrl);
    }

    /** Cancel: closes the dialog; nothing is sent. */
    public WorkspaceSettingsPage cancel() {
        dialog().findElement(By.cssSelector("[data-testid=cancel-token-usage]")).click();
        Waits.on(driver)
                .withMessage("the token usage dialog to close")
                .until(ExpectedConditions.invisibilityOfElementLocated(DIALOG));
        return WorkspaceSettingsPage.current(driver, baseUrl);
    }

    private TokenUsageDialog clickAndAwaitRerender(WebElement button) {
        WebElement before = dialog();
        button.click();
        Waits.on(driver).withMessage("the re-rendered token usage dialog").until(Htmx.replaced(before));
        return current(driver, baseUrl);
    }

    private WebElement dialog() {
        return driver.findElement(DIALOG);
    }
}
