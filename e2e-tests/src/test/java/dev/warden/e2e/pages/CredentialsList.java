package dev.warden.e2e.pages;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The credentials section of a service principal's page (a user's page calls it Access tokens): the count in the
 * heading and one line per token, read as shown. Read it again after an action; htmx replaces the section.
 */
public final class CredentialsList {
    private static final By HEADING = By.cssSelector("[data-testid=tokens-heading]");
    private static final By COUNT = By.cssSelector("[data-testid=credential-count]");
    private static final By ROW = By.cssSelector("[data-testid=principal-token]");

    /**
     * One credential as shown. {@code statusReason} (the decision chain's reason code) and {@code statusHint} (the
     * tooltip saying why and how to fix it) are empty unless the token is suspended.
     */
    public record Credential(
            String id,
            String name,
            String href,
            List<String> scopes,
            String created,
            String createdBy,
            String expires,
            String lastActive,
            String status,
            String statusReason,
            String statusHint) {}

    private final WebDriver driver;

    private CredentialsList(WebDriver driver) {
        this.driver = driver;
    }

    /** The credentials on the principal page the browser shows now. */
    public static CredentialsList of(PrincipalPage page) {
        return new CredentialsList(page.driver);
    }

    /** The heading as read, e.g. "Credentials (1)". */
    public String heading() {
        return driver.findElement(HEADING).getText().replaceAll("\\s+", " ").strip();
    }

    public int count() {
        return Integer.parseInt(driver.findElement(COUNT).getText().strip());
    }

    public List<Credential> credentials() {
        return driver.findElements(ROW).stream().map(CredentialsList::read).toList();
    }

    private static Credential read(WebElement row) {
        WebElement name = row.findElement(By.cssSelector("[data-testid=token-name]"));
        WebElement status = row.findElement(By.cssSelector("[data-testid=token-status]"));
        return new Credential(
                row.getDomAttribute("data-token-id"),
                name.getText().strip(),
                name.getDomAttribute("href"),
                row.findElements(By.cssSelector("[data-testid=token-scope]")).stream()
                        .map(WebElement::getText)
                        .toList(),
                text(row, "token-created"),
                text(row, "token-created-by"),
                text(row, "token-expires"),
                row.findElement(By.cssSelector("[data-testid=token-last-active]"))
                        .getText()
                        .replaceAll("\\s+", " ")
                        .strip(),
                status.getText().strip(),
                orEmpty(status.getDomAttribute("data-reason")),
                orEmpty(status.getDomAttribute("title")));
    }

    private static String text(WebElement row, String testId) {
        return row.findElement(By.cssSelector("[data-testid=" + testId + "]"))
                .getText()
                .strip();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
