package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import dev.warden.e2e.Waits;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A custom role's "Edit" dialog: tick or untick permissions, then Save (the role's page opens again). */
public final class EditRoleDialog {
    private final WebDriver driver;
    private final String baseUrl;
    private final WebElement dialog;

    private EditRoleDialog(WebDriver driver, String baseUrl, WebElement dialog) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.dialog = dialog;
    }

    /** Clicks Edit on the role's page. */
    public static EditRoleDialog openFrom(RolePage role) {
        role.driver.findElement(By.cssSelector("[data-testid=edit-role]")).click();
        Htmx.awaitSettled(role.driver);
        WebElement dialog = Waits.on(role.driver)
                .withMessage("the Edit role dialog")
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=role-dialog]")));
        return new EditRoleDialog(role.driver, role.baseUrl, dialog);
    }

    public EditRoleDialog permission(String key, boolean granted) {
        WebElement box = dialog.findElement(By.cssSelector("[data-testid='permission-" + key + "']"));
        if (box.isSelected() != granted) {
            box.click();
        }
        return this;
    }

    public RolePage save() {
        Htmx.clickAndAwaitNewPage(driver, dialog.findElement(By.cssSelector("[data-testid=submit-role]")));
        return RolePage.current(driver, baseUrl);
    }
}
