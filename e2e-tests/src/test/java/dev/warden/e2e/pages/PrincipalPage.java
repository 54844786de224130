package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import dev.warden.e2e.Waits;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** A user's or service principal's page: status, groups, roles with where they come from, tokens, actions. */
public final class PrincipalPage extends AdminConsolePage {
    private static final By DETAIL = By.cssSelector("[data-testid=principal-detail]");

    /** One line of the Roles table as shown: role, scope ("Workspace" or "Group x"), source ("Direct" or "Inherited via group y"). */
    public record RoleLine(String role, String scope, String source) {}

    /** One token row as shown. */
    public record TokenLine(String name, List<String> scopes, String status) {}

    private PrincipalPage(WebDriver driver, String baseUrl) {
        super(driver, baseUrl);
    }

    static PrincipalPage current(WebDriver driver, String baseUrl) {
        Waits.on(driver).withMessage("a principal's page").until(ExpectedConditions.presenceOfElementLocated(DETAIL));
        Htmx.awaitSettled(driver);
        return new PrincipalPage(driver, baseUrl);
    }

    public PrincipalPage reload() {
        driver.navigate().refresh();
        return current(driver, baseUrl);
    }

    public String title() {
        return text("principal-title");
    }

    public String status() {
        return text("principal-status");
    }

    public String applicationId() {
        return text("principal-application-id");
    }

    /** The names of its groups (each chip's link, without its Remove button). */
    public List<String> groups() {
        return driver.findElements(By.cssSelector("[data-testid=principal-group] > a")).stream()
                .map(WebElement::getText)
                .toList();
    }

    public List<RoleLine> roles() {
        return driver.findElements(By.cssSelector("[data-testid=role-row]")).stream()
                .map(row -> new RoleLine(cell(row, "role-name"), cell(row, "role-scope"), cell(row, "role-source")))
                .toList();
    }

    public List<TokenLine> tokens() {
        return driver.findElements(By.cssSelector("[data-testid=principal-token]")).stream()
                .map(row -> new TokenLine(
                        cell(row, "token-name"),
                        row.findElements(By.cssSelector("[data-testid=token-scope]")).stream()
                                .map(WebElement::getText)
                                .toList(),
                        cell(row, "token-status")))
                .toList();
    }

    /** Whether the page offers "Create token" (on behalf of a service principal). */
    public boolean offersCreateToken() {
        return !driver.findElements(By.cssSelector("[data-testid=create-sp-token]"))
                .isEmpty();
    }

    /** "Create token": the personal token dialog, for a token on behalf of this service principal. */
    public GenerateTokenDialog openCreateToken() {
        driver.findElement(By.cssSelector("[data-testid=create-sp-token]")).click();
        Htmx.awaitSettled(driver);
        return GenerateTokenDialog.current(driver, baseUrl);
    }

    /** Where the "OAuth secrets" link goes (the secrets section on this page). */
    public String secretsLink() {
        return driver.findElement(By.cssSelector("[data-testid=manage-secrets]"))
                .getDomAttribute("href");
    }

    /** Picks the group in "Add to group" and adds. */
    public PrincipalPage addToGroup(String group) {
        WebElement detail = driver.findElement(DETAIL);
        new Select(driver.findElement(By.cssSelector("[data-testid=add-group-select]"))).selectByVisibleText(group);
        driver.findElement(By.cssSelector("[data-testid=add-to-group]")).click();
        Waits.on(driver).withMessage("the page to show the group").until(Htmx.replaced(detail));
        Htmx.awaitSettled(driver);
        return this;
    }

    /** Picks the role in "Assign role" (for the whole workspace) and assigns it. */
    public PrincipalPage assignRole(String role) {
        WebElement detail = driver.findElement(DETAIL);
        new Select(driver.findElement(By.cssSelector("[data-testid=assign-role-select]"))).selectByVisibleText(role);
        driver.findElement(By.cssSelector("[data-testid=assign-role]")).click();
        Waits.on(driver).withMessage("the page to show the role").until(Htmx.replaced(detail));
        Htmx.awaitSettled(driver);
        return this;
    }

    /** Clicks Deactivate and accepts the confirmation, which says what follows. */
    public PrincipalPage deactivate() {
        WebElement detail = driver.findElement(DETAIL);
        clickAndConfirm(driver.findElement(By.cssSelector("[data-testid=deactivate-principal]")), true);
        Waits.on(driver).withMessage("the page to show the change").until(Htmx.replaced(detail));
        Htmx.awaitSettled(driver);
        return this;
    }

    public PrincipalPage activate() {
        WebElement detail = driver.findElement(DETAIL);
        driver.findElement(By.cssSelector("[data-testid=activate-principal]")).click();
        Waits.on(driver).withMessage("the page to show the change").until(Htmx.replaced(detail));
        Htmx.awaitSettled(driver);
        return this;
    }

    /** Clicks Delete, accepts the confirmation and lands on the list the principal was in. */
    public PrincipalListPage delete() {
        WebElement root = driver.findElement(By.tagName("html"));
        clickAndConfirm(driver.findElement(By.cssSelector("[data-testid=delete-principal]")), true);
        Waits.on(driver).withMessage("the list after deleting").until(Htmx.replaced(root));
        return PrincipalListPage.current(driver, baseUrl);
    }

    private String text(String testId) {
        return driver.findElement(By.cssSelector("[data-testid=" + testId + "]"))
                .getText();
    }

    private static String cell(WebElement row, String testId) {
        return row.findElement(By.cssSelector("[data-testid=" + testId + "]"))
                .getText()
                .strip();
    }
}
