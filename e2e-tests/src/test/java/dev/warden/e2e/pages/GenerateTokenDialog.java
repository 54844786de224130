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
    /** The expiry control's date field (the one expiry control of every create-token dialog). */
    private static final By LIFETIME = By.cssSelector("[data-testid=token-expiry-input]");

    private static final By EXPIRY = By.cssSelector("[data-testid=generate-dialog] [data-testid=expiry-control]");
    private static final By SCOPE_PICKER = By.cssSelector("[data-testid=generate-dialog] [data-testid=scope-picker]");
    private static final By SCOPE_BOXES = By.cssSelector("input[type=checkbox][name=scopes]");
    private static final By SUBMIT = By.cssSelector("[data-testid=submit-generate]");
    private static final By CANCEL = By.cssSelector("[data-testid=cancel-generate]");
    /** The form's field names and the control each one's error is attached to. */
    private static final Map<String, By> CONTROLS = Map.of(
            "name", NAME,
            "lifetimeDays", LIFETIME,
            "scopes", SCOPE_PICKER);
    /** The control that follows each field in the form. */
    private static final Map<String, By> NEXT_CONTROL = Map.of(
            "name", EXPIRY,
            "lifetimeDays", SCOPE_PICKER,
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

    /** Chooses the expiry preset of this many days (7, 30 or 90). */
    public GenerateTokenDialog lifetimeDays(int days) {
        dialog().findElement(By.cssSelector("[data-testid=expires-in-" + days + "]"))
                .click();
        return this;
    }

    /** Chooses "On a date" by typing the date into the date field, as a person would pick it. */
    public GenerateTokenDialog expiresOn(java.time.LocalDate date) {
        WebElement input = dialog().findElement(LIFETIME);
        // a date field's typed format follows the browser's locale; set its value as the picker would
        ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript(
                        "arguments[0].value = arguments[1];"
                                + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
                        input,
                        date.toString());
        return this;
    }

    /** The presets offered, in days. */
    public List<String> expiryPresets() {
        return dialog().findElements(By.cssSelector("input[name=expiresIn][data-expiry-days]")).stream()
                .map(radio -> radio.getDomAttribute("value"))
                .toList();
    }

    /** The date the date field shows now. */
    public String expirationDate() {
        return dialog().findElement(LIFETIME).getDomProperty("value");
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
     * the expiry choice and move it with the arrow keys, Tab to the scope's checkbox and press Space.
     */
    public GenerateTokenDialog fillWithKeyboard(String name, int lifetimeDays, String scope) {
        Keyboard keyboard = new Keyboard(driver).type(name).press(Keys.TAB);
        // Tab lands on the chosen expiry radio; the arrow keys move the choice within the group
        String preset = "input[name=expiresIn][value='" + lifetimeDays + "']";
        for (int i = 0; i < 5 && !keyboard.focusedMatches(preset); i++) {
            keyboard.press(Keys.ARROW_LEFT);
        }
        keyboard.tabTo("[data-testid=generate-dialog] input[name=scopes][value='" + scope + "']")
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

    /** The expiry chosen: a preset's days, or the date when "On a date" is chosen. */
    public String lifetimeValue() {
        WebElement chosen = dialog().findElement(By.cssSelector("input[name=expiresIn]:checked"));
        String value = chosen.getDomAttribute("value");
        return "date".equals(value) ? expirationDate() : value;
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
