package dev.warden.e2e;

import java.time.Duration;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The one wait every journey uses: 10 s at most, polled every 50 ms (the default 500 ms polling costs ~1 s a journey). */
public final class Waits {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    public static final Duration POLLING = Duration.ofMillis(50);

    private Waits() {}

    public static WebDriverWait on(WebDriver driver) {
        return new WebDriverWait(driver, TIMEOUT, POLLING);
    }
}
