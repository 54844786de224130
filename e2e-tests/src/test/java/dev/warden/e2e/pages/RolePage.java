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

    /** The page of the role with this id. */
    public static RolePage open(WebDriver driver, String baseUrl, long roleId) {
        driver.get(baseUrl + "/settings/admin/roles/" + roleId);
        return current(driver, baseUrl);
    }

    /**
     * Clicks Unassign on the holder's row when removing the role asks in a dialog with its impact (the
     * workspace-admin role), and returns that dialog.
     */
    public RemovalDialog unassignWithImpact(String holderName) {
        driver.findElements(By.cssSelector("[data-testid=holder-row]")).stream()
                .filter(row -> row.findElement(By.cssSelector("[data-testid=holder-name]"))
                        .getText()
                        .equals(holderName))
                .findFirst()
                .orElseThrow()
                .findElement(By.cssSelector("[data-testid=unassign-holder]"))
                .click();
        WebElement dialog = Waits.on(driver)
                .withMessage("the role removal dialog")
                .until(ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("dialog[data-testid=role-removal-dialog]")));
        Htmx.awaitSettled(driver);
        return new RemovalDialog(dialog);
    }

    /** The workspace-admin removal dialog: what stops, and the way out. */
    public final class RemovalDialog {
        private final WebElement dialog;

        private RemovalDialog(WebElement dialog) {
            this.dialog = dialog;
        }

        public boolean isModal() {
            return Dialogs.isModal(driver, dialog);
        }

        public String impact() {
            return dialog.findElement(By.cssSelector("[data-testid=removal-impact]"))
                    .getText();
        }

        public String keepLabel() {
            return dialog.findElement(By.cssSelector("[data-testid=keep-token-usage-label]"))
                    .getText();
        }

        public RemovalDialog keepTokenUsage() {
            dialog.findElement(By.cssSelector("[data-testid=keep-token-usage]")).click();
            return this;
        }

        /** Clicks "Remove role"; the dialog closes and the holders are shown again. */
        public RolePage remove() {
            WebElement holders = driver.findElement(HOLDERS);
            dialog.findElement(By.cssSelector("[data-testid=confirm-removal]")).click();
            Waits.on(driver).withMessage("the holders to change").until(Htmx.replaced(holders));
            Waits.on(driver)
                    .withMessage("the dialog to close")
                    .until(d -> d.findElements(By.cssSelector("dialog[data-testid=role-removal-dialog]"))
                            .isEmpty());
            Htmx.awaitSettled(driver);
            return RolePage.this;
        }
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
