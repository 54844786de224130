package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import dev.warden.e2e.Waits;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Admin Console → Users or Service principals: the searchable list and its "New …" dialog. */
public final class PrincipalListPage extends AdminConsolePage {
    private static final By TABLE = By.cssSelector("[data-testid=principal-table]");
    private static final By ROW = By.cssSelector("[data-testid=principal-row]");
    private static final By LINK = By.cssSelector("[data-testid=principal-link]");
    private static final By SEARCH = By.cssSelector("[data-testid=principal-search]");
    private static final By COUNT = By.cssSelector("[data-testid=result-count]");

    private PrincipalListPage(WebDriver driver, String baseUrl) {
        super(driver, baseUrl);
    }

    public static PrincipalListPage open(WebDriver driver, String baseUrl, String slug) {
        driver.get(baseUrl + "/settings/admin/" + slug);
        return current(driver, baseUrl);
    }

    static PrincipalListPage current(WebDriver driver, String baseUrl) {
        Waits.on(driver).withMessage("a principal list").until(ExpectedConditions.presenceOfElementLocated(TABLE));
        Htmx.awaitSettled(driver);
        return new PrincipalListPage(driver, baseUrl);
    }

    /** Types into the search box; the table follows as you type, and the address bar with it. */
    public PrincipalListPage search(String text) {
        WebElement table = driver.findElement(TABLE);
        WebElement box = driver.findElement(SEARCH);
        box.clear();
        box.sendKeys(text);
        Waits.on(driver).withMessage("the table to follow the search").until(Htmx.replaced(table));
        Htmx.awaitSettled(driver);
        return this;
    }

    /** The names in the first column (user names, or display names of service principals). */
    public List<String> names() {
        return driver.findElements(ROW).stream()
                .map(row -> row.findElement(LINK).getText())
                .toList();
    }

    public String resultCount() {
        return driver.findElement(COUNT).getText();
    }

    public PrincipalPage open(String name) {
        WebElement link = driver.findElements(ROW).stream()
                .map(row -> row.findElement(LINK))
                .filter(a -> a.getText().equals(name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("No row named '" + name + "'; rows: " + names()));
        Htmx.clickAndAwaitNewPage(driver, link);
        return PrincipalPage.current(driver, baseUrl);
    }

    /** Opens "New service principal", enters the display name and creates it. */
    public CreatedPrincipalDialog createServicePrincipal(String displayName) {
        openCreateDialog()
                .findElement(By.cssSelector("[data-testid=display-name-input]"))
                .sendKeys(displayName);
        return submitCreate();
    }

    public CreatedPrincipalDialog createUser(String userName, String displayName, String email, String password) {
        WebElement dialog = openCreateDialog();
        dialog.findElement(By.cssSelector("[data-testid=user-name-input]")).sendKeys(userName);
        dialog.findElement(By.cssSelector("[data-testid=display-name-input]")).sendKeys(displayName);
        dialog.findElement(By.cssSelector("[data-testid=email-input]")).sendKeys(email);
        dialog.findElement(By.cssSelector("[data-testid=password-input]")).sendKeys(password);
        return submitCreate();
    }

    private WebElement openCreateDialog() {
        driver.findElement(By.cssSelector("[data-testid=new-principal]")).click();
        Htmx.awaitSettled(driver);
        return Waits.on(driver)
                .withMessage("the create dialog")
                .until(ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("[data-testid=create-principal-dialog]")));
    }

    private CreatedPrincipalDialog submitCreate() {
        driver.findElement(By.cssSelector("[data-testid=submit-create]")).click();
        Htmx.awaitSettled(driver);
        return CreatedPrincipalDialog.current(driver, baseUrl);
    }
}
