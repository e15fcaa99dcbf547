package org.ibcr.kg;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven by its ChromeDriver, for the browser tests: an English-speaking browser with
 * its own temporary profile and its console log kept, offline but for the server under test (every host name but
 * 127.0.0.1 fails to resolve, as on a machine without a network: a page that reaches out shows it in the console). Requires /usr/bin/chromium and /usr/bin/chromedriver
 * (skips without them, fails under CI, see {@link ExternalTool}).
 *
 * <pre>{@code
 * HeadlessChromium browser = HeadlessChromium.start("chromedriver.log");
 * browser.driver().get(url);
 * browser.close();
 * }</pre>
 */
final class HeadlessChromium implements AutoCloseable {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** Held, so its level stays set: Selenium's own warnings are not the pages' business. */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private HeadlessChromium(Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    /** Starts the browser, its driver writing to {@code target/<driverLog>}. */
    static HeadlessChromium start(String driverLog) throws IOException {
        ExternalTool.require(CHROMIUM, "chromium");
        ExternalTool.require(CHROMEDRIVER, "chromium-driver");
        // Debian's browser and driver, named outright: Selenium Manager finds nothing to look up or download.
        SELENIUM_LOG.setLevel(Level.SEVERE);
        Path profile = Files.createTempDirectory("ibcr-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,1000", "--lang=en-GB",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1");
        // An English-speaking browser: French only where the page is asked for in French.
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-GB,en"));
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .withLogFile(Path.of("target", driverLog).toFile())
                .build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            if (service.isRunning()) service.stop();
            deleteTree(profile);
            throw e;
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(profile, service, driver);
    }

    ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try {
                if (service.isRunning()) service.stop();
            } finally {
                deleteTree(profile);
            }
        }
    }

    /** Best effort: a profile the browser left behind is only a temporary folder. */
    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            System.err.println("Could not delete the browser profile " + root + ": " + e);
        }
    }
}
