package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import dev.warden.e2e.Waits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** One audit event's page: what, who, about what, every detail, and before and after side by side. */
public final class AuditEventPage extends AdminConsolePage {
    private static final By EVENT = By.cssSelector("[data-testid=audit-event]");

    /** A value the event recorded before and after the change. */
    public record Change(String what, String before, String after) {}

    private AuditEventPage(WebDriver driver, String baseUrl) {
        super(driver, baseUrl);
    }

    static AuditEventPage current(WebDriver driver, String baseUrl) {
        Waits.on(driver).withMessage("an audit event's page").until(ExpectedConditions.presenceOfElementLocated(EVENT));
        Htmx.awaitSettled(driver);
        return new AuditEventPage(driver, baseUrl);
    }

    public String title() {
        return driver.findElement(By.cssSelector("[data-testid=audit-event-title]"))
                .getText();
    }

    public String actor() {
        return driver.findElement(By.cssSelector("[data-testid=event-actor]")).getText();
    }

    /** The target's name as shown, with its type. */
    public String target() {
        return driver.findElement(By.cssSelector("[data-testid=event-target]")).getText();
    }

    /** The details that are not before/after pairs, by key as shown. */
    public Map<String, String> details() {
        List<WebElement> keys = driver.findElements(By.cssSelector("[data-testid=detail-key]"));
        List<WebElement> values = driver.findElements(By.cssSelector("[data-testid=detail-value]"));
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            details.put(keys.get(i).getText(), values.get(i).getText());
        }
        return details;
    }

    public List<Change> changes() {
        return driver.findElements(By.cssSelector("[data-testid=event-change]")).stream()
                .map(row -> new Change(
                        row.getDomAttribute("data-what"),
                        row.findElement(By.cssSelector("[data-testid=change-before]"))
                                .getText(),
                        row.findElement(By.cssSelector("[data-testid=change-after]"))
                                .getText()))
                .toList();
    }

    public AuditLogPage backToTheLog() {
        Htmx.clickAndAwaitNewPage(driver, driver.findElement(By.cssSelector("[data-testid=back-to-audit]")));
        return AuditLogPage.current(driver, baseUrl);
    }
}
