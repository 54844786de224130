package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import dev.warden.e2e.Waits;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** Admin Console → Access tokens → one token: its Scopes panel and the "Check access" form. */
public final class TokenDetailPage extends AdminConsolePage {
    private static final By DETAIL = By.cssSelector("[data-testid=token-detail]");
    private static final By CHECK_ACCESS = By.cssSelector("[data-testid=check-access]");
    private static final By RESULT = By.cssSelector("[data-testid=check-result]");

    /** One scope as the panel shows it; {@code why} is empty for a live scope. */
    public record ScopeState(String scope, boolean live, String status, String why) {}

    private TokenDetailPage(WebDriver driver, String baseUrl) {
        super(driver, baseUrl);
    }

    public static TokenDetailPage open(WebDriver driver, String baseUrl, String tokenId) {
        driver.get(baseUrl + "/settings/admin/tokens/" + tokenId);
        return current(driver, baseUrl);
    }

    static TokenDetailPage current(WebDriver driver, String baseUrl) {
        Waits.on(driver).withMessage("a token's page").until(ExpectedConditions.presenceOfElementLocated(DETAIL));
        Htmx.awaitSettled(driver);
        return new TokenDetailPage(driver, baseUrl);
    }

    public TokenDetailPage reload() {
        driver.navigate().refresh();
        return current(driver, baseUrl);
    }

    public String title() {
        return driver.findElement(By.cssSelector("[data-testid=token-title]")).getText();
    }

    public List<ScopeState> scopes() {
        return driver.findElements(By.cssSelector("[data-testid=scope-state]")).stream()
                .map(li -> new ScopeState(
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

    public List<String> effectivePermissions() {
        return driver.findElements(By.cssSelector("[data-testid=effective-permission]")).stream()
                .map(WebElement::getText)
                .toList();
    }

    /** The warning shown instead of effective permissions when the token can do nothing. */
    public Optional<String> noEffectivePermissions() {
        return driver.findElements(By.cssSelector("[data-testid=no-effective-permissions]")).stream()
                .findFirst()
                .map(WebElement::getText);
    }

    /** The endpoints the picker offers, by their label ("POST /api/2.0/token/create"). */
    public List<String> endpointChoices() {
        return new Select(driver.findElement(By.cssSelector("[data-testid=check-endpoint]")))
                .getOptions().stream()
                        .map(o -> o.getDomAttribute("value"))
                        .filter(v -> v != null && !v.isEmpty())
                        .toList();
    }

    /** The endpoints the list shows now (the filter hides the others), by their label. */
    public List<String> visibleEndpointChoices() {
        return new Select(driver.findElement(By.cssSelector("[data-testid=check-endpoint]")))
                .getOptions().stream()
                        .filter(o -> !Boolean.parseBoolean(o.getDomProperty("hidden")))
                        .map(o -> o.getDomAttribute("value"))
                        .toList();
    }

    /** The groups (by scope) the list shows now. */
    public List<String> visibleEndpointGroups() {
        return driver.findElements(By.cssSelector("[data-testid=check-endpoint] optgroup")).stream()
                .filter(g -> !Boolean.parseBoolean(g.getDomProperty("hidden")))
                .map(g -> g.getDomAttribute("label"))
                .toList();
    }

    /** Types into the endpoint filter, as a person would, key by key. */
    public TokenDetailPage filterEndpoints(String text) {
        WebElement filter = driver.findElement(By.cssSelector("[data-testid=check-endpoint-filter]"));
        filter.click();
        filter.clear();
        filter.sendKeys(text);
        return this;
    }

    /** What the filter says about its matches ("2 of 64 endpoints match"). */
    public String endpointFilterCount() {
        return driver.findElement(By.cssSelector("[data-testid=check-endpoint-count]"))
                .getText();
    }

    /** Without the mouse: ArrowDown from the filter to the first match, then Enter on the list runs the check. */
    public CheckResult checkFirstMatchByKeyboard() {
        WebElement before = driver.findElement(CHECK_ACCESS);
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
        Waits.on(driver)
                .withMessage("focus on the endpoint list")
                .until(d -> "check-endpoint".equals(d.switchTo().activeElement().getDomAttribute("id")));
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        Waits.on(driver).withMessage("the Check access answer").until(Htmx.replaced(before));
        Htmx.awaitSettled(driver);
        return new CheckResult(driver);
    }

    /** One row of the Recent refusals panel. */
    public record Refusal(String request, String reason, String code, String address) {}

    public List<Refusal> refusals() {
        return driver.findElements(By.cssSelector("[data-testid=refusal]")).stream()
                .map(row -> new Refusal(
                        row.findElement(By.cssSelector("[data-testid=refusal-request]"))
                                .getText(),
                        row.findElement(By.cssSelector("[data-testid=refusal-reason]"))
                                .getText(),
                        row.findElement(By.cssSelector("[data-testid=refusal-code]"))
                                .getText(),
                        row.findElement(By.cssSelector("[data-testid=refusal-address]"))
                                .getText()))
                .toList();
    }

    /** Follows a refusal's "Check access" link (0 the newest): the page again, Check access pre-filled and answered. */
    public CheckResult openRefusalCheck(int index) {
        WebElement link = driver.findElements(By.cssSelector("[data-testid=refusal-check]"))
                .get(index);
        Htmx.clickAndAwaitNewPage(driver, link);
        current(driver, baseUrl);
        Waits.on(driver)
                .withMessage("the pre-filled answer")
                .until(ExpectedConditions.presenceOfElementLocated(RESULT));
        return new CheckResult(driver);
    }

    /** What the "Or type a request" field holds. */
    public String typedRequest() {
        return driver.findElement(By.cssSelector("[data-testid=check-request]")).getDomProperty("value");
    }

    /** Picks the endpoint from the list, clicks Check and waits for the answer. */
    public CheckResult checkAccess(String endpoint) {
        new Select(driver.findElement(By.cssSelector("[data-testid=check-endpoint]"))).selectByVisibleText(endpoint);
        return submit();
    }

    /** Types {@code METHOD PATH}, clicks Check and waits for the answer. */
    public CheckResult checkTyped(String request) {
        WebElement field = driver.findElement(By.cssSelector("[data-testid=check-request]"));
        field.clear();
        field.sendKeys(request);
        return submit();
    }

    private CheckResult submit() {
        WebElement before = driver.findElement(CHECK_ACCESS);
        driver.findElement(By.cssSelector("[data-testid=run-check]")).click();
        Waits.on(driver).withMessage("the Check access answer").until(Htmx.replaced(before));
        Htmx.awaitSettled(driver);
        return new CheckResult(driver);
    }

    /** The answer of Check access, read when asked. */
    public static final class CheckResult {
        private final WebDriver driver;

        CheckResult(WebDriver driver) {
            this.driver = driver;
        }

        /** One line of the trace: "Step 8" (empty for a further check of the step above), its step code, "passed" / "failed" / "skipped", its detail. */
        public record Line(String number, String step, String outcome, String description, String detail) {}

        public String verdict() {
            return result().findElement(By.cssSelector("[data-testid=check-verdict]"))
                    .getText();
        }

        public String endpoint() {
            return result().findElement(By.cssSelector("[data-testid=checked-endpoint]"))
                    .getText();
        }

        public String permission() {
            return result().findElement(By.cssSelector("[data-testid=checked-permission]"))
                    .getText();
        }

        public String message() {
            return result().findElement(By.cssSelector("[data-testid=check-message]"))
                    .getText();
        }

        /** The values of one fact of the refusal, by its API name ({@code token_scopes}). */
        public List<String> fact(String name) {
            return result()
                    .findElements(By.cssSelector("[data-testid=fact-" + name + "] [data-testid=fact-value]"))
                    .stream()
                    .map(WebElement::getText)
                    .toList();
        }

        public List<Line> trace() {
            return result().findElements(By.cssSelector("[data-testid=trace-step]")).stream()
                    .map(li -> new Line(
                            li.findElements(By.cssSelector("[data-testid=trace-number]")).stream()
                                    .findFirst()
                                    .map(WebElement::getText)
                                    .orElse(""), // a further check of the step above has no number of its own
                            li.getDomAttribute("data-step"),
                            li.getDomAttribute("data-outcome"),
                            li.findElement(By.cssSelector("[data-testid=trace-description]"))
                                    .getText(),
                            li.findElements(By.cssSelector("[data-testid=trace-detail]")).stream()
                                    .findFirst()
                                    .map(WebElement::getText)
                                    .orElse("")))
                    .toList();
        }

        /** Whether keyboard focus moved to the answer, so the next Tab continues from there. */
        public boolean hasFocus() {
            return "check-result-heading"
                    .equals(driver.switchTo().activeElement().getDomAttribute("id"));
        }

        /** The error shown next to a field of the form ({@code request} or {@code endpoint}), if any. */
        public Optional<String> errorFor(String field) {
            return driver.findElements(By.cssSelector("[data-testid=error-" + field + "]")).stream()
                    .findFirst()
                    .map(WebElement::getText);
        }

        private WebElement result() {
            return driver.findElement(RESULT);
        }
    }
}
