package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import dev.warden.e2e.Waits;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** User settings → Access tokens → one of the user's own tokens: its facts and its Scopes panel. */
public final class OwnTokenPage {
    private static final By PAGE = By.cssSelector("[data-testid=own-token]");

    private final WebDriver driver;

    private OwnTokenPage(WebDriver driver) {
        this.driver = driver;
    }

    /** Opens a token's page from the access tokens list by its name's link. */
    public static OwnTokenPage openFrom(AccessTokensPage tokens, String name) {
        WebElement link = tokens.driver().findElements(By.cssSelector("a[data-testid=token-name]")).stream()
                .filter(a -> a.getText().equals(name))
                .findFirst()
                .orElseThrow(() -> new org.openqa.selenium.NoSuchElementException("No token '" + name + "'"));
        Htmx.clickAndAwaitNewPage(tokens.driver(), link);
        Waits.on(tokens.driver())
                .withMessage("a token's page")
                .until(ExpectedConditions.presenceOfElementLocated(PAGE));
        Htmx.awaitSettled(tokens.driver());
        return new OwnTokenPage(tokens.driver());
    }

    public String title() {
        return driver.findElement(By.cssSelector("[data-testid=token-title]")).getText();
    }

    /** Each scope as the Scopes panel shows it. */
    public List<TokenDetailPage.ScopeState> scopes() {
        return driver.findElements(By.cssSelector("[data-testid=scope-state]")).stream()
                .map(li -> new TokenDetailPage.ScopeState(
                        li.getDomAttribute("data-scope"),
                        Boolean.parseBoolean(li.getDomAttribute("data-live")),
                        li.findElement(By.cssSelector("[data-testid=scope-status]"))
                                .getText(),
                        li.findElements(By.cssSelector("[data-testid=scope-why]")).stream()
                                .findFirst()
                                .map(WebElement::getText)
                                .orElse("")))
                .toList();
    }
}
