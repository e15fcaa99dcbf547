package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The query page in a real browser, set up as {@link BrowserTest} is (Debian's chromium and chromedriver, headless,
 * a server on a free port, offline but for it): the editor replaces the text area, completes a term of the ontology
 * and adds its PREFIX line; an example runs from its link, its result table shows, and a link of the table opens the
 * page of the resource; in French, the editor's query runs from the button and the page stays French. The console
 * stays empty (no CSP report, no failed request). Screenshots in target/screenshots/ (query-result.png,
 * query-fr.png). Skipped without chromium, except under CI.
 */
class QueryBrowserTest {
    private static final Path SCREENSHOTS = BrowserSite.SCREENSHOTS;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String VALUE = "return document.querySelector('.CodeMirror').CodeMirror.getValue()";

    private static String base;
    private static BrowserSite site;
    private static ChromeDriver driver;

    @BeforeAll
    static void start() throws IOException {
        site = BrowserSite.start("chromedriver-query.log");
        base = site.base();
        driver = site.driver();
    }

    @AfterAll
    static void stop() {
        if (site != null) site.close();
    }

    @Test
    void theEditorCompletesATermAndDeclaresItsPrefix() {
        open("/query");
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".CodeMirror")));
        assertTrue(((String) js(VALUE)).contains("SELECT"), "the editor holds the first example");
        assertTrue(driver.findElements(By.cssSelector(".CodeMirror .cm-keyword")).stream().anyMatch(k -> k.getText().equals("SELECT")),
                "SPARQL keywords are highlighted");
        js("var cm = document.querySelector('.CodeMirror').CodeMirror; cm.setValue('SELECT * WHERE { ?m a '); cm.focus();"
                + "cm.setCursor(cm.lineCount(), 0);");
        new Actions(driver).sendKeys("ibcr:Miles").perform();
        WebElement hint = new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".CodeMirror-hint")));
        assertEquals("ibcr:Milestone", hint.getText());
        new Actions(driver).sendKeys(Keys.ENTER).perform();
        String value = (String) js(VALUE);
        assertTrue(value.startsWith("PREFIX ibcr: <https://w3id.org/ibcr/ontology#>\n"), value);
        assertTrue(value.contains("?m a ibcr:Milestone"), value);
        assertConsoleClean("query page editor");
    }

    @Test
    void anExampleRunsAndALinkOfItsTableOpensThePage() throws IOException {
        open("/query");
        WebElement example = driver.findElement(By.id("19-sentence-behind-a-fact.rq"));
        example.findElement(By.cssSelector("a.run")).click();
        WebElement table = new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("table.results")));
        assertFalse(table.findElements(By.cssSelector("tbody tr")).isEmpty(), "the example's rows");
        screenshot("query-result");
        assertConsoleClean("query result");
        WebElement link = table.findElements(By.cssSelector("a")).stream().filter(a -> a.getDomAttribute("href").startsWith("/page/")).findFirst()
                .orElseThrow(() -> new AssertionError("no link to a page of ours in the table"));
        String text = link.getText();
        link.click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.urlContains("/page/"));
        waitForLoad();
        assertFalse(driver.findElement(By.tagName("h1")).getText().isBlank(), "the page of " + text);
        assertConsoleClean("the page opened from the table");
    }

    @Test
    void inFrenchTheButtonRunsTheEditorsQuery() throws IOException {
        open("/query?lang=fr");
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".CodeMirror")));
        js("document.querySelector('.CodeMirror').CodeMirror.setValue('ASK { ?s a <https://w3id.org/ibcr/ontology#City> }')");
        driver.findElement(By.id("query-run")).click();
        WebElement answer = new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".query-answer")));
        assertEquals("Oui (true)", answer.getText());
        assertEquals("fr", driver.findElement(By.tagName("html")).getDomAttribute("lang"));
        assertTrue(driver.getCurrentUrl().contains("lang=fr"), driver.getCurrentUrl());
        screenshot("query-fr");
        assertConsoleClean("French query page");
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private static void open(String path) {
        driver.manage().logs().get(LogType.BROWSER);
        driver.get(base + path);
        waitForLoad();
    }

    private static void waitForLoad() {
        new WebDriverWait(driver, WAIT).until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private static void assertConsoleClean(String page) {
        List<String> entries = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) entries.add(entry.getLevel() + " " + entry.getMessage());
        assertTrue(entries.isEmpty(), page + ": the browser console is not empty: " + entries);
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }
}
