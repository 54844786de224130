package dev.warden.e2e.pages;

import dev.warden.e2e.Htmx;
import dev.warden.e2e.Waits;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The "Generate new token" dialog on the access tokens page. */
public final class GenerateTokenDialog {
    private static final By DIALOG = By.cssSelector("[data-testid=generate-dialog]");
    private static final By NAME = By.cssSelector("[data-testid=token-name-input]");
    private static final By LIFETIME = By.cssSelector("[data-testid=token-lifetime-input]");
    private static final By SCOPE_BOXES = By.cssSelector("input[type=checkbox][name=scopes]");
    private static final By SUBMIT = By.cssSelector("[data-testid=submit-generate]");
    private static final By CANCEL = By.cssSelector("[data-testid=cancel-generate]");
    /** The form's field names and the control each one's error is attached to. */
    private static final Map<String, By> CONTROLS = Map.of(
            "name", NAME,
            "lifetimeDays", LIFETIME,
            "scopes", By.cssSelector("[data-testid=generate-dialog] fieldset"));
    /** The control that follows each field in the form. */
    private static final Map<String, By> NEXT_CONTROL = Map.of(
            "name", LIFETIME,
            "lifetimeDays", By.cssSelector("[data-testid=generate-dialog] fieldset"),
            "scopes", SUBMIT);

    private final WebDriver driver;
    private final String baseUrl;

    private GenerateTokenDialog(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    static GenerateTokenDialog current(WebDriver driver, String baseUrl) {
        Waits.on(driver)
                .withMessage("the generate-token dialog")
                .until(ExpectedConditions.visibilityOfElementLocated(DIALOG));
        return new GenerateTokenDialog(driver, baseUrl);
    }

    public GenerateTokenDialog name(String name) {
        WebElement input = dialog().findElement(NAME);
        input.clear();
        input.sendKeys(name);
        return this;
    }

    public GenerateTokenDialog lifetimeDays(int days) {
        WebElement input = dialog().findElement(LIFETIME);
        input.clear();
        input.sendKeys(Integer.toString(days));
        return this;
    }

    /** Ticks exactly these scopes (by key, e.g. {@code tokens:read}) and unticks every other one. */
    public GenerateTokenDialog scopes(String... keys) {
        List<String> wanted = Arrays.asList(keys);
        for (WebElement box : dialog().findElements(SCOPE_BOXES)) {
            if (box.isSelected() != wanted.contains(box.getDomAttribute("value"))) {
                box.click();
            }
        }
        return this;
    }

    /**
     * Fills the form from the keyboard, starting where the dialog put focus (the name field): type the name, Tab to
     * the lifetime and type over it, Tab to the scope's checkbox and press Space.
     */
    public GenerateTokenDialog fillWithKeyboard(String name, int lifetimeDays, String scope) {
        new Keyboard(driver)
                .type(name)
                .press(Keys.TAB)
                .replaceWith(Integer.toString(lifetimeDays))
                .tabTo("[data-testid=generate-dialog] input[name=scopes][value='" + scope + "']")
                .press(Keys.SPACE);
        return this;
    }

    /** Tabs to "Generate" and presses Enter. */
    public IssuedTokenDialog submitWithKeyboard() {
        new Keyboard(driver)
                .tabTo("[data-testid=submit-generate]")
                .press(Keys.ENTER)
                .awaitHtmx();
        return IssuedTokenDialog.current(driver, baseUrl);
    }

    /** Whether keyboard focus is in the name field. */
    public boolean nameFieldHasFocus() {
        return new Keyboard(driver).focusedMatches("[data-testid=token-name-input]");
    }

    /** The legend of the scope picker's group for this resource ({@code tokens}, or a service's name). */
    public String scopeGroupLegend(String resource) {
        return dialog().findElement(By.cssSelector("[data-testid='scope-group-" + resource + "'] > legend"))
                .getText();
    }

    /** Submits a valid form: the server answers with the copy dialog. */
    public IssuedTokenDialog submit() {
        dialog().findElement(SUBMIT).click();
        Htmx.awaitSettled(driver);
        return IssuedTokenDialog.current(driver, baseUrl);
    }

    /** Submits a form the server is expected to refuse: the dialog comes back with field errors. */
    public GenerateTokenDialog submitExpectingErrors() {
        WebElement before = dialog();
        before.findElement(SUBMIT).click();
        Htmx.awaitSettled(driver);
        // The whole dialog is swapped for the re-rendered one.
        Waits.on(driver).withMessage("the re-rendered generate dialog").until(Htmx.replaced(before));
        return current(driver, baseUrl);
    }

    public AccessTokensPage cancel() {
        dialog().findElement(CANCEL).click();
        Waits.on(driver)
                .withMessage("the generate dialog to close")
                .until(ExpectedConditions.invisibilityOfElementLocated(DIALOG));
        return AccessTokensPage.current(driver, baseUrl);
    }

    public boolean isOpen() {
        return driver.findElements(DIALOG).stream().anyMatch(WebElement::isDisplayed);
    }

    public boolean isModal() {
        return Dialogs.isModal(driver, dialog());
    }

    public boolean hasFocusInside() {
        return Dialogs.hasFocusInside(driver, dialog());
    }

    public String nameValue() {
        return dialog().findElement(NAME).getDomProperty("value");
    }

    public String lifetimeValue() {
        return dialog().findElement(LIFETIME).getDomProperty("value");
    }

    public List<String> checkedScopes() {
        return dialog().findElements(SCOPE_BOXES).stream()
                .filter(WebElement::isSelected)
                .map(box -> box.getDomAttribute("value"))
                .toList();
    }

    public List<String> availableScopes() {
        return dialog().findElements(SCOPE_BOXES).stream()
                .map(box -> box.getDomAttribute("value"))
                .toList();
    }

    /** Types into the scope search box key by key (the list narrows as each key arrives). */
    public GenerateTokenDialog searchScopes(String text) {
        WebElement search = dialog().findElement(By.cssSelector("[data-testid=scope-search]"));
        search.clear();
        search.sendKeys(text);
        return this;
    }

    /** Empties the scope search box with the keyboard, as a person would. */
    public GenerateTokenDialog clearScopeSearch() {
        WebElement search = dialog().findElement(By.cssSelector("[data-testid=scope-search]"));
        search.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        return this;
    }

    /** The scopes (keys) whose checkbox is shown now, in order. */
    public List<String> visibleScopes() {
        return dialog().findElements(SCOPE_BOXES).stream()
                .filter(WebElement::isDisplayed)
                .map(box -> box.getDomAttribute("value"))
                .toList();
    }

    /** The resources whose group of scopes is shown now, by legend. */
    public List<String> visibleScopeGroups() {
        return dialog().findElements(By.cssSelector("fieldset[data-scope-group]")).stream()
                .filter(WebElement::isDisplayed)
                .map(group -> group.findElement(By.tagName("legend")).getText())
                .toList();
    }

    /** Clicks a preset button by its label ("Read-only", "Read-write", "Admin"). */
    public GenerateTokenDialog preset(String label) {
        dialog().findElements(By.cssSelector("[data-scope-preset]")).stream()
                .filter(button -> button.getText().equals(label))
                .findFirst()
                .orElseThrow(() -> new org.openqa.selenium.NoSuchElementException("No preset '" + label + "'"))
                .click();
        return this;
    }

    /** The scopes offered but disabled (the owner's roles do not grant them), each with what it says. */
    public Map<String, String> deniedScopes() {
        Map<String, String> denied = new java.util.LinkedHashMap<>();
        for (WebElement box : dialog().findElements(SCOPE_BOXES)) {
            if (!box.isEnabled()) {
                String key = box.getDomAttribute("value");
                denied.put(
                        key,
                        dialog().findElement(By.cssSelector("[data-testid='scope-denied-" + key + "']"))
                                .getText());
            }
        }
        return denied;
    }

    /** What the picker's status line says (matches shown, preset applied). */
    public String scopeStatus() {
        return dialog().findElement(By.cssSelector("[data-testid=scope-status]"))
                .getText();
    }

    /** The error shown for a form field ({@code name}, {@code lifetimeDays}, {@code scopes}), by its data-testid. */
    public Optional<String> errorFor(String field) {
        return dialog().findElements(By.cssSelector("[data-testid=error-" + field + "]")).stream()
                .filter(WebElement::isDisplayed)
                .findFirst()
                .map(WebElement::getText);
    }

    /**
     * The texts a screen reader announces with the field's control: the elements its {@code aria-describedby} names
     * that exist. This is how an error is "next to" its field for people who cannot see the layout.
     */
    public List<String> descriptionOf(String field) {
        WebElement control = driver.findElement(CONTROLS.get(field));
        String ids =
                Optional.ofNullable(control.getDomAttribute("aria-describedby")).orElse("");
        return Arrays.stream(ids.trim().split("\\s+"))
                .filter(id -> !id.isEmpty())
                .flatMap(id -> driver.findElements(By.id(id)).stream())
                .map(WebElement::getText)
                .toList();
    }

    /**
     * Whether the field's error is drawn beside its field: below the field's control and above the next control of
     * the form (the next field, or the buttons after the last one).
     */
    public boolean errorIsBetweenItsFieldAndTheNext(String field) {
        WebElement control = driver.findElement(CONTROLS.get(field));
        WebElement next = driver.findElement(NEXT_CONTROL.get(field));
        WebElement error = dialog().findElement(By.cssSelector("[data-testid=error-" + field + "]"));
        int controlBottom = control.getRect().getY() + control.getRect().getHeight();
        int errorTop = error.getRect().getY();
        int errorBottom = errorTop + error.getRect().getHeight();
        return errorTop >= controlBottom && errorBottom <= next.getRect().getY();
    }

    private WebElement dialog() {
        return driver.findElement(DIALOG);
    }
}
