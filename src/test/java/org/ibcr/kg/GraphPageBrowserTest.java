package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.jena.query.QueryExecution;
import org.ibcr.kg.pipeline.BuiltGraph;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.source.CsvHistory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The network ({@code /graph}) and timeline ({@code /timeline}) pages in a real browser, set up as
 * {@link BrowserTest} is (Debian's chromium and chromedriver, headless, a server on a free port built as
 * {@code ibcr-kg serve} builds it): Cytoscape.js draws the actors of {@code /graph/actors.json}; the year slider,
 * the role filter and the search change what is shown; a click on a node opens its page; the timeline draws every
 * milestone. An empty console (no warning either), offline but for the server; screenshots in target/screenshots/ (graph.png, graph-search.png,
 * timeline.png, timeline-fr.png). Skipped without chromium, except under CI.
 */
class GraphPageBrowserTest {
    private static final Path SCREENSHOTS = BrowserSite.SCREENSHOTS;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DRAWN = "return !!(window.ibcrGraph && window.ibcrGraph.nodes().length > 0"
            + " && document.getElementById('graph-page').classList.contains('drawn'))";
    /** What Cytoscape itself counts as shown (nodes, and edges whose ends are shown). */
    private static final String VISIBLE = "return window.ibcrGraph.elements(':visible').length";

    private static BuiltGraph built;
    private static String base;
    private static BrowserSite site;
    private static ChromeDriver driver;

    @BeforeAll
    static void start() throws IOException {
        built = GraphBuild.from(CsvHistory.open(Path.of("data"))).build(); // the figures the page is checked against
        site = BrowserSite.start("chromedriver-graph.log");
        base = site.base();
        driver = site.driver();
    }

    @AfterAll
    static void stop() {
        if (site != null) site.close();
    }

    // 1. The network: drawn, filtered by years, by role, searched, and a node opens its page.

    @Test
    void networkIsDrawnFilteredSearchedAndOpensANodesPage() throws IOException {
        open("/graph");
        assertEquals("Network of actors", driver.findElement(By.tagName("h1")).getText());
        waitUntilDrawn();
        long nodes = number("return ibcrGraph.nodes().length");
        long edges = number("return ibcrGraph.edges().length");
        assertTrue(nodes > 10 && edges > 10, "too small a network: " + nodes + " nodes, " + edges + " edges");
        long all = number(VISIBLE);
        assertEquals(nodes + edges, all, "at first every year is chosen and everything is shown");
        for (Object kind : (List<?>) script("return ibcrGraph.nodes().map(n => n.data('kind'))")) {
            assertTrue(List.of("organisation", "group", "person").contains(kind), "an actor of an unexpected kind: " + kind);
        }
        // Colour by kind, size by degree.
        assertNotEquals(script("return ibcrGraph.nodes('[kind = \"organisation\"]')[0].style('background-color')"),
                script("return ibcrGraph.nodes('[kind = \"group\"]')[0].style('background-color')"), "kinds share a colour");
        assertTrue((Boolean) script("var n = ibcrGraph.nodes().sort((a, b) => a.data('degree') - b.data('degree'));"
                + " return n[0].width() < n[n.length - 1].width();"), "a node's size does not grow with its degree");
        String status = driver.findElement(By.id("graph-status")).getText();
        assertTrue(status.contains(nodes + " actors"), "the status line counts the actors: " + status);

        // The year slider, moved with the keyboard as a reader would: the last year down to the first.
        WebElement to = driver.findElement(By.id("year-to"));
        String first = to.getDomAttribute("min");
        String last = to.getDomAttribute("max");
        to.sendKeys(Keys.HOME);
        new WebDriverWait(driver, WAIT).until(d -> first.equals(d.findElement(By.id("year-to-value")).getText()));
        long early = number(VISIBLE);
        assertTrue(early < all, "up to " + first + " fewer actors and links are shown (" + early + " of " + all + ")");
        assertTrue(early > 0, "the first year has its actors");
        // And by setting its value and sending the event, as a script would.
        script("var s = document.getElementById('year-to'); s.value = arguments[0]; s.dispatchEvent(new Event('input', {bubbles: true}));", "2010");
        // The key presses above may still have events queued in the page (seen once in a full test run): give the
        // page time to settle on 2010 before counting; the assertion below still says what it shows.
        try {
            new WebDriverWait(driver, WAIT).until(d -> "2010".equals(d.findElement(By.id("year-to-value")).getText()) && number(VISIBLE) > early);
        } catch (org.openqa.selenium.TimeoutException e) {
            // counted and judged below
        }
        long until2010 = number(VISIBLE);
        assertTrue(until2010 > early && until2010 < all, "up to 2010: " + until2010 + " (first year " + early + ", all " + all + ")");
        to.sendKeys(Keys.END);
        new WebDriverWait(driver, WAIT).until(d -> last.equals(d.findElement(By.id("year-to-value")).getText()));
        assertEquals(all, number(VISIBLE), "every year again, everything again");
        WebElement from = driver.findElement(By.id("year-from"));
        from.sendKeys(Keys.END);
        // As above: let the page settle on the last year before counting (seen racing once under load).
        try {
            new WebDriverWait(driver, WAIT).until(d -> last.equals(d.findElement(By.id("year-from-value")).getText()) && number(VISIBLE) < all);
        } catch (org.openqa.selenium.TimeoutException e) {
            // counted and judged below
        }
        long lastYear = number(VISIBLE);
        assertTrue(lastYear < all, "in " + last + " alone fewer are shown (" + lastYear + " of " + all + ")");
        from.sendKeys(Keys.HOME);
        // As above: the key press is handled by the page's own events; wait for them before counting (raced in CI).
        try {
            new WebDriverWait(driver, WAIT).until(d -> number(VISIBLE) == all);
        } catch (org.openqa.selenium.TimeoutException e) {
            // counted and judged below
        }
        assertEquals(all, number(VISIBLE), "from the first year again, everything again");

        // The role filter asks the server for the network of one role.
        new Select(driver.findElement(By.id("role"))).selectByValue("funder");
        new WebDriverWait(driver, WAIT).until(d -> number("return ibcrGraph.nodes().length") < nodes);
        long funders = number("return ibcrGraph.nodes().length");
        assertTrue(funders > 0, "the funders' network is empty");
        new Select(driver.findElement(By.id("role"))).selectByValue("");
        new WebDriverWait(driver, WAIT).until(d -> number("return ibcrGraph.nodes().length") == nodes);
        waitUntilDrawn();

        // The search highlights and centres the actors whose name matches.
        driver.findElement(By.id("search")).sendKeys("global affairs");
        new WebDriverWait(driver, WAIT).until(d -> number("return ibcrGraph.nodes('.match').length") == 1);
        assertEquals("https://w3id.org/ibcr/id/organisation/global-affairs-canada", script("return ibcrGraph.nodes('.match')[0].id()"));
        assertTrue(number("return ibcrGraph.nodes('.faded').length") > 0, "the other actors are faded");
        sleep(500); // the centring animation
        script("document.getElementById('graph-controls').scrollIntoView()");
        screenshot("graph-search");
        driver.findElement(By.id("search")).clear();
        script("document.getElementById('search').dispatchEvent(new Event('input', {bubbles: true}))");
        assertEquals(0L, number("return ibcrGraph.nodes('.match, .faded').length"), "an empty search highlights nothing");

        // The same list, for keyboards: every actor shown links to its page.
        assertEquals(nodes, (long) driver.findElements(By.cssSelector("#graph-list li a[href^='/page/']")).size());
        script("ibcrGraph.fit(undefined, 30); document.getElementById('graph-controls').scrollIntoView()");
        sleep(300);
        screenshot("graph");
        assertConsoleClean("network page");

        // A click on a node, at its place on the canvas, opens its page.
        script("arguments[0].scrollIntoView({block: 'center'})", driver.findElement(By.id("graph")));
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) script(
                "var n = ibcrGraph.nodes().max(n => n.data('degree')).ele; var p = n.renderedPosition();"
                        + " var c = ibcrGraph.container().getBoundingClientRect();"
                        + " return {id: n.id(), label: n.data('label'), x: p.x - c.width / 2, y: p.y - c.height / 2,"
                        + " page: ibcrGraphPage.pageUrl(n.id())};");
        assertEquals("/page/organisation/ibcr", target.get("page"), "the busiest actor is the IBCR, and its page is on this server");
        new Actions(driver).moveToElement(driver.findElement(By.id("graph")), ((Number) target.get("x")).intValue(),
                ((Number) target.get("y")).intValue()).click().perform();
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().startsWith(base + "/page/"));
        waitForLoad();
        assertEquals(base + "/page/organisation/ibcr", driver.getCurrentUrl());
        assertEquals(target.get("label"), driver.findElement(By.tagName("h1")).getText(), "the node's page has its name as title");
        assertConsoleClean("the node's page");
    }

    /**
     * The status line's nouns agree with their numbers, year by year: "1 actor", "2 links"; in French the singular
     * also for 0 ("0 lien"). Judged by the grammar of each language, not by the page's own rule.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "fr"})
    void countsAgreeWithTheirNumbers(String lang) {
        open("/graph?lang=" + lang);
        waitUntilDrawn();
        List<?> seen = (List<?>) script("var out = [], r = ibcrGraphPage.range;"
                + " for (var y = r[0]; y <= r[1]; y++) { var c = ibcrGraphPage.setYears(y, y);"
                + " out.push([c.nodes, c.edges, document.getElementById('graph-status').textContent]); }"
                + " ibcrGraphPage.setYears(r[0], r[1]); return out;");
        boolean singular = false;
        for (Object o : seen) {
            List<?> row = (List<?>) o;
            long actors = ((Number) row.get(0)).longValue();
            long links = ((Number) row.get(1)).longValue();
            String status = (String) row.get(2);
            String expected = lang.equals("en")
                    ? actors + (actors == 1 ? " actor" : " actors") + " and " + links + (links == 1 ? " link" : " links") + " shown"
                    : actors + (actors <= 1 ? " acteur" : " acteurs") + " et " + links + (links <= 1 ? " lien" : " liens") + " affichés";
            assertTrue(status.startsWith(expected), lang + ": '" + status + "', expected '" + expected + "'");
            singular |= actors == 1 || links == 1;
        }
        assertTrue(singular, "no year with exactly one actor or link: the singular went untested " + seen);
        assertConsoleClean("network page, counts (" + lang + ")");
    }

    @Test
    void frenchNetworkOpensFrenchPages() {
        open("/graph?lang=fr");
        assertEquals("Réseau des acteurs", driver.findElement(By.tagName("h1")).getText());
        waitUntilDrawn();
        String label = (String) script("return ibcrGraph.getElementById('https://w3id.org/ibcr/id/organisation/global-affairs-canada').data('label')");
        assertEquals("Affaires mondiales Canada", label, "the labels are in French");
        assertTrue(driver.findElement(By.id("graph-status")).getText().contains("acteurs"), "the status line is in French");
        assertConsoleClean("network page (fr)");
        // A tap through Cytoscape, as a touch would give it.
        script("ibcrGraph.getElementById('https://w3id.org/ibcr/id/organisation/global-affairs-canada').emit('tap')");
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().contains("/page/"));
        waitForLoad();
        assertEquals(base + "/page/organisation/global-affairs-canada?lang=fr", driver.getCurrentUrl());
        assertEquals("Affaires mondiales Canada", driver.findElement(By.tagName("h1")).getText());
        assertEquals("fr", driver.findElement(By.tagName("html")).getDomAttribute("lang"));
        assertConsoleClean("the node's page (fr)");
    }

    @Test
    void resourcePageOpensTheNetworkAroundIt() throws IOException {
        String sida = "https://w3id.org/ibcr/id/organisation/sida";
        var full = org.ibcr.kg.graph.GraphProjector.over(built.queryDataset()).project(org.ibcr.kg.graph.GraphProjector.View.FULL);
        open("/page/organisation/sida");
        driver.findElement(By.cssSelector("a.network-page")).click();
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().contains("/graph?around="));
        waitForLoad();
        waitUntilDrawn();
        assertEquals(new java.util.TreeSet<>(full.around(sida, 1).nodes().stream().map(n -> n.id()).toList()),
                new java.util.TreeSet<>((List<?>) script("return ibcrGraph.nodes().map(n => n.id())")), "the ego network of depth 1");
        assertEquals(full.around(sida, 1).edges().size(), number("return ibcrGraph.edges().length"));
        assertEquals(List.of(sida), script("return ibcrGraph.nodes('.focus').map(n => n.id())"), "Sida is marked");
        assertTrue(driver.findElement(By.id("graph-status")).getText().startsWith("Network around Swedish International Development Cooperation Agency (depth 1)"),
                driver.findElement(By.id("graph-status")).getText());
        assertTrue(driver.findElement(By.id("graph-status")).getText().endsWith(full.around(sida, 1).nodes().size() + " nodes and "
                + full.around(sida, 1).edges().size() + " links shown"), "not only actors: " + driver.findElement(By.id("graph-status")).getText());
        screenshot("graph-around");
        assertConsoleClean("network around Sida");

        open("/graph?around=organisation/sida&depth=2&lang=fr");
        waitUntilDrawn();
        assertEquals(full.around(sida, 2).nodes().size(), number("return ibcrGraph.nodes().length"), "depth 2");
        assertTrue(driver.findElement(By.id("graph-status")).getText().startsWith("Réseau autour de"));

        // A focus that is no resource path: said, and nothing fetched.
        open("/graph?around=..%2F..%2Fdumps%2Fibcr");
        new WebDriverWait(driver, WAIT).until(d -> Boolean.TRUE.equals(script("return document.getElementById('graph-page').classList.contains('failed')")));
        assertEquals(0L, number("return ibcrGraph.nodes().length"));
    }

    // 2. The timeline, in both languages: every milestone drawn on the axis.

    @Test
    void timelineDrawsEveryMilestoneInBothLanguages() throws IOException {
        long milestones;
        try (QueryExecution qe = QueryExecution.create("SELECT (COUNT(DISTINCT ?m) AS ?n) { ?m a <https://w3id.org/ibcr/ontology#Milestone> }",
                built.queryDataset())) {
            milestones = qe.execSelect().next().getLiteral("n").getLong();
        }
        for (String lang : List.of("en", "fr")) {
            open("/timeline" + (lang.equals("fr") ? "?lang=fr" : ""));
            assertEquals(lang.equals("fr") ? "Chronologie" : "Timeline", driver.findElement(By.tagName("h1")).getText());
            List<WebElement> items = driver.findElements(By.cssSelector("ol.chronology > li.milestone"));
            assertEquals(milestones, items.size(), "every milestone of the data");
            for (WebElement item : items) {
                WebElement span = item.findElement(By.cssSelector(".track .span"));
                double width = ((Number) script("return arguments[0].getBoundingClientRect().width", span)).doubleValue();
                double track = ((Number) script("return arguments[0].parentElement.getBoundingClientRect().width", span)).doubleValue();
                assertTrue(width > 0 && width <= track + 0.5, item.getDomAttribute("id") + ": its bar is " + width + " of " + track);
                assertTrue(item.findElement(By.cssSelector("h2 a")).getDomAttribute("href").startsWith("/page/milestone/"));
            }
            // The tribunal (1995–2000) is wider than a single year, such as the ECOSOC status (2003).
            double tribunal = width("#international-tribunal .span");
            double ecosoc = width("#ecosoc-consultative-status .span");
            assertTrue(tribunal > 3 * ecosoc, "a range is drawn wider than a year: " + tribunal + " against " + ecosoc);
            assertFalse(driver.findElement(By.tagName("body")).getText().contains("{{"), "a template marker is shown");
            screenshot(lang.equals("fr") ? "timeline-fr" : "timeline");
            assertConsoleClean("timeline (" + lang + ")");
        }
        // From the timeline to a participant's page, in the language chosen.
        WebElement participant = driver.findElement(By.cssSelector("#international-tribunal .actor a"));
        String name = participant.getText();
        participant.click();
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().contains("/page/"));
        waitForLoad();
        assertEquals(name, driver.findElement(By.tagName("h1")).getText());
        assertEquals("fr", driver.findElement(By.tagName("html")).getDomAttribute("lang"));
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

    private static void waitUntilDrawn() {
        new WebDriverWait(driver, WAIT).withMessage(() -> "the network was not drawn: "
                + driver.findElement(By.id("graph-status")).getText()).until(d -> Boolean.TRUE.equals(script(DRAWN)));
    }

    private static Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static long number(String script) {
        return ((Number) script(script)).longValue();
    }

    private static double width(String css) {
        return ((Number) script("return document.querySelector(arguments[0]).getBoundingClientRect().width", css)).doubleValue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An empty browser console: no error, no warning (a failed request, a script error, a library's warning...). */
    private static void assertConsoleClean(String page) {
        List<String> entries = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) entries.add(entry.getLevel() + " " + entry.getMessage());
        assertTrue(entries.isEmpty(), page + ": the browser console is not empty: " + entries);
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }
}
