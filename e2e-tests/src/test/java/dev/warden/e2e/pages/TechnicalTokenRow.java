package dev.warden.e2e.pages;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * What one row of an organisation or group token list showed when it was read (a snapshot: htmx replaces rows).
 * @param technicalUserId the id of the technical user that owns the token
 * @param actions the buttons of the Status column, in order
 */
public record TechnicalTokenRow(
        String id,
        String name,
        String technicalUser,
        long technicalUserId,
        String role,
        List<String> scopes,
        String createdBy,
        String expires,
        String lastUsed,
        String status,
        List<String> actions) {

    static TechnicalTokenRow read(WebElement row) {
        WebElement technical = row.findElement(By.cssSelector("[data-testid=technical-user-id]"));
        return new TechnicalTokenRow(
                row.getDomAttribute("data-token-id"),
                row.findElement(By.cssSelector("[data-testid=token-name]")).getText(),
                row.findElement(By.cssSelector("[data-testid=technical-user-name]"))
                        .getText(),
                Long.parseLong(technical.getDomAttribute("data-principal-id")),
                row.findElement(By.cssSelector("[data-testid=token-role]")).getText(),
                row.findElements(By.cssSelector("[data-testid=token-scope]")).stream()
                        .map(WebElement::getText)
                        .toList(),
                row.findElement(By.cssSelector("[data-testid=token-creator]")).getText(),
                row.findElement(By.cssSelector("[data-testid=token-expires]")).getText(),
                row.findElement(By.cssSelector("[data-testid=token-last-used]")).getText(),
                row.findElement(By.cssSelector("[data-testid=token-status]")).getText(),
                row.findElements(By.cssSelector("[data-testid=token-actions] button")).stream()
                        .map(WebElement::getText)
                        .toList());
    }
}
