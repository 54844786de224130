package dev.warden.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;

/**
 * Waits for the page and htmx to be idle, instead of sleeping.
 * <p>
 * htmx puts {@code htmx-request} on the element whose request is in flight (added synchronously in the triggering
 * event handler, so it is already there when a Selenium click returns) and {@code htmx-swapping}/{@code htmx-settling}
 * on a target while new content is swapped in and settled. A request started by a response's {@code HX-Trigger}
 * (the token table's {@code tokens-changed from:body}) begins before the first request's class is removed, so
 * "none of these classes anywhere" means every chained request has finished too.
 */
public final class Htmx {
    private static final String IDLE = "return document.readyState === 'complete'"
            + " && document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling') === null;";

    private Htmx() {}

    public static void awaitSettled(WebDriver driver) {
        Waits.on(driver)
                .withMessage("the page to load and htmx to settle (no .htmx-request/.htmx-swapping/.htmx-settling)")
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(IDLE)));
    }

    /**
     * Clicks something that loads a new document (a plain link or form submit) and waits until the new document
     * has replaced the old one and is idle.
     */
    public static void clickAndAwaitNewPage(WebDriver driver, WebElement element) {
        WebElement oldRoot = driver.findElement(By.tagName("html"));
        element.click();
        Waits.on(driver).withMessage("a new page to replace the old one").until(replaced(oldRoot));
        awaitSettled(driver);
    }

    /**
     * Until the element was replaced (swapped out by htmx, or its whole document by a new page). Selenium's {@code stalenessOf} knows only the stale-element error;
     * Chromium answers a node of a document being torn down with "Node with given id does not belong to the document"
     * instead, which means the same.
     */
    public static ExpectedCondition<Boolean> replaced(WebElement element) {
        return driver -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (WebDriverException e) {
                if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        };
    }
}
