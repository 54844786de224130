package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import dev.warden.e2e.Waits;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** A group's Roles tab: roles of the group (its members inherit them) and roles given for the group. */
public final class GroupRolesPage extends AdminConsolePage {
    private static final By REGION = By.cssSelector("[data-testid=group-roles]");

    /** A role the group holds, as shown: name and scope. */
    public record HeldRole(String role, String scope) {}

    private GroupRolesPage(WebDriver driver, String baseUrl) {
        super(driver, baseUrl);
    }

    static GroupRolesPage current(WebDriver driver, String baseUrl) {
        Waits.on(driver).withMessage("a group's Roles tab").until(ExpectedConditions.presenceOfElementLocated(REGION));
        Htmx.awaitSettled(driver);
        return new GroupRolesPage(driver, baseUrl);
    }

    /** Chooses the role and the scope ("Workspace", or "This group only (…)") and clicks Assign. */
    public GroupRolesPage assignToGroup(String role, String scopeLabel) {
        WebElement region = driver.findElement(REGION);
        new Select(driver.findElement(By.cssSelector("[data-testid=held-role-select]"))).selectByVisibleText(role);
        Select scope = new Select(driver.findElement(By.cssSelector("[data-testid=held-scope-select]")));
        scope.getOptions().stream()
                .filter(o -> o.getText().startsWith(scopeLabel))
                .findFirst()
                .ifPresent(o -> scope.selectByVisibleText(o.getText()));
        driver.findElement(By.cssSelector("[data-testid=assign-group-role]")).click();
        Waits.on(driver).withMessage("the roles to change").until(Htmx.replaced(region));
        Htmx.awaitSettled(driver);
        return this;
    }

    public List<HeldRole> heldRoles() {
        return driver.findElements(By.cssSelector("[data-testid=held-role]")).stream()
                .map(row -> new HeldRole(
                        row.findElement(By.cssSelector("[data-testid=role-name]"))
                                .getText(),
                        row.findElement(By.cssSelector("[data-testid=role-scope]"))
                                .getText()))
                .toList();
    }
}
