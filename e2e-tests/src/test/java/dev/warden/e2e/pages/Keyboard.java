package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;

/** Key presses sent to whatever has focus, as a keyboard user would: no element is clicked or addressed. */
final class Keyboard {
    /** More Tab presses than any page here has focusable elements before its last control. */
    private static final int MAX_TABS = 40;

    private final WebDriver driver;

    Keyboard(WebDriver driver) {
        this.driver = driver;
    }

    /** Presses Tab until the focused element matches the CSS selector. */
    Keyboard tabTo(String cssSelector) {
        for (int i = 0; i < MAX_TABS; i++) {
            if (focusedMatches(cssSelector)) {
                return this;
            }
            press(Keys.TAB);
        }
        throw new NoSuchElementException("Tab never reached " + cssSelector + " in " + MAX_TABS + " presses");
    }

    Keyboard press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
        return this;
    }

    Keyboard type(String text) {
        return press(text);
    }

    /** Selects the focused field's content and types over it. */
    Keyboard replaceWith(String text) {
        return press(Keys.chord(Keys.CONTROL, "a")).press(text);
    }

    Keyboard awaitHtmx() {
        Htmx.awaitSettled(driver);
        return this;
    }

    boolean focusedMatches(String cssSelector) {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver)
                .executeScript(
                        "return document.activeElement !== null && document.activeElement.matches(arguments[0]);",
                        cssSelector));
    }
}
