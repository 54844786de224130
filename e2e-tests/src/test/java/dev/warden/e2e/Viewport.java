package dev.warden.e2e;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The browser window's size, and whether the page scrolls sideways in it (what a phone user would notice). */
public final class Viewport {
    /** A common phone width, in CSS pixels. */
    public static final int PHONE_WIDTH = 390;

    private Viewport() {}

    public static void resize(WebDriver driver, int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** How many CSS pixels the page is wider than the window (0 when it does not scroll sideways). */
    public static long sidewaysOverflow(WebDriver driver) {
        Object overflow = ((JavascriptExecutor) driver)
                .executeScript("return Math.max(0, document.documentElement.scrollWidth"
                        + " - document.documentElement.clientWidth);");
        return ((Number) overflow).longValue();
    }

    /**
     * The elements whose right edge lies past the window's, innermost first ({@code tag#id.class[data-testid]
     * right=…}), to say in a failure what sticks out.
     */
    @SuppressWarnings("unchecked")
    public static java.util.List<String> sticking(WebDriver driver) {
        return (java.util.List<String>) ((JavascriptExecutor) driver).executeScript("""
                const width = document.documentElement.clientWidth;
                const out = [];
                for (const el of document.querySelectorAll('body *')) {
                  const r = el.getBoundingClientRect();
                  if (r.width > 0 && r.right > width + 0.5
                      && ![...el.children].some(c => c.getBoundingClientRect().right > width + 0.5)) {
                    out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                        + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\\s+/g, '.') : '')
                        + (el.dataset.testid ? '[' + el.dataset.testid + ']' : '') + ' right=' + Math.round(r.right));
                  }
                }
                return out.slice(0, 15);
                """);
    }

    /**
     * Where the element lies against the window (the layout viewport: scroll bars excluded), as
     * {@code "left,top,right,bottom in widthxheight"}; {@link #inside} says whether all of it can be seen.
     */
    public static String placement(WebDriver driver, WebElement element) {
        return (String) ((JavascriptExecutor) driver).executeScript("""
                const r = arguments[0].getBoundingClientRect();
                const root = document.documentElement;
                return [r.left, r.top, r.right, r.bottom].map(Math.round).join(',')
                    + ' in ' + root.clientWidth + 'x' + root.clientHeight;
                """, element);
    }

    /** Whether the whole element lies inside the window, so nothing of it is cut off. */
    public static boolean inside(WebDriver driver, WebElement element) {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript("""
                const r = arguments[0].getBoundingClientRect();
                const root = document.documentElement;
                return r.width > 0 && r.height > 0 && r.left >= -0.5 && r.top >= -0.5
                    && r.right <= root.clientWidth + 0.5 && r.bottom <= root.clientHeight + 0.5;
                """, element));
    }

    /** The window's inner width as the page sees it. */
    public static long innerWidth(WebDriver driver) {
        return ((Number) ((JavascriptExecutor) driver).executeScript("return window.innerWidth;")).longValue();
    }
}
