package org.stemloop.web;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Selenium, offline: both binaries are named, so Selenium
 * Manager never tries to download a browser (DESIGN §4). Missing binaries fail the test under
 * {@code CI=true} (the CI script installs them) and skip it elsewhere, saying which package is missing.
 */
final class Chromium {

    static final File BROWSER = new File("/usr/bin/chromium");
    static final File DRIVER = new File("/usr/bin/chromedriver");

    private Chromium() {
    }

    /** Fails (CI) or skips (elsewhere) unless chromium and chromedriver are installed. */
    static void requireInstalled() {
        String missing = !BROWSER.canExecute() ? "chromium (" + BROWSER + ")"
                : !DRIVER.canExecute() ? "chromium-driver (" + DRIVER + ")" : null;
        if (missing == null) {
            return;
        }
        String message = "Real-browser tests need Debian's " + missing
                + ": apt-get install chromium chromium-driver (.ci/run installs them)";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
    }

    /** A fresh headless browser with a 1280 x 900 window. */
    static ChromeDriver start() {
        requireInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--no-first-run", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER)
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return driver;
    }
}
