package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The search box in a real browser, set up as {@link BrowserTest} is (Debian's chromium and chromedriver, headless,
 * a server on a free port): three letters typed into the box of a page bring suggestions, and picking one (with the
 * mouse, or the arrow keys and Enter) opens its page; Enter without a suggestion opens the search page. No SEVERE
 * entry in the console (a CSP refusal would be one). Screenshots in target/screenshots/ (search-suggestions.png, search-page.png).
 * Skipped without chromium, except under CI.
 */
class SearchBrowserTest {
    private static final Path SCREENSHOTS = BrowserSite.SCREENSHOTS;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static String base;
    private static BrowserSite site;
    private static ChromeDriver driver;

    @BeforeAll
    static void start() throws IOException {
        site = BrowserSite.start("chromedriver-search.log");
        base = site.base();
        driver = site.driver();
    }

    @AfterAll
    static void stop() {
        if (site != null) site.close();
    }

    @Test
    void threeLettersThenAClickOnASuggestionOpensItsPage() throws IOException {
        open("/timeline");
        WebElement box = driver.findElement(By.id("search-box"));
        box.sendKeys("tri");
        List<WebElement> options = suggestions();
        // the labels with a word starting with "tri" are the tribunal's and its hearings' (data/milestones.csv)
        assertEquals(5, options.size(), "suggestions: " + texts(options));
        assertEquals("true", box.getAttribute("aria-expanded"));
        WebElement paris = options.stream().filter(o -> o.getText().startsWith("Tribunal hearing in Paris")).findFirst()
                .orElseThrow(() -> new AssertionError("no Paris hearing among " + texts(options)));
        screenshot("search-suggestions");
        paris.click();
        new WebDriverWait(driver, WAIT).withMessage(() -> "still at " + driver.getCurrentUrl())
                .until(d -> d.getCurrentUrl().endsWith("/page/milestone/tribunal-hearing-paris"));
        assertEquals("Tribunal hearing in Paris", driver.findElement(By.tagName("h1")).getText());
        assertConsoleClean("the Paris hearing's page");
    }

    @Test
    void keysPickASuggestionInFrench() {
        open("/?lang=fr");
        WebElement box = driver.findElement(By.id("search-box"));
        box.sendKeys("séc");
        List<WebElement> options = suggestions();
        assertTrue(options.size() > 1, "suggestions: " + texts(options));
        box.sendKeys(Keys.ARROW_DOWN);
        String first = options.get(0).findElement(By.tagName("a")).getAttribute("href");
        assertEquals("true", options.get(0).getAttribute("aria-selected"));
        box.sendKeys(Keys.ENTER);
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().equals(first));
        assertTrue(first.contains("?lang=fr"), "the suggestion keeps the language: " + first);
        assertConsoleClean("a page picked by keys");
    }

    @Test
    void enterWithoutASuggestionOpensTheSearchPage() throws IOException {
        open("/map");
        WebElement box = driver.findElement(By.id("search-box"));
        box.sendKeys("tribunaux");
        suggestions();
        box.sendKeys(Keys.ENTER);
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().contains("/search?q=tribunaux"));
        // the tribunal and its hearings (data/milestones.csv); no other milestone's text names a tribunal
        assertEquals(5, driver.findElements(By.cssSelector("#group-milestone .search-result")).size());
        screenshot("search-page");
        assertConsoleClean("/search");
    }

    private static List<WebElement> suggestions() {
        new WebDriverWait(driver, WAIT).withMessage(() -> "no suggestions appeared; console: " + driver.manage().logs().get(LogType.BROWSER).getAll()
                + " value " + driver.findElement(By.id("search-box")).getAttribute("value") + " html " + driver.findElement(By.tagName("header")).getAttribute("innerHTML"))
                .until(d -> !d.findElements(By.cssSelector("#search-suggestions li")).isEmpty());
        return driver.findElements(By.cssSelector("#search-suggestions li"));
    }

    private static List<String> texts(List<WebElement> elements) {
        return elements.stream().map(WebElement::getText).toList();
    }

    private static void open(String path) {
        driver.manage().logs().get(LogType.BROWSER); // drop what earlier pages left
        driver.get(base + path);
        new WebDriverWait(driver, WAIT).until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private static void assertConsoleClean(String page) {
        List<String> severe = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) severe.add(entry.getMessage());
        }
        assertTrue(severe.isEmpty(), page + ": SEVERE in the browser console: " + severe);
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }
}
