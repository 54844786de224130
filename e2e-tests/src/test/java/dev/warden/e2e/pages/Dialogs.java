package dev.warden.e2e.pages;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Reads that the page objects' dialogs share. */
final class Dialogs {
    private Dialogs() {}

    /** True when the element is a {@code <dialog>} opened with {@code showModal()}: focus is trapped, the page is inert. */
    static boolean isModal(WebDriver driver, WebElement dialog) {
        return Boolean.TRUE.equals(
                ((JavascriptExecutor) driver).executeScript("return arguments[0].matches(':modal');", dialog));
    }

    /** True when keyboard focus is inside the element. */
    static boolean hasFocusInside(WebDriver driver, WebElement element) {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver)
                .executeScript("return arguments[0].contains(document.activeElement);", element));
    }
}
