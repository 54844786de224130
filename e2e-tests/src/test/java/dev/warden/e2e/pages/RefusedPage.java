package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/** The console's page for a refused request ("You are not allowed to do this"), opened by typing its address. */
public final class RefusedPage {
    private final WebDriver driver;
    private final int status;

    private RefusedPage(WebDriver driver, int status) {
        this.driver = driver;
        this.status = status;
    }

    /**
     * Opens the path in the browser, as a user typing the address would, and reads the HTTP status the browser got
     * for it (with the same session cookie), which the page itself does not show.
     */
    public static RefusedPage open(WebDriver driver, String baseUrl, String path) {
        driver.get(baseUrl + path);
        Htmx.awaitSettled(driver);
        Object status = ((JavascriptExecutor) driver)
                .executeAsyncScript(
                        "var done = arguments[arguments.length - 1];"
                                + "fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) { done(r.status); },"
                                + " function () { done(-1); });",
                        baseUrl + path);
        return new RefusedPage(driver, ((Number) status).intValue());
    }

    public int status() {
        return status;
    }

    /** Whether the page is the 403 kind of refusal. */
    public boolean isForbidden() {
        return !driver.findElements(By.cssSelector("[data-testid=forbidden]")).isEmpty();
    }

    public String heading() {
        return driver.findElement(By.cssSelector("[data-testid=page-heading]")).getText();
    }

    public String message() {
        return driver.findElement(By.cssSelector("[data-testid=problem-message]"))
                .getText();
    }
}
