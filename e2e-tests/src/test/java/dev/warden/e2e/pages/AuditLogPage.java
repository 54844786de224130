package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import dev.warden.e2e.Waits;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** Admin Console → Audit log: the filters, the events newest first, their pages and the export links. */
public final class AuditLogPage extends AdminConsolePage {
    private static final By EVENTS = By.cssSelector("[data-testid=audit-events]");
    private static final By ROW = By.cssSelector("[data-testid=audit-row]");

    /** One event as listed: the action in words, who, what about, from where. */
    public record Row(String action, String actor, String target, String address) {}

    private AuditLogPage(WebDriver driver, String baseUrl) {
        super(driver, baseUrl);
    }

    static AuditLogPage current(WebDriver driver, String baseUrl) {
        Waits.on(driver).withMessage("the audit log").until(ExpectedConditions.presenceOfElementLocated(EVENTS));
        Htmx.awaitSettled(driver);
        return new AuditLogPage(driver, baseUrl);
    }

    /** Chooses the actor and the action by the words the selects show, and applies the filters. */
    public AuditLogPage filterBy(String actor, String action) {
        new Select(driver.findElement(By.cssSelector("[data-testid=filter-actor]"))).selectByVisibleText(actor);
        new Select(driver.findElement(By.cssSelector("[data-testid=filter-action]"))).selectByVisibleText(action);
        Htmx.clickAndAwaitNewPage(driver, driver.findElement(By.cssSelector("[data-testid=apply-audit-filters]")));
        return current(driver, baseUrl);
    }

    public String chosenActor() {
        return new Select(driver.findElement(By.cssSelector("[data-testid=filter-actor]")))
                .getFirstSelectedOption()
                .getText();
    }

    public String chosenAction() {
        return new Select(driver.findElement(By.cssSelector("[data-testid=filter-action]")))
                .getFirstSelectedOption()
                .getText();
    }

    public List<Row> rows() {
        return driver.findElements(ROW).stream()
                .map(row -> new Row(
                        text(row, "audit-action"),
                        text(row, "audit-actor"),
                        text(row, "audit-target"),
                        text(row, "audit-address")))
                .toList();
    }

    /** The page of the n-th event listed (from 0). */
    public AuditEventPage openEvent(int index) {
        WebElement row = driver.findElements(ROW).get(index);
        Htmx.clickAndAwaitNewPage(driver, row.findElement(By.cssSelector("[data-testid=audit-event-link]")));
        return AuditEventPage.current(driver, baseUrl);
    }

    /** The address the Export CSV button downloads from, with the current filters. */
    public String exportCsvHref() {
        return driver.findElement(By.cssSelector("[data-testid=export-csv]")).getDomProperty("href");
    }

    private static String text(WebElement row, String testid) {
        return row.findElement(By.cssSelector("[data-testid=" + testid + "]")).getText();
    }
}
