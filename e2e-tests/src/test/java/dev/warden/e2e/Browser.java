package dev.warden.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A fresh headless Chromium per test class, with an empty temporary profile; cookies are cleared before each test,
 * so every test starts logged out. Register it as {@code @RegisterExtension static final Browser browser = new Browser();}.
 *
 * <h2>Which binaries</h2>
 * Chromium and ChromeDriver are looked up in this order, each on its own:
 * <ol>
 *   <li>the system property, else the environment variable, {@code WARDEN_CHROMIUM} / {@code WARDEN_CHROMEDRIVER};</li>
 *   <li>{@code /usr/bin/chromium} / {@code /usr/bin/chromedriver} when they exist (Debian's {@code chromium} and
 *       {@code chromium-driver} packages);</li>
 *   <li>otherwise nothing is set and Selenium Manager, started by a plain {@code new ChromeDriver(options)}, finds or
 *       downloads them. That needs network access; with a driver path given Selenium Manager never runs.</li>
 * </ol>
 *
 * <h2>Flags</h2>
 * Headless, no sandbox (containers run as root), no GPU, no /dev/shm, and everything that phones home switched off.
 * {@code --host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1} makes every DNS lookup fail, so the browser
 * cannot reach anything but the app: address it as {@code 127.0.0.1}, never {@code localhost}.
 *
 * <h2>When a test fails</h2>
 * A screenshot and the page source are written to {@code target/e2e-failures/<Class>.<method>-<time>.png|.html},
 * taken right after the test body (before {@code @AfterEach}), or, if the failure was in {@code @BeforeEach}, when
 * JUnit reports it.
 */
public final class Browser
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterTestExecutionCallback, TestWatcher {

    public static final String CHROMIUM_PROPERTY = "WARDEN_CHROMIUM";
    public static final String CHROMEDRIVER_PROPERTY = "WARDEN_CHROMEDRIVER";
    private static final Path DEFAULT_CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path DEFAULT_CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    private static final Path FAILURES = Paths.get("target", "e2e-failures");
    private static final String CAPTURED = "failure-captured";

    private WebDriver driver;
    private Path profile;

    public WebDriver driver() {
        if (driver == null) {
            throw new IllegalStateException("No browser: register Browser as a static @RegisterExtension field");
        }
        return driver;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        profile = Files.createTempDirectory("warden-e2e-chromium-");
        driver = start(profile);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        driver().manage().deleteAllCookies();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            capture(context);
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (!Boolean.TRUE.equals(context.getStore(ExtensionContext.Namespace.create(Browser.class))
                .get(CAPTURED, Boolean.class))) {
            capture(context);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            driver = null;
            deleteQuietly(profile);
        }
    }

    /** Saves what the browser shows now, as PNG; for looking at the console, not for assertions. */
    public Path screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] png = ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES);
            return Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void capture(ExtensionContext context) {
        context.getStore(ExtensionContext.Namespace.create(Browser.class)).put(CAPTURED, true);
        if (driver == null) {
            return;
        }
        String name = context.getRequiredTestClass().getSimpleName() + "."
                + context.getRequiredTestMethod().getName() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss-SSS"));
        try {
            Files.createDirectories(FAILURES);
            Path png = screenshot(FAILURES.resolve(name + ".png"));
            Path html = Files.writeString(
                    FAILURES.resolve(name + ".html"),
                    "<!-- " + driver.getCurrentUrl() + " -->\n" + driver.getPageSource(),
                    StandardCharsets.UTF_8);
            System.err.println("[e2e] failure captured: " + png.toAbsolutePath() + " and " + html.getFileName());
        } catch (IOException | WebDriverException e) {
            // An open alert or a dead browser: the test's own failure is what matters.
            System.err.println("[e2e] could not capture the failure: " + e);
        }
    }

    static WebDriver start(Path profile) {
        ChromeOptions options = new ChromeOptions();
        chromium().ifPresent(binary -> options.setBinary(binary.toFile()));
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--window-size=1280,900",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1");
        Optional<Path> chromedriver = chromedriver();
        if (chromedriver.isEmpty()) {
            return new ChromeDriver(options); // Selenium Manager resolves the driver (and the browser, if unset)
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    static Optional<Path> chromium() {
        return configured(CHROMIUM_PROPERTY, DEFAULT_CHROMIUM);
    }

    static Optional<Path> chromedriver() {
        return configured(CHROMEDRIVER_PROPERTY, DEFAULT_CHROMEDRIVER);
    }

    private static Optional<Path> configured(String name, Path fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        if (value != null && !value.isBlank()) {
            Path path = Paths.get(value.strip());
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException(name + " points at " + path + ", which is not an executable file");
            }
            return Optional.of(path);
        }
        return Files.isExecutable(fallback) ? Optional.of(fallback) : Optional.empty();
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException | UncheckedIOException e) {
            // A leftover temp profile is harmless.
        }
    }
}
