package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import dev.warden.e2e.Waits;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** One registered service's page: its scopes with the roles that grant each, and its service principal. */
public final class ServicePage extends AdminConsolePage {
    private static final By SCOPES = By.cssSelector("[data-testid=service-scopes]");

    private ServicePage(WebDriver driver, String baseUrl) {
        super(driver, baseUrl);
    }

    static ServicePage current(WebDriver driver, String baseUrl) {
        Waits.on(driver).withMessage("a service's page").until(ExpectedConditions.presenceOfElementLocated(SCOPES));
        Htmx.awaitSettled(driver);
        return new ServicePage(driver, baseUrl);
    }

    public String title() {
        return driver.findElement(By.cssSelector("[data-testid=service-title]")).getText();
    }

    public String servicePrincipal() {
        return driver.findElement(By.cssSelector("[data-testid=service-principal-link]"))
                .getText();
    }

    public List<String> scopes() {
        return driver.findElements(By.cssSelector("[data-testid=service-scope]")).stream()
                .map(WebElement::getText)
                .toList();
    }

    /** The names of the roles listed as granting this scope. */
    public List<String> rolesGranting(String scope) {
        return driver.findElements(By.cssSelector("[data-testid=service-scope-row]")).stream()
                .filter(row -> scope.equals(row.getDomAttribute("data-scope")))
                .findFirst()
                .map(row -> row.findElements(By.cssSelector("[data-testid=granting-role]")).stream()
                        .map(li -> li.getDomAttribute("data-role"))
                        .toList())
                .orElse(List.of());
    }

    public ServicePage reload() {
        driver.navigate().refresh();
        return current(driver, baseUrl);
    }
}
