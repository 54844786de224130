package dev.warden.e2e;

import static dev.warden.e2e.WardenE2ETest.ADMIN_PASSWORD;
import static dev.warden.e2e.WardenE2ETest.ADMIN_USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.directory.DirectoryService;
import dev.warden.core.directory.UserDetails;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.TokenService;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import dev.warden.core.tokenusage.TokenUsageService;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.e2e.pages.AccessTokensPage;
import dev.warden.e2e.pages.GenerateTokenDialog;
import dev.warden.e2e.pages.IssuedTokenDialog;
import dev.warden.e2e.pages.LoginPage;
import dev.warden.e2e.pages.OwnTokenPage;
import dev.warden.e2e.pages.TokenDetailPage;
import dev.warden.e2e.pages.TokenUsageDialog;
import dev.warden.e2e.pages.WorkspaceSettingsPage;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The console on a phone, 390 px wide (issue 16, items 4 to 7): no page scrolls sideways, Log out stays on screen,
 * and every dialog lies wholly inside the window; a dialog re-rendered with errors brings its first error into view
 * and focuses its field; the copy-once dialog survives Escape and a click beside it. The inventory's Owner filter
 * is checked at desktop width, where it was found broken.
 */
@WardenE2ETest
class NarrowScreenJourneyIT {
    private static final int PHONE_HEIGHT = 844;
    private static final String PASSWORD = "narrow-journey-password-1";

    @RegisterExtension
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    TokenService tokens;

    @Autowired
    DirectoryService directory;

    @Autowired
    TokenUsageService tokenUsage;

    @Autowired
    PrincipalRepository principals;

    @Autowired
    WorkspaceRepository workspaces;

    @Autowired
    PasswordEncoder passwords;

    private WebDriver driver;
    private String baseUrl;

    @BeforeEach
    void setUp() {
        driver = browser.driver();
        baseUrl = LocalApp.baseUrl(port);
        Viewport.resize(driver, Viewport.PHONE_WIDTH, PHONE_HEIGHT);
    }

    @AfterEach
    void backToDesktop() {
        Viewport.resize(driver, 1280, 900);
    }

    @Test
    void theUsersOwnPagesAndDialogsFitAPhone() {
        String name = unique("phone");
        LoginPage login = LoginPage.open(driver, baseUrl);
        assertThat(Viewport.sidewaysOverflow(driver))
                .as("the login page scrolls sideways; sticking out: %s", Viewport.sticking(driver))
                .isZero();
        AccessTokensPage page = login.logInAs(ADMIN_USER, ADMIN_PASSWORD);
        tokens.create(admin(), new CreateTokenCommand(unique("a-rather-long-token-name-for-a-phone"), null, null));
        page = page.reload();
        assertFits("My tokens");

        // Generate without a scope: the error at the bottom of the long dialog comes into view, its field focused.
        GenerateTokenDialog generate = page.openGenerateDialog();
        assertInside("the generate dialog", dialog("generate-dialog"));
        generate = generate.name(name).lifetimeDays(7).scopes().submitExpectingErrors();
        WebElement error = driver.findElement(By.cssSelector("[data-testid=error-scopes]"));
        assertThat(error.getText()).isEqualTo("Choose at least one scope.");
        assertThat(Viewport.inside(driver, error))
                .as("the scope error is in view: %s", Viewport.placement(driver, error))
                .isTrue();
        WebElement picker = driver.findElement(By.cssSelector("[data-testid=generate-dialog] [data-scope-picker]"));
        assertThat(focusedIsInside(picker)).as("focus is in the scope picker").isTrue();
        assertThat(picker.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(picker.getDomAttribute("aria-describedby")).contains(error.getDomAttribute("id"));
        assertInside("the re-rendered generate dialog", dialog("generate-dialog"));

        // The copy-once dialog fits, and neither Escape nor a click beside it throws the value away.
        IssuedTokenDialog issued = generate.scopes("tokens:read").submit();
        assertInside("the copy-once dialog", dialog("issued-dialog"));
        String value = issued.tokenValue();
        issued.pressEscape();
        assertThat(issued.isOpen()).as("open after Escape").isTrue();
        clickBesideTheDialog();
        assertThat(issued.isOpen()).as("open after a click on the backdrop").isTrue();
        assertThat(issued.tokenValue()).isEqualTo(value);
        page = issued.done();
        assertFits("My tokens with the new token");

        OwnTokenPage.openFrom(page, name);
        assertFits("the token's own page");
    }

    @Test
    void theAdminConsoleFitsAPhone() {
        String tokenId = tokens.create(admin(), new CreateTokenCommand(unique("phone-admin"), null, null))
                .token()
                .id()
                .value();
        LoginPage.open(driver, baseUrl).logInAs(ADMIN_USER, ADMIN_PASSWORD);

        for (String path : List.of(
                "/settings/admin/users",
                "/settings/admin/users/" + admin().principal().value(),
                "/settings/admin/service-principals",
                "/settings/admin/groups",
                "/settings/admin/roles",
                "/settings/admin/services",
                "/settings/admin/workspace",
                "/settings/admin/tokens",
                "/settings/admin/tokens/organisation",
                "/settings/scopes")) {
            visit(path);
            assertFits(path);
            shoot("phone" + path.replace('/', '-'));
        }

        // Each list's create dialog.
        for (List<String> opener : List.of(
                List.of("/settings/admin/users", "new-principal"),
                List.of("/settings/admin/service-principals", "new-principal"),
                List.of("/settings/admin/groups", "new-group"),
                List.of("/settings/admin/roles", "new-role"),
                List.of("/settings/admin/services", "register-service"),
                List.of("/settings/admin/tokens/organisation", "create-token"))) {
            visit(opener.get(0));
            driver.findElement(By.cssSelector("[data-testid=" + opener.get(1) + "]"))
                    .click();
            Htmx.awaitSettled(driver);
            WebElement dialog = Waits.on(driver)
                    .withMessage("the dialog of " + opener)
                    .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open]")));
            assertInside("the dialog of " + opener, dialog);
        }

        // The organisation token dialog sent without a scope: its error comes into view, the field focused.
        WebElement create = dialog("create-token-dialog");
        WebElement name = create.findElement(By.cssSelector("[data-testid=token-name-input]"));
        name.sendKeys(unique("phone-org"));
        create.findElement(By.cssSelector("[data-testid=submit-create]")).click();
        Waits.on(driver).withMessage("the re-rendered create dialog").until(Htmx.replaced(create));
        Htmx.awaitSettled(driver);
        WebElement error = driver.findElement(By.cssSelector("[data-testid=create-token-dialog] .field-error"));
        assertThat(Viewport.inside(driver, error))
                .as("the first error (%s) is in view: %s", error.getText(), Viewport.placement(driver, error))
                .isTrue();
        assertThat(((JavascriptExecutor) driver)
                        .executeScript("return document.activeElement.closest('[aria-invalid=true]') !== null;"))
                .as("focus is in the field in error")
                .isEqualTo(true);
        assertInside("the re-rendered create dialog", dialog("create-token-dialog"));
        shoot("phone-create-token-dialog-error");

        // The inventory's confirmation for revoking many tokens at once.
        visit("/settings/admin/tokens");
        driver.findElement(By.cssSelector("[data-testid=bulk-revoke-open]")).click();
        Htmx.awaitSettled(driver);
        assertInside("the bulk revoke confirmation", dialog("bulk-revoke-dialog"));
        dialog("bulk-revoke-dialog")
                .findElement(By.cssSelector("[data-testid=cancel-bulk-revoke]"))
                .click();
        Waits.on(driver)
                .until(ExpectedConditions.invisibilityOfElementLocated(
                        By.cssSelector("[data-testid=bulk-revoke-dialog]")));

        TokenUsageDialog usage = WorkspaceSettingsPage.open(driver, baseUrl).openPermissionSettings();
        assertInside("the token usage dialog", dialog("token-usage-dialog"));
        shoot("phone-token-usage-dialog");
        assertFits("the workspace settings under the token usage dialog");
        usage.cancel();

        TokenDetailPage token = TokenDetailPage.open(driver, baseUrl, tokenId);
        assertFits("an admin's token page");
        token.checkAccess("POST /api/2.0/token/create");
        assertFits("check access with its answer");
    }

    /** Found broken at desktop width: choosing an owner in the picker filtered nothing and forgot the owner. */
    @Test
    void theOwnerFilterKeepsTheChosenOwner() {
        Viewport.resize(driver, 1440, 900);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String owner = "owner-" + suffix;
        Principal person = directory.createUser(
                admin(), new UserDetails(owner, owner, null, null, null, null, true), passwords.encode(PASSWORD));
        tokenUsage.patch(admin(), List.of(TokenUsageEntry.forPrincipal(person.id(), TokenUsageLevel.CAN_USE)));
        String theirs = "theirs-" + suffix;
        tokens.create(Actor.of(person, "127.0.0.1"), new CreateTokenCommand(theirs, null, List.of("tokens:read")));
        String mine = "mine-" + suffix;
        tokens.create(admin(), new CreateTokenCommand(mine, null, null));

        LoginPage.open(driver, baseUrl).logInAs(ADMIN_USER, ADMIN_PASSWORD);
        visit("/settings/admin/tokens");
        assertThat(inventoryNames()).contains(theirs, mine);

        driver.findElement(By.cssSelector("[data-testid=filter-owner]")).sendKeys(owner);
        WebElement option = Waits.on(driver)
                .withMessage("the owner among the matches")
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(
                        "[data-testid=assignee-principal\\:" + person.id().value() + "]")));
        option.click();
        Waits.on(driver)
                .withMessage("the chosen owner shown in the filter")
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=owner-chosen]")));
        Htmx.awaitSettled(driver);
        assertThat(chosenOwner()).isEqualTo(owner);
        assertThat(inventoryNames()).containsExactly(theirs);
        assertThat(driver.getCurrentUrl()).contains("owner_id=" + person.id().value());

        // Another filter applied with the form keeps the owner.
        driver.findElement(By.cssSelector("[data-testid=filter-scope]")).sendKeys("tokens:read");
        WebElement table = driver.findElement(By.cssSelector("[data-testid=token-inventory]"));
        driver.findElement(By.cssSelector("[data-testid=apply-filters]")).click();
        Waits.on(driver).until(Htmx.replaced(table));
        Htmx.awaitSettled(driver);
        assertThat(chosenOwner()).isEqualTo(owner);
        assertThat(inventoryNames()).containsExactly(theirs);

        // And so does a reload.
        driver.navigate().refresh();
        Htmx.awaitSettled(driver);
        assertThat(chosenOwner()).isEqualTo(owner);
        assertThat(inventoryNames()).containsExactly(theirs);

        // Clearing it shows everyone's tokens again.
        table = driver.findElement(By.cssSelector("[data-testid=token-inventory]"));
        driver.findElement(By.cssSelector("[data-testid=clear-owner]")).click();
        Waits.on(driver).until(Htmx.replaced(table));
        Htmx.awaitSettled(driver);
        assertThat(driver.findElements(By.cssSelector("[data-testid=owner-chosen]")))
                .isEmpty();
        assertThat(driver.getCurrentUrl()).doesNotContain("owner_id");
    }

    /** For looking at, not for assertions: {@code target/e2e-shots}, as the other journeys do. */
    private void shoot(String name) {
        browser.screenshot(java.nio.file.Paths.get(System.getProperty("warden.e2e.shots", "target/e2e-shots"))
                .resolve(name + ".png"));
    }

    private void visit(String path) {
        driver.get(baseUrl + path);
        Htmx.awaitSettled(driver);
    }

    /** No sideways scrolling, and Log out wholly on screen. */
    private void assertFits(String what) {
        assertThat(Viewport.innerWidth(driver)).as("the window's width").isLessThanOrEqualTo(Viewport.PHONE_WIDTH);
        long scrollWidth = ((Number)
                        ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth;"))
                .longValue();
        assertThat(scrollWidth)
                .as(
                        "%s at %d px is %d px wide; sticking out: %s",
                        what, Viewport.PHONE_WIDTH, scrollWidth, Viewport.sticking(driver))
                .isLessThanOrEqualTo(Viewport.innerWidth(driver));
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0);");
        WebElement logOut = driver.findElement(By.cssSelector("[data-testid=logout]"));
        assertThat(logOut.isDisplayed()).as("Log out is shown on %s", what).isTrue();
        assertThat(Viewport.inside(driver, logOut))
                .as("Log out on %s is inside the window: %s", what, Viewport.placement(driver, logOut))
                .isTrue();
    }

    private void assertInside(String what, WebElement dialog) {
        assertThat(Viewport.inside(driver, dialog))
                .as("%s lies inside the window: %s", what, Viewport.placement(driver, dialog))
                .isTrue();
        assertThat(Viewport.sidewaysOverflow(driver))
                .as("%s: the page scrolls sideways; sticking out: %s", what, Viewport.sticking(driver))
                .isZero();
    }

    private WebElement dialog(String testId) {
        return Waits.on(driver)
                .withMessage(testId)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=" + testId + "]")));
    }

    /** A click on the backdrop, in the window's top left corner, outside the centred dialog. */
    private void clickBesideTheDialog() {
        new Actions(driver).moveToLocation(2, 2).click().perform();
        Htmx.awaitSettled(driver);
    }

    private boolean focusedIsInside(WebElement element) {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver)
                .executeScript("return arguments[0].contains(document.activeElement);", element));
    }

    private List<String> inventoryNames() {
        return driver.findElements(By.cssSelector("[data-testid=inventory-row] [data-testid=token-name]")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private String chosenOwner() {
        return driver.findElement(By.cssSelector("[data-testid=owner-chosen]")).getText();
    }

    private Actor admin() {
        var workspace = workspaces.findByName("main").orElseThrow();
        return Actor.of(principals.findByUserName(workspace.id(), ADMIN_USER).orElseThrow(), "127.0.0.1");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
