package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import dev.warden.e2e.Waits;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** One role's page: permissions, who holds it and for what, and the Assign form with its picker. */
public final class RolePage extends AdminConsolePage {
    private static final By HOLDERS = By.cssSelector("[data-testid=role-holders]");

    /** One holder as shown: name, kind ("group", "user", …) and scope ("Workspace" or "Group x"). */
    public record Holder(String name, String kind, String scope) {}

    private RolePage(WebDriver driver, String baseUrl) {
        super(driver, baseUrl);
    }

    static RolePage current(WebDriver driver, String baseUrl) {
        Waits.on(driver).withMessage("a role's page").until(ExpectedConditions.presenceOfElementLocated(HOLDERS));
        Htmx.awaitSettled(driver);
        return new RolePage(driver, baseUrl);
    }

    public String title() {
        return driver.findElement(By.cssSelector("[data-testid=role-title]")).getText();
    }

    public List<String> permissions() {
        return driver
                .findElements(By.cssSelector("[data-testid=role-permissions] [data-testid=role-permission]"))
                .stream()
                .map(WebElement::getText)
                .toList();
    }

    public List<Holder> holders() {
        return driver.findElements(By.cssSelector("[data-testid=holder-row]")).stream()
                .map(row -> new Holder(
                        row.findElement(By.cssSelector("[data-testid=holder-name]"))
                                .getText(),
                        row.findElement(By.cssSelector("[data-testid=holder-kind]"))
                                .getText(),
                        row.findElement(By.cssSelector("[data-testid=holder-scope]"))
                                .getText()))
                .toList();
    }

    /**
     * Types {@code search} into the picker, chooses the match whose name is {@code name}, picks the scope by its
     * label ("Workspace", "Group ops") and clicks Assign.
     */
    public RolePage assign(String search, String name, String scopeLabel) {
        WebElement holders = driver.findElement(HOLDERS);
        driver.findElement(By.cssSelector("[data-testid=assignee-search]")).sendKeys(search);
        WebElement match = Waits.on(driver)
                .withMessage("the match '" + name + "'")
                .until(d -> d.findElements(By.cssSelector("[data-testid=assignee-option]")).stream()
                        .filter(o -> o.findElement(By.cssSelector("[data-testid=assignee-name]"))
                                .getText()
                                .equals(name))
                        .findFirst()
                        .orElse(null));
        Htmx.awaitSettled(driver);
        match.findElement(By.cssSelector("input[type=radio]")).click();
        new Select(driver.findElement(By.cssSelector("[data-testid=scope-select]"))).selectByVisibleText(scopeLabel);
        driver.findElement(By.cssSelector("[data-testid=assign-role]")).click();
        Waits.on(driver).withMessage("the holders to change").until(Htmx.replaced(holders));
        Htmx.awaitSettled(driver);
        return this;
    }
}
