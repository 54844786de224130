package dev.warden.e2e;

import static dev.warden.e2e.WardenE2ETest.ADMIN_PASSWORD;
import static dev.warden.e2e.WardenE2ETest.ADMIN_USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.e2e.pages.LoginPage;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Workspace settings → Notifications → Webhooks in a real browser: adding one ends in the copy-once dialog with its
 * secret, which Escape does not close; after Done the webhook is listed without the secret; Send test shows how the
 * receiver answered (here nobody listens, so the failure's class).
 */
@WardenE2ETest
class WebhookJourneyIT {
    @RegisterExtension
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    private WebDriver driver;
    private String baseUrl;

    @BeforeEach
    void setUp() {
        driver = browser.driver();
        baseUrl = LocalApp.baseUrl(port);
    }

    @Test
    void anAdminAddsAWebhookSeesItsSecretOnceAndSendsATest() {
        LoginPage.open(driver, baseUrl).logInAs(ADMIN_USER, ADMIN_PASSWORD);
        driver.get(baseUrl + "/settings/admin/workspace#webhooks");
        String url = "http://127.0.0.1:9/" + UUID.randomUUID(); // the discard port: nobody answers
        driver.findElement(By.cssSelector("[data-testid=webhook-url-input]")).sendKeys(url);
        driver.findElement(By.cssSelector("[data-testid='webhook-type-token.leaked']"))
                .click();
        driver.findElement(By.cssSelector("[data-testid=add-webhook]")).click();

        WebElement dialog = Waits.on(driver)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=issued-dialog]")));
        String secret = dialog.findElement(By.cssSelector("[data-testid=issued-token-value]"))
                .getAttribute("value");
        assertThat(secret).startsWith("whsec_");
        shoot("webhook-secret-dialog");
        dialog.sendKeys(Keys.ESCAPE);
        assertThat(driver.findElement(By.cssSelector("[data-testid=issued-dialog]"))
                        .isDisplayed())
                .as("Escape does not close the copy-once dialog")
                .isTrue();
        driver.findElement(By.cssSelector("[data-testid=close-issued]")).click();

        Waits.on(driver)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=webhooks-table]")));
        assertThat(driver.getPageSource()).contains(url).doesNotContain(secret);
        WebElement row = driver.findElements(By.cssSelector("[data-testid=webhook-row]")).stream()
                .filter(r -> r.getText().contains(url))
                .findFirst()
                .orElseThrow();
        row.findElement(By.cssSelector("[data-testid=webhook-test]")).click();

        WebElement result = Waits.on(driver)
                .until(ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("[data-testid=webhook-test-result]")));
        assertThat(result.getText()).startsWith("Test failed:").contains("Exception");
        assertThat(driver.getCurrentUrl()).endsWith("#webhooks");
        shoot("webhook-test-failed");
    }

    private void shoot(String name) {
        browser.screenshot(java.nio.file.Paths.get(System.getProperty("warden.e2e.shots", "target/e2e-shots"))
                .resolve(name + ".png"));
    }
}
