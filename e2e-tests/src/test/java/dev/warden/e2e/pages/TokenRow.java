package dev.warden.e2e.pages;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * What one row of the token table showed when it was read. A snapshot: htmx replaces rows, so a live
 * {@link WebElement} would go stale after the next action.
 */
public record TokenRow(
        String id,
        String name,
        String hint,
        List<String> scopes,
        String created,
        String expires,
        String lastUsed,
        String status,
        List<String> actions) {

    static TokenRow read(WebElement row) {
        return new TokenRow(
                row.getDomAttribute("data-token-id"),
                row.findElement(By.cssSelector("[data-testid=token-name]")).getText(),
                row.findElement(By.cssSelector("[data-testid=token-hint]")).getText(),
                row.findElements(By.cssSelector("[data-testid=token-scope]")).stream()
                        .map(WebElement::getText)
                        .toList(),
                row.findElement(By.cssSelector("[data-testid=token-created]")).getText(),
                row.findElement(By.cssSelector("[data-testid=token-expires]")).getText(),
                row.findElement(By.cssSelector("[data-testid=token-last-used]")).getText(),
                row.findElement(By.cssSelector("[data-testid=token-status]")).getText(),
                row.findElements(By.cssSelector("[data-testid=token-actions] button")).stream()
                        .map(WebElement::getText)
                        .toList());
    }
}
