package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** What every Admin Console page has: its tabs, the flash region, and its confirmations answered. */
public abstract class AdminConsolePage {
    private static final By TABS = By.cssSelector("[data-testid=admin-tabs] a");
    private static final By FLASH_ERROR = By.cssSelector("[data-testid=flash-error]");

    final WebDriver driver;
    final String baseUrl;
    String lastConfirmation;

    AdminConsolePage(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    public PrincipalListPage openUsersTab() {
        clickTab("users");
        return PrincipalListPage.current(driver, baseUrl);
    }

    public PrincipalListPage openServicePrincipalsTab() {
        clickTab("service-principals");
        return PrincipalListPage.current(driver, baseUrl);
    }

    public GroupListPage openGroupsTab() {
        clickTab("groups");
        return GroupListPage.current(driver, baseUrl);
    }

    public RolesPage openRolesTab() {
        clickTab("roles");
        return RolesPage.current(driver, baseUrl);
    }

    public ServicesPage openServicesTab() {
        clickTab("services");
        return ServicesPage.current(driver, baseUrl);
    }

    public WorkspaceSettingsPage openWorkspaceSettingsTab() {
        clickTab("workspace");
        return WorkspaceSettingsPage.current(driver, baseUrl);
    }

    public AuditLogPage openAuditLogTab() {
        clickTab("audit");
        return AuditLogPage.current(driver, baseUrl);
    }

    public LoginPage logOut() {
        Htmx.clickAndAwaitNewPage(driver, driver.findElement(By.cssSelector("[data-testid=logout]")));
        return LoginPage.current(driver, baseUrl);
    }

    /** The titles of the Admin Console tabs this user sees. */
    public List<String> tabTitles() {
        return driver.findElements(TABS).stream().map(WebElement::getText).toList();
    }

    public String currentTabTitle() {
        return driver.findElements(TABS).stream()
                .filter(a -> "page".equals(a.getDomAttribute("aria-current")))
                .map(WebElement::getText)
                .findFirst()
                .orElse("");
    }

    /** The text of the last confirmation question answered on this page. */
    public String lastConfirmation() {
        return lastConfirmation;
    }

    /** An error the server reported above the content for an action it refused. */
    public Optional<String> flashError() {
        return driver.findElements(FLASH_ERROR).stream().findFirst().map(WebElement::getText);
    }

    public String currentUrl() {
        return driver.getCurrentUrl();
    }

    private void clickTab(String slug) {
        Htmx.clickAndAwaitNewPage(driver, driver.findElement(By.cssSelector("[data-testid=admin-tab-" + slug + "]")));
    }

    /** Clicks an hx-confirm button and answers the console's confirmation dialog. */
    void clickAndConfirm(WebElement button, boolean accept) {
        button.click();
        lastConfirmation = ConfirmDialog.await(driver).answer(accept);
    }
}
