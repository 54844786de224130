package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The login form at {@code /login}. */
public final class LoginPage {
    private static final By USER_NAME = By.id("username");
    private static final By PASSWORD = By.id("password");
    private static final By SUBMIT = By.cssSelector("[data-testid=login-submit]");
    private static final By ERROR = By.cssSelector("[data-testid=login-error]");

    private final WebDriver driver;
    private final String baseUrl;

    private LoginPage(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    public static LoginPage open(WebDriver driver, String baseUrl) {
        driver.get(baseUrl + "/login");
        Htmx.awaitSettled(driver);
        return new LoginPage(driver, baseUrl);
    }

    /** The page the browser is on now, when something redirected it to the login form. */
    public static LoginPage current(WebDriver driver, String baseUrl) {
        return new LoginPage(driver, baseUrl);
    }

    /** Logs in and lands on the start page, which is User settings → Access tokens. */
    public AccessTokensPage logInAs(String user, String password) {
        submit(user, password);
        return AccessTokensPage.current(driver, baseUrl);
    }

    /** Submits credentials the server is expected to refuse; stays on the login page. */
    public LoginPage logInExpectingFailure(String user, String password) {
        submit(user, password);
        return this;
    }

    public Optional<String> errorMessage() {
        return driver.findElements(ERROR).stream().findFirst().map(WebElement::getText);
    }

    public boolean isShown() {
        return driver.getCurrentUrl().startsWith(baseUrl + "/login")
                && !driver.findElements(SUBMIT).isEmpty();
    }

    private void submit(String user, String password) {
        WebElement name = driver.findElement(USER_NAME);
        name.clear();
        name.sendKeys(user);
        WebElement secret = driver.findElement(PASSWORD);
        secret.clear();
        secret.sendKeys(password);
        Htmx.clickAndAwaitNewPage(driver, driver.findElement(SUBMIT));
    }
}
