package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import dev.warden.e2e.Waits;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** User settings → Access tokens ({@code /settings/user/tokens}): the signed-in user's personal access tokens. */
public final class AccessTokensPage {
    static final String PATH = "/settings/user/tokens";
    private static final By HEADING = By.cssSelector("[data-testid=page-heading]");
    private static final By NAV_USER_SETTINGS = By.cssSelector("[data-testid=nav-user-settings]");
    private static final By NAV_ADMIN_CONSOLE = By.cssSelector("[data-testid=nav-admin-console]");
    private static final By CURRENT_USER = By.cssSelector("[data-testid=current-user]");
    private static final By GENERATE = By.cssSelector("[data-testid=generate-token]");
    private static final By TABLE = By.cssSelector("[data-testid=token-table]");
    private static final By ROW = By.cssSelector("[data-testid=token-row]");
    private static final By ROW_NAME = By.cssSelector("[data-testid=token-name]");
    private static final By FLASH_ERROR = By.cssSelector("[data-testid=flash-error]");

    private final WebDriver driver;
    private final String baseUrl;
    private String lastConfirmation;

    private AccessTokensPage(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    public static AccessTokensPage open(WebDriver driver, String baseUrl) {
        driver.get(baseUrl + PATH);
        Htmx.awaitSettled(driver);
        return new AccessTokensPage(driver, baseUrl);
    }

    /** Opens the page without a session: the console sends the browser to the login form instead. */
    public static LoginPage openExpectingLogin(WebDriver driver, String baseUrl) {
        driver.get(baseUrl + PATH);
        Htmx.awaitSettled(driver);
        return LoginPage.current(driver, baseUrl);
    }

    /** The browser is already on this page (after logging in, or after a Done). */
    static AccessTokensPage current(WebDriver driver, String baseUrl) {
        Waits.on(driver)
                .withMessage("the access tokens page")
                .until(ExpectedConditions.presenceOfElementLocated(TABLE));
        Htmx.awaitSettled(driver);
        return new AccessTokensPage(driver, baseUrl);
    }

    /** Follows the "User settings" link in the top bar, which opens Access tokens. */
    public AccessTokensPage openUserSettingsFromNavigation() {
        Htmx.clickAndAwaitNewPage(driver, driver.findElement(NAV_USER_SETTINGS));
        return current(driver, baseUrl);
    }

    /** Follows "Admin Console" in the top bar; a workspace admin lands on its first tab, Users. */
    public PrincipalListPage openAdminConsoleFromNavigation() {
        Htmx.clickAndAwaitNewPage(driver, driver.findElement(NAV_ADMIN_CONSOLE));
        return PrincipalListPage.current(driver, baseUrl);
    }

    public LoginPage logOut() {
        Htmx.clickAndAwaitNewPage(driver, driver.findElement(By.cssSelector("[data-testid=logout]")));
        return LoginPage.current(driver, baseUrl);
    }

    /** Whether the page offers "Generate new token". */
    /** The table's empty state ("You have no access tokens yet."), when shown. */
    public Optional<String> emptyState() {
        return driver.findElements(By.cssSelector("[data-testid=no-tokens]")).stream()
                .findFirst()
                .map(WebElement::getText);
    }

    /** Clicks a row's button that asks first, and returns the console's confirmation dialog, still open. */
    public ConfirmDialog clickAndAwaitConfirmation(String name, String button) {
        row(name).findElement(By.cssSelector("[data-testid=" + button + "]")).click();
        return ConfirmDialog.await(driver);
    }

    public boolean canGenerate() {
        return !driver.findElements(GENERATE).isEmpty();
    }

    /** Why no token can be had now, as the page explains it in place of the Generate button; empty when it can. */
    public Optional<Refusal> refusal() {
        return driver.findElements(By.cssSelector("[data-testid=token-refusal]")).stream()
                .findFirst()
                .map(panel -> new Refusal(
                        panel.getDomAttribute("data-reason"),
                        panel.findElement(By.cssSelector("[data-testid=refusal-title]"))
                                .getText(),
                        panel.findElement(By.cssSelector("[data-testid=refusal-message]"))
                                .getText(),
                        panel.findElement(By.cssSelector("[data-testid=refusal-ask]"))
                                .getText()));
    }

    /** The explanation on the page: the reason code, its heading, the message, and whom to ask. */
    public record Refusal(String reason, String title, String message, String askWhom) {}

    public AccessTokensPage reload() {
        driver.navigate().refresh();
        return current(driver, baseUrl);
    }

    WebDriver driver() {
        return driver;
    }

    public String heading() {
        return driver.findElement(HEADING).getText();
    }

    public String signedInUser() {
        return driver.findElement(CURRENT_USER).getText();
    }

    /** Whether the top-bar "User settings" link is marked as the current page ({@code aria-current="page"}). */
    public boolean userSettingsIsCurrentInNavigation() {
        return "page".equals(driver.findElement(NAV_USER_SETTINGS).getDomAttribute("aria-current"));
    }

    public GenerateTokenDialog openGenerateDialog() {
        driver.findElement(GENERATE).click();
        Htmx.awaitSettled(driver);
        return GenerateTokenDialog.current(driver, baseUrl);
    }

    /** Tabs from wherever focus is to "Generate new token" and presses Enter. */
    public GenerateTokenDialog openGenerateDialogWithKeyboard() {
        new Keyboard(driver)
                .tabTo("[data-testid=generate-token]")
                .press(Keys.ENTER)
                .awaitHtmx();
        return GenerateTokenDialog.current(driver, baseUrl);
    }

    /** Generates a token through the dialog and returns the dialog that shows its value once. */
    public IssuedTokenDialog generateToken(String name, int lifetimeDays, String... scopes) {
        return openGenerateDialog()
                .name(name)
                .lifetimeDays(lifetimeDays)
                .scopes(scopes)
                .submit();
    }

    public List<String> tokenNames() {
        return driver.findElements(ROW).stream()
                .map(row -> row.findElement(ROW_NAME).getText())
                .toList();
    }

    public List<TokenRow> rows() {
        return driver.findElements(ROW).stream().map(TokenRow::read).toList();
    }

    public boolean hasRow(String name) {
        return findRow(name).isPresent();
    }

    public TokenRow rowFor(String name) {
        return TokenRow.read(row(name));
    }

    public AccessTokensPage revoke(String name) {
        clickAndAnswerConfirm(name, "revoke-token", true);
        return this;
    }

    /** Clicks Revoke and dismisses the browser's confirmation. */
    public AccessTokensPage revokeButCancel(String name) {
        clickAndAnswerConfirm(name, "revoke-token", false);
        return this;
    }

    /** Clicks the row's Rotate: its dialog asks when the old secret stops. */
    public RotateTokenDialog openRotate(String name) {
        row(name).findElement(By.cssSelector("[data-testid=rotate-token]")).click();
        Htmx.awaitSettled(driver);
        return RotateTokenDialog.current(driver, baseUrl);
    }

    public AccessTokensPage restore(String name) {
        row(name).findElement(By.cssSelector("[data-testid=restore-token]")).click();
        Htmx.awaitSettled(driver);
        return this;
    }

    public AccessTokensPage delete(String name) {
        clickAndAnswerConfirm(name, "delete-token", true);
        return this;
    }

    /** Clicks Delete and dismisses the browser's confirmation. */
    public AccessTokensPage deleteButCancel(String name) {
        clickAndAnswerConfirm(name, "delete-token", false);
        return this;
    }

    /** The text of the last {@code hx-confirm} question answered on this page. */
    public String lastConfirmation() {
        return lastConfirmation;
    }

    /** An error the server reported above the table for a row action it refused. */
    public Optional<String> flashError() {
        return driver.findElements(FLASH_ERROR).stream().findFirst().map(WebElement::getText);
    }

    private void clickAndAnswerConfirm(String name, String button, boolean accept) {
        row(name).findElement(By.cssSelector("[data-testid=" + button + "]")).click();
        // hx-confirm opens the console's confirmation dialog; htmx sends the request only after it is confirmed.
        lastConfirmation = ConfirmDialog.await(driver).answer(accept);
        Htmx.awaitSettled(driver);
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
