package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.ibcr.kg.publish.IbcrServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages as a user sees them: Debian's chromium, headless, driven through Debian's chromedriver by
 * Selenium, against a real server on a free port built as {@code ibcr-kg serve} builds it. Each page is opened
 * in English and in French; the visible text, the language switch, a link to a participant, the browser console
 * (empty: no error, no warning) and a screenshot per page (target/screenshots/) are checked, with the network
 * offline but for the server (see {@link HeadlessChromium}). Also the query page and Fuseki's UI address. Needs /usr/bin/chromium and /usr/bin/chromedriver (Debian packages chromium, chromium-driver):
 * skipped without them, except under CI, where .ci/run installs them and their absence fails.
 */
class BrowserTest {
    private static final Path SCREENSHOTS = BrowserSite.SCREENSHOTS;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static String base;
    private static BrowserSite site;
    private static ChromeDriver driver;

    @BeforeAll
    static void start() throws IOException {
        site = BrowserSite.start("chromedriver.log");
        base = site.base();
        driver = site.driver();
    }

    @AfterAll
    static void stop() {
        if (site != null) site.close();
    }

    // 1. Each page in each language: the title and labels a reader sees, a clean console, a screenshot.

    record Page(String name, String path, String lang, String h1, List<String> visible, List<String> absent) {
        @Override
        public String toString() {
            return name + "-" + lang;
        }
    }

    static Stream<Arguments> pages() {
        return Stream.of(
                new Page("home", "/", "en", "IBCR Knowledge Graph",
                        List.of("Home", "SPARQL query", "Timeline", "International Tribunal for Children's Rights"),
                        List.of("Chronologie", "Accueil")),
                new Page("home", "/", "fr", "Graphe de connaissances du BIDE",
                        List.of("Accueil", "Requête SPARQL", "Chronologie", "Tribunal international des droits de l'enfant"),
                        List.of("Timeline", "International Tribunal for Children's Rights")),
                new Page("milestone", "/page/milestone/international-tribunal", "en", "International Tribunal for Children's Rights",
                        List.of("Participants and roles", "1995", "International Bureau for Children's Rights"),
                        List.of("Tribunal international des droits de l'enfant", "Participants et rôles")),
                new Page("milestone", "/page/milestone/international-tribunal", "fr", "Tribunal international des droits de l'enfant",
                        List.of("Participants et rôles", "1995", "Bureau international des droits des enfants"),
                        List.of("International Tribunal for Children's Rights", "Participants and roles")),
                new Page("organisation", "/page/organisation/global-affairs-canada", "en", "Global Affairs Canada",
                        List.of("The Canadian federal department for foreign affairs and international development."),
                        List.of("Affaires mondiales Canada")),
                new Page("organisation", "/page/organisation/global-affairs-canada", "fr", "Affaires mondiales Canada",
                        List.of("Le ministère fédéral canadien des affaires étrangères et du développement international."),
                        List.of("Global Affairs Canada")),
                new Page("ontology", "/ontology", "en", "IBCR ontology",
                        List.of("Classes", "non-governmental organisation", "government body"),
                        List.of("Ontologie du BIDE", "organisme public")),
                new Page("ontology", "/ontology", "fr", "Ontologie du BIDE",
                        List.of("Classes", "organisation non gouvernementale", "organisme public"),
                        List.of("IBCR ontology", "government body")))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void pageShowsItsTextInItsLanguage(Page page) throws IOException {
        open(page.path() + "?lang=" + page.lang());
        assertEquals(page.lang(), driver.findElement(By.tagName("html")).getDomAttribute("lang"), page + ": <html lang>");
        assertEquals(page.h1(), driver.findElement(By.tagName("h1")).getText(), page + ": the title a reader sees");
        String title = driver.getTitle();
        assertFalse(title.matches("(.+) · \\1"), page + ": the window's title says the same twice: " + title);
        if (page.name().equals("home")) assertEquals(page.h1(), title, page + ": the home page's title is the site's name");
        else assertTrue(title.startsWith(page.h1() + " · "), page + ": the window's title names the page, then the site: " + title);
        String text = visibleText();
        for (String s : page.visible()) assertTrue(text.contains(s), page + ": '" + s + "' is not on the page");
        String ownText = textOutsideProperties();
        for (String s : page.absent()) assertFalse(ownText.contains(s), page + ": '" + s + "' is in the other language");
        assertNoBrokenText(page.toString(), text);
        assertEquals(page.lang().equals("en") ? "Français" : "English", driver.findElement(By.id("lang-switch")).getText(),
                page + ": the language switch names the other language");
        screenshot(page.toString());
        assertConsoleClean(page.toString());
    }

    // 1b. Every kind of page, in each language, leaves the console empty (the network page once drawn).

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyPage")
    void everyPageLeavesTheConsoleEmpty(String path) {
        open(path);
        if (path.startsWith("/graph?")) {
            new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("graph-status")).getText().matches("\\d+ .*"));
        }
        assertConsoleClean(path);
    }

    static Stream<String> everyPage() {
        return Stream.of("/", "/timeline", "/graph", "/ontology", "/page/milestone/international-tribunal", "/page/organisation/ibcr",
                "/page/country/costa-rica", "/class/Milestone", "/dumps/", "/graph/data")
                .flatMap(p -> Stream.of(p + "?lang=en", p + "?lang=fr"));
    }

    // 2. The language switch: a click, and the page is in the other language.

    @Test
    void languageSwitchGoesToTheOtherLanguageAndBack() {
        open("/page/milestone/international-tribunal");
        assertEquals("en", driver.findElement(By.tagName("html")).getDomAttribute("lang"), "an English browser gets English");
        assertEquals("International Tribunal for Children's Rights", driver.findElement(By.tagName("h1")).getText());
        click(By.id("lang-switch"));
        waitForLang("fr");
        assertEquals("Tribunal international des droits de l'enfant", driver.findElement(By.tagName("h1")).getText());
        assertTrue(visibleText().contains("Participants et rôles"));
        click(By.id("lang-switch"));
        waitForLang("en");
        assertEquals("International Tribunal for Children's Rights", driver.findElement(By.tagName("h1")).getText());
        assertConsoleClean("language switch");

        open("/page/organisation/global-affairs-canada?lang=fr");
        click(By.id("lang-switch"));
        waitForLang("en");
        assertEquals("Global Affairs Canada", driver.findElement(By.tagName("h1")).getText());
        assertConsoleClean("language switch (organisation)");
    }

    // 3. From a milestone to one of its participants, by a click; the reader stays in the language chosen.

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "fr"})
    void participantLinkLeadsToItsPage(String lang) {
        open("/page/milestone/international-tribunal?lang=" + lang);
        WebElement link = driver.findElement(By.cssSelector("table.participants tr td:first-child a"));
        String name = link.getText();
        assertFalse(name.isBlank(), "a participant without a name");
        String before = driver.getCurrentUrl();
        link.click();
        new WebDriverWait(driver, WAIT).until(d -> !before.equals(d.getCurrentUrl()));
        waitForLoad();
        assertTrue(driver.getCurrentUrl().startsWith(base + "/page/"), "not a resource page: " + driver.getCurrentUrl());
        assertEquals(name, driver.findElement(By.tagName("h1")).getText(), "the participant's page has its name as title");
        assertEquals(lang, driver.findElement(By.tagName("html")).getDomAttribute("lang"),
                "the participant's page is not in the language chosen: " + driver.getCurrentUrl());
        assertConsoleClean("participant page (" + lang + ")");
    }

    // 4. No broken link on the resource pages: every link to another page of this server answers 200.

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/page/milestone/international-tribunal?lang=fr", "/page/organisation/global-affairs-canada",
            "/page/organisation/ibcr?lang=fr"})
    void everyLinkOnThePageWorks(String path) throws Exception {
        open(path);
        Set<String> hrefs = new LinkedHashSet<>();
        for (WebElement a : driver.findElements(By.cssSelector("a[href]"))) {
            String href = a.getDomProperty("href");
            // The pages a reader moves between; data documents and dumps are the data's own tests' business.
            if (href == null || !href.startsWith(base) || href.startsWith(base + "/data/") || href.startsWith(base + "/dumps/")) continue;
            hrefs.add(href.contains("#") ? href.substring(0, href.indexOf('#')) : href);
        }
        assertTrue(hrefs.size() > 5, path + ": too few links: " + hrefs);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<String> broken = new ArrayList<>();
        for (String href : hrefs) {
            int status = http.send(HttpRequest.newBuilder(URI.create(href)).timeout(WAIT).GET().build(), BodyHandlers.discarding()).statusCode();
            if (status != 200) broken.add(status + " " + href);
        }
        assertTrue(broken.isEmpty(), path + ": broken links " + broken);
    }

    // 5. The query page lists every example.

    @Test
    void queryPageListsTheExamples() throws IOException {
        open("/query");
        List<String> files;
        try (Stream<Path> list = Files.list(Path.of("queries"))) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".rq")).sorted().toList();
        }
        List<WebElement> examples = driver.findElements(By.cssSelector("div.example"));
        assertEquals(files.size(), examples.size(), "one example per file of queries/");
        for (WebElement example : examples) {
            String title = example.findElement(By.tagName("h3")).getText();
            assertFalse(title.isBlank(), "an example without a title: " + example.getDomAttribute("id"));
            assertTrue(example.getText().contains(".rq"), "the example does not name its file: " + title);
        }
        assertTrue(driver.findElement(By.id("query")).getDomProperty("value").contains("SELECT"), "the form has no query");
        WebElement first = examples.get(0);
        first.findElement(By.tagName("summary")).click();
        assertTrue(first.findElement(By.cssSelector("pre.example-query")).isDisplayed(), "the query text does not open");
        assertNoBrokenText("query page", visibleText());
        screenshot("query");
        assertConsoleClean("query page");
    }

    // 6. Fuseki's UI address leads to the query page (the UI is not served: read-only server, offline).

    @Test
    void fusekiUiAddressOpensTheQueryPage() {
        open(IbcrServer.UI);
        assertEquals(base + IbcrServer.QUERY_PAGE, driver.getCurrentUrl(), "where /index.html leads");
        assertTrue(driver.findElement(By.id("query")).getDomProperty("value").contains("SELECT"), "the form has no query");
        assertConsoleClean("Fuseki UI address");
    }

    // Helpers.

    private static void open(String path) {
        driver.manage().logs().get(LogType.BROWSER); // drop what earlier pages left
        driver.get(base + path);
        waitForLoad();
    }

    private static void waitForLoad() {
        new WebDriverWait(driver, WAIT).until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private static void click(By by) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    private static void waitForLang(String lang) {
        new WebDriverWait(driver, WAIT).until(d -> lang.equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
        waitForLoad();
    }

    private static String visibleText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /**
     * The page's text but the table of properties, which rightly lists a label in every language
     * ("Global Affairs Canada" and "Affaires mondiales Canada" alike): the rest is in the page's language.
     */
    private static String textOutsideProperties() {
        return (String) driver.executeScript("var w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), out = [], n;"
                + "while ((n = w.nextNode())) { if (!n.parentElement.closest('table.properties, script, style')) out.push(n.textContent); }"
                + "return out.join(' ');");
    }

    /** Template markers, mis-decoded UTF-8 or replacement characters would show as such to a reader. */
    private static void assertNoBrokenText(String page, String text) {
        for (String bad : List.of("{{", "}}", "\uFFFD", "Ã©", "Ã¨", "&amp;", "&lt;", "&#")) {
            assertFalse(text.contains(bad), page + ": broken text '" + bad + "' on the page");
        }
    }

    /**
     * An empty browser console: no error, no warning, no message at all (a failed request, a script error, a
     * deprecated setting, a Content-Security-Policy violation, a request to another host, which fails offline).
     */
    private static void assertConsoleClean(String page) {
        List<String> entries = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) entries.add(entry.getLevel() + " " + entry.getMessage());
        assertTrue(entries.isEmpty(), page + ": the browser console is not empty: " + entries);
    }

    private static void screenshot(String name) throws IOException {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    /** Best effort: a profile the browser left behind is only a temporary folder. */
}
