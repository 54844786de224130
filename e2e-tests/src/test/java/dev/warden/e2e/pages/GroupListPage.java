package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import dev.warden.e2e.Waits;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Admin Console → Groups: the searchable list and "New group". */
public final class GroupListPage extends AdminConsolePage {
    private static final By TABLE = By.cssSelector("[data-testid=group-table]");
    private static final By LINK = By.cssSelector("[data-testid=group-row] [data-testid=group-link]");

    private GroupListPage(WebDriver driver, String baseUrl) {
        super(driver, baseUrl);
    }

    public static GroupListPage open(WebDriver driver, String baseUrl) {
        driver.get(baseUrl + "/settings/admin/groups");
        return current(driver, baseUrl);
    }

    static GroupListPage current(WebDriver driver, String baseUrl) {
        Waits.on(driver).withMessage("the group list").until(ExpectedConditions.presenceOfElementLocated(TABLE));
        Htmx.awaitSettled(driver);
        return new GroupListPage(driver, baseUrl);
    }

    public GroupListPage search(String text) {
        WebElement table = driver.findElement(TABLE);
        WebElement box = driver.findElement(By.cssSelector("[data-testid=group-search]"));
        box.clear();
        box.sendKeys(text);
        Waits.on(driver).withMessage("the table to follow the search").until(Htmx.replaced(table));
        Htmx.awaitSettled(driver);
        return this;
    }

    public List<String> names() {
        return driver.findElements(LINK).stream().map(WebElement::getText).toList();
    }

    /** Creates a group in the "New group" dialog; the console then opens its Members tab. */
    public GroupMembersPage newGroup(String name) {
        driver.findElement(By.cssSelector("[data-testid=new-group]")).click();
        Htmx.awaitSettled(driver);
        WebElement dialog = Waits.on(driver)
                .withMessage("the new-group dialog")
                .until(ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("[data-testid=create-group-dialog]")));
        dialog.findElement(By.cssSelector("[data-testid=group-name-input]")).sendKeys(name);
        Htmx.clickAndAwaitNewPage(driver, dialog.findElement(By.cssSelector("[data-testid=submit-create]")));
        return GroupMembersPage.current(driver, baseUrl);
    }

    public GroupMembersPage openGroup(String name) {
        WebElement link = driver.findElements(LINK).stream()
                .filter(a -> a.getText().equals(name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("No group '" + name + "'; groups: " + names()));
        Htmx.clickAndAwaitNewPage(driver, link);
        return GroupMembersPage.current(driver, baseUrl);
    }
}
