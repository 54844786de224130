package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import dev.warden.e2e.Waits;
import java.util.Arrays;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Admin Console → Roles: every role with its permissions and holders, and "New role". */
public final class RolesPage extends AdminConsolePage {
    private static final By TABLE = By.cssSelector("[data-testid=role-table]");
    private static final By ROW = By.cssSelector("[data-testid=role-row]");

    private RolesPage(WebDriver driver, String baseUrl) {
        super(driver, baseUrl);
    }

    public static RolesPage open(WebDriver driver, String baseUrl) {
        driver.get(baseUrl + "/settings/admin/roles");
        return current(driver, baseUrl);
    }

    static RolesPage current(WebDriver driver, String baseUrl) {
        Waits.on(driver).withMessage("the roles page").until(ExpectedConditions.presenceOfElementLocated(TABLE));
        Htmx.awaitSettled(driver);
        return new RolesPage(driver, baseUrl);
    }

    public List<String> roleNames() {
        return driver.findElements(ROW).stream()
                .map(r -> r.getDomAttribute("data-role"))
                .toList();
    }

    public List<String> permissionsOf(String role) {
        return row(role).findElements(By.cssSelector("[data-testid=role-permission]")).stream()
                .map(WebElement::getText)
                .toList();
    }

    public List<String> holdersOf(String role) {
        return row(role).findElements(By.cssSelector("[data-testid=role-holder] a")).stream()
                .map(WebElement::getText)
                .toList();
    }

    public RolePage openRole(String role) {
        Htmx.clickAndAwaitNewPage(driver, row(role).findElement(By.cssSelector("[data-testid=role-link]")));
        return RolePage.current(driver, baseUrl);
    }

    /** Opens "New role", names it, ticks exactly these permissions and creates it; the role's page opens. */
    public RolePage createRole(String name, String description, String... permissions) {
        driver.findElement(By.cssSelector("[data-testid=new-role]")).click();
        Htmx.awaitSettled(driver);
        WebElement dialog = Waits.on(driver)
                .withMessage("the role dialog")
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=role-dialog]")));
        dialog.findElement(By.cssSelector("[data-testid=role-name-input]")).sendKeys(name);
        dialog.findElement(By.cssSelector("[data-testid=role-description-input]"))
                .sendKeys(description);
        List<String> wanted = Arrays.asList(permissions);
        for (WebElement box : dialog.findElements(By.cssSelector("input[type=checkbox][name=permissions]"))) {
            if (box.isSelected() != wanted.contains(box.getDomAttribute("value"))) {
                box.click();
            }
        }
        Htmx.clickAndAwaitNewPage(driver, dialog.findElement(By.cssSelector("[data-testid=submit-role]")));
        return RolePage.current(driver, baseUrl);
    }

    private WebElement row(String role) {
        return driver.findElements(ROW).stream()
                .filter(r -> role.equals(r.getDomAttribute("data-role")))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("No role '" + role + "'; roles: " + roleNames()));
    }
}
