package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import dev.warden.e2e.Waits;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A group's Members tab: search-as-you-type to add users and service principals, Remove to take them out. */
public final class GroupMembersPage extends AdminConsolePage {
    private static final By PANEL = By.cssSelector("[data-testid=members-panel]");
    private static final By SEARCH = By.cssSelector("[data-testid=member-search]");
    private static final By CANDIDATE = By.cssSelector("[data-testid=member-candidate]");
    private static final By MEMBER = By.cssSelector("[data-testid=member-row]");

    private GroupMembersPage(WebDriver driver, String baseUrl) {
        super(driver, baseUrl);
    }

    static GroupMembersPage current(WebDriver driver, String baseUrl) {
        Waits.on(driver).withMessage("a group's Members tab").until(ExpectedConditions.presenceOfElementLocated(PANEL));
        Htmx.awaitSettled(driver);
        return new GroupMembersPage(driver, baseUrl);
    }

    public String title() {
        return driver.findElement(By.cssSelector("[data-testid=group-title]")).getText();
    }

    /** Whether this user may change the members here ("Add a member" is shown). */
    public boolean canAddMembers() {
        return !driver.findElements(SEARCH).isEmpty();
    }

    public boolean canRemoveMembers() {
        return !driver.findElements(By.cssSelector("[data-testid=remove-member]"))
                .isEmpty();
    }

    /** Types into "Add a member" and waits until the matches offer {@code expected}. */
    public GroupMembersPage searchCandidates(String text, String expected) {
        WebElement box = driver.findElement(SEARCH);
        box.clear();
        box.sendKeys(text);
        awaitCandidate(expected);
        return this;
    }

    public List<String> candidateNames() {
        return driver.findElements(CANDIDATE).stream()
                .map(c -> c.findElement(By.cssSelector("[data-testid=candidate-name]"))
                        .getText())
                .toList();
    }

    /** Searches for the name and clicks its Add button. */
    public GroupMembersPage addMember(String name) {
        searchCandidates(name, name);
        WebElement panel = driver.findElement(PANEL);
        candidate(name).findElement(By.cssSelector("[data-testid=add-member]")).click();
        Waits.on(driver).withMessage("the member list to change").until(Htmx.replaced(panel));
        Htmx.awaitSettled(driver);
        return this;
    }

    /** Adds a member from the keyboard only: focus the search, type, Tab to the match's Add, press Enter. */
    public GroupMembersPage addMemberWithKeyboard(String name) {
        Keyboard keyboard = new Keyboard(driver);
        keyboard.tabTo("[data-testid=member-search]").type(name);
        awaitCandidate(name);
        WebElement panel = driver.findElement(PANEL);
        keyboard.tabTo("[data-testid=member-candidate][data-principal-id='"
                        + candidate(name).getDomAttribute("data-principal-id") + "'] [data-testid=add-member]")
                .press(Keys.ENTER);
        Waits.on(driver).withMessage("the member list to change").until(Htmx.replaced(panel));
        Htmx.awaitSettled(driver);
        return this;
    }

    /** Whether keyboard focus is back in "Add a member" (after adding, for the next one). */
    public boolean searchHasFocus() {
        return new Keyboard(driver).focusedMatches("[data-testid=member-search]");
    }

    public GroupMembersPage removeMember(String name) {
        WebElement panel = driver.findElement(PANEL);
        clickAndConfirm(member(name).findElement(By.cssSelector("[data-testid=remove-member]")), true);
        Waits.on(driver).withMessage("the member list to change").until(Htmx.replaced(panel));
        Htmx.awaitSettled(driver);
        return this;
    }

    public List<String> memberNames() {
        return driver.findElements(MEMBER).stream()
                .map(m -> m.findElement(By.cssSelector("[data-testid=member-name]"))
                        .getText())
                .toList();
    }

    public GroupRolesPage openRolesTabOfGroup() {
        Htmx.clickAndAwaitNewPage(driver, driver.findElement(By.cssSelector("[data-testid=group-tab-roles]")));
        return GroupRolesPage.current(driver, baseUrl);
    }

    private void awaitCandidate(String name) {
        Waits.on(driver)
                .withMessage("'" + name + "' among the matches")
                .until(d -> candidateNames().contains(name));
        Htmx.awaitSettled(driver);
    }

    private WebElement candidate(String name) {
        return driver.findElements(CANDIDATE).stream()
                .filter(c -> c.findElement(By.cssSelector("[data-testid=candidate-name]"))
                        .getText()
                        .equals(name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("No match '" + name + "'"));
    }

    private WebElement member(String name) {
        return driver.findElements(MEMBER).stream()
                .filter(m -> m.findElement(By.cssSelector("[data-testid=member-name]"))
                        .getText()
                        .equals(name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("No member '" + name + "'; members: " + memberNames()));
    }
}
