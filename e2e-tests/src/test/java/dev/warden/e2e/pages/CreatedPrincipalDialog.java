package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import dev.warden.e2e.Waits;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** "Service principal created": shows the generated application id, then Done or Open. */
public final class CreatedPrincipalDialog {
    private static final By DIALOG = By.cssSelector("[data-testid=created-principal-dialog]");

    private final WebDriver driver;
    private final String baseUrl;

    private CreatedPrincipalDialog(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    static CreatedPrincipalDialog current(WebDriver driver, String baseUrl) {
        Waits.on(driver).withMessage("the created dialog").until(ExpectedConditions.visibilityOfElementLocated(DIALOG));
        return new CreatedPrincipalDialog(driver, baseUrl);
    }

    public String name() {
        return dialog().findElement(By.cssSelector("[data-testid=created-name]"))
                .getText();
    }

    public String applicationId() {
        return dialog().findElement(By.cssSelector("[data-testid=created-application-id]"))
                .getDomProperty("value");
    }

    public boolean isModal() {
        return Dialogs.isModal(driver, dialog());
    }

    /** Closes the dialog; the list behind it has already been refreshed. */
    public PrincipalListPage done() {
        dialog().findElement(By.cssSelector("[data-testid=close-created]")).click();
        Waits.on(driver)
                .withMessage("the created dialog to close")
                .until(ExpectedConditions.invisibilityOfElementLocated(DIALOG));
        Htmx.awaitSettled(driver);
        return PrincipalListPage.current(driver, baseUrl);
    }

    public PrincipalPage openCreated() {
        Htmx.clickAndAwaitNewPage(driver, dialog().findElement(By.cssSelector("[data-testid=open-created]")));
        return PrincipalPage.current(driver, baseUrl);
    }

    private WebElement dialog() {
        return driver.findElement(DIALOG);
    }
}
