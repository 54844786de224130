package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import dev.warden.e2e.Waits;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A list of organisation or group tokens: Admin Console → Access tokens → Organisation tokens, or a group's Access
 * tokens tab. Each row's Status column offers Revoke, Restore and Delete.
 */
public final class TechnicalTokensPage extends AdminConsolePage {
    private static final By REGION = By.cssSelector("[data-testid=technical-tokens]");
    private static final By ROW = By.cssSelector("[data-testid=technical-token-row]");
    private static final By ROW_NAME = By.cssSelector("[data-testid=token-name]");
    private static final By CREATE = By.cssSelector("[data-testid=create-token]");
    private static final By VIEWS = By.cssSelector("[data-testid=token-views] a");

    private TechnicalTokensPage(WebDriver driver, String baseUrl) {
        super(driver, baseUrl);
    }

    static TechnicalTokensPage current(WebDriver driver, String baseUrl) {
        Waits.on(driver)
                .withMessage("a list of organisation or group tokens")
                .until(ExpectedConditions.presenceOfElementLocated(REGION));
        Htmx.awaitSettled(driver);
        return new TechnicalTokensPage(driver, baseUrl);
    }

    /** From any Admin Console page: the Access tokens tab, then its "Organisation tokens" view. */
    public static TechnicalTokensPage organisationTokensFrom(AdminConsolePage console) {
        WebDriver driver = console.driver;
        Htmx.clickAndAwaitNewPage(driver, driver.findElement(By.cssSelector("[data-testid=admin-tab-tokens]")));
        Htmx.clickAndAwaitNewPage(driver, driver.findElement(By.cssSelector("[data-testid=token-view-organisation]")));
        return current(driver, console.baseUrl);
    }

    /** From a group's page: its "Access tokens" tab. */
    public static TechnicalTokensPage groupTokensFrom(AdminConsolePage groupPage) {
        WebDriver driver = groupPage.driver;
        Htmx.clickAndAwaitNewPage(driver, driver.findElement(By.cssSelector("[data-testid=group-tab-tokens]")));
        return current(driver, groupPage.baseUrl);
    }

    /** The titles of the group page's tabs (Members, Roles, Access tokens) this user sees, on any group page. */
    public static List<String> groupTabTitles(AdminConsolePage groupPage) {
        return groupPage.driver.findElements(By.cssSelector("[data-testid=group-tabs] a")).stream()
                .map(WebElement::getText)
                .toList();
    }

    public TechnicalTokensPage reload() {
        driver.navigate().refresh();
        return current(driver, baseUrl);
    }

    /** The views of the Access tokens tab ("All tokens", "Organisation tokens"); empty on a group's tab. */
    public List<String> views() {
        return driver.findElements(VIEWS).stream().map(WebElement::getText).toList();
    }

    public String currentView() {
        return driver.findElements(VIEWS).stream()
                .filter(a -> "page".equals(a.getDomAttribute("aria-current")))
                .map(WebElement::getText)
                .findFirst()
                .orElse("");
    }

    /** Follows the "All tokens" view: the inventory of every token of the workspace. */
    public AllTokensView openAllTokensView() {
        Htmx.clickAndAwaitNewPage(driver, driver.findElement(By.cssSelector("[data-testid=token-view-all]")));
        return AllTokensView.current(driver, baseUrl);
    }

    public boolean canCreate() {
        return !driver.findElements(CREATE).isEmpty();
    }

    public CreateAccessTokenDialog openCreateDialog() {
        driver.findElement(CREATE).click();
        Htmx.awaitSettled(driver);
        return CreateAccessTokenDialog.current(driver, baseUrl);
    }

    /** Whether the text appears anywhere in the page's HTML (a secret must not, once its dialog is closed). */
    public boolean sourceContains(String text) {
        return driver.getPageSource().contains(text);
    }

    public List<String> tokenNames() {
        return driver.findElements(ROW).stream()
                .map(row -> row.findElement(ROW_NAME).getText())
                .toList();
    }

    public boolean hasRow(String name) {
        return findRow(name).isPresent();
    }

    public TechnicalTokenRow rowFor(String name) {
        return TechnicalTokenRow.read(row(name));
    }

    public TechnicalTokensPage revoke(String name) {
        clickAndConfirm(row(name).findElement(By.cssSelector("[data-testid=revoke-token]")), true);
        Htmx.awaitSettled(driver);
        return this;
    }

    public TechnicalTokensPage restore(String name) {
        row(name).findElement(By.cssSelector("[data-testid=restore-token]")).click();
        Htmx.awaitSettled(driver);
        return this;
    }

    public TechnicalTokensPage delete(String name) {
        clickAndConfirm(row(name).findElement(By.cssSelector("[data-testid=delete-token]")), true);
        Htmx.awaitSettled(driver);
        return this;
    }

    private WebElement row(String name) {
        return findRow(name)
                .orElseThrow(
                        () -> new NoSuchElementException("No token row named '" + name + "'; rows: " + tokenNames()));
    }

    private Optional<WebElement> findRow(String name) {
        return driver.findElements(ROW).stream()
                .filter(row -> row.findElement(ROW_NAME).getText().equals(name))
                .findFirst();
    }
}
