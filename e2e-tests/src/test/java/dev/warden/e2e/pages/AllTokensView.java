package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import dev.warden.e2e.Waits;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Admin Console → Access tokens → All tokens, read only as far as the organisation-token journey needs. */
public final class AllTokensView extends AdminConsolePage {
    private static final By INVENTORY = By.cssSelector("[data-testid=token-inventory]");
    private static final By ROW = By.cssSelector("[data-testid=inventory-row]");

    private AllTokensView(WebDriver driver, String baseUrl) {
        super(driver, baseUrl);
    }

    static AllTokensView current(WebDriver driver, String baseUrl) {
        Waits.on(driver)
                .withMessage("the token inventory")
                .until(ExpectedConditions.presenceOfElementLocated(INVENTORY));
        Htmx.awaitSettled(driver);
        return new AllTokensView(driver, baseUrl);
    }

    public List<String> tokenNames() {
        return driver.findElements(ROW).stream()
                .map(row -> row.findElement(By.cssSelector("[data-testid=token-name]"))
                        .getText())
                .toList();
    }

    /** The Kind column of the named token's row, if the list shows it. */
    public Optional<String> kindOf(String name) {
        return driver.findElements(ROW).stream()
                .filter(row -> row.findElement(By.cssSelector("[data-testid=token-name]"))
                        .getText()
                        .equals(name))
                .findFirst()
                .map(row -> row.findElement(By.cssSelector("[data-testid=token-kind]"))
                        .getText());
    }

    public TechnicalTokensPage openOrganisationTokensView() {
        Htmx.clickAndAwaitNewPage(driver, driver.findElement(By.cssSelector("[data-testid=token-view-organisation]")));
        return TechnicalTokensPage.current(driver, baseUrl);
    }
}
