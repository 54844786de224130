package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import dev.warden.e2e.Waits;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Admin Console → Services: the registered services and "Register service". */
public final class ServicesPage extends AdminConsolePage {
    private static final By LIST = By.cssSelector("[data-testid=service-table], [data-testid=no-services]");
    private static final By ROW = By.cssSelector("[data-testid=service-row]");

    private ServicesPage(WebDriver driver, String baseUrl) {
        super(driver, baseUrl);
    }

    public static ServicesPage open(WebDriver driver, String baseUrl) {
        driver.get(baseUrl + "/settings/admin/services");
        return current(driver, baseUrl);
    }

    static ServicesPage current(WebDriver driver, String baseUrl) {
        Waits.on(driver).withMessage("the services page").until(ExpectedConditions.presenceOfElementLocated(LIST));
        Htmx.awaitSettled(driver);
        return new ServicesPage(driver, baseUrl);
    }

    /** The services' names ({@code wiki}), in the order listed. */
    public List<String> serviceNames() {
        return driver.findElements(ROW).stream()
                .map(r -> r.getDomAttribute("data-service"))
                .toList();
    }

    public RegisterServiceDialog openRegisterDialog() {
        driver.findElement(By.cssSelector("[data-testid=register-service]")).click();
        Htmx.awaitSettled(driver);
        return RegisterServiceDialog.current(driver, baseUrl);
    }

    public ServicePage openService(String name) {
        WebElement row = driver.findElements(ROW).stream()
                .filter(r -> name.equals(r.getDomAttribute("data-service")))
                .findFirst()
                .orElseThrow(() -> new org.openqa.selenium.NoSuchElementException(
                        "No service '" + name + "'; services: " + serviceNames()));
        Htmx.clickAndAwaitNewPage(driver, row.findElement(By.cssSelector("[data-testid=service-link]")));
        return ServicePage.current(driver, baseUrl);
    }
}
