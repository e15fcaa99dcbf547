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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The map of places in a real browser, set up as {@link BrowserTest} is (Debian's chromium and chromedriver,
 * headless, a server on a free port): Leaflet draws a country's page's map with the country's outline, opened on
 * it, and {@code /map} with every place; no SEVERE entry in the console, and no request leaves 127.0.0.1 (no tile
 * server, no CDN); {@code /map}'s year slider marks fewer places at its first year. Screenshots in
 * target/screenshots/ (map-country.png, map-fr.png). Skipped without chromium, except under CI.
 */
class MapBrowserTest {
    private static final Path SCREENSHOTS = BrowserSite.SCREENSHOTS;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PATHS = "return document.querySelectorAll('#place-map path.place').length";

    private static String base;
    private static BrowserSite site;
    private static ChromeDriver driver;

    @BeforeAll
    static void start() throws IOException {
        site = BrowserSite.start("chromedriver-map.log");
        base = site.base();
        driver = site.driver();
    }

    @AfterAll
    static void stop() {
        if (site != null) site.close();
    }

    @Test
    void countryPageShowsItsMap() throws IOException {
        open("/page/country/france");
        waitUntilDrawn();
        assertTrue((Boolean) script("return document.getElementById('place-map').classList.contains('leaflet-container')"),
                "Leaflet took the map's container");
        assertEquals(1L, number("return document.querySelectorAll('#place-map path.place-country.focus').length"),
                "France's outline is drawn and marked");
        String popup = (String) script("var p = document.querySelector('#place-map .leaflet-popup-content'); return p ? p.textContent : ''");
        assertTrue(popup.startsWith("France"), "the map opens on France's popup: " + popup);
        assertTrue(popup.contains("Milestones here") || popup.contains("No milestone"), popup);
        // Opened on metropolitan France, where its representative point is, not on the whole outline with French Guiana.
        double[] centre = {((Number) script("return window.ibcrMap.getCenter().lat")).doubleValue(),
                ((Number) script("return window.ibcrMap.getCenter().lng")).doubleValue()};
        assertTrue(centre[0] > 40 && centre[0] < 52 && centre[1] > -6 && centre[1] < 10, "the map opens on France: " + centre[0] + ", " + centre[1]);
        script("document.getElementById('place-map').scrollIntoView()");
        screenshot("map-country");
        assertConsoleClean("France's page");
        assertEverythingFromThisServer("France's page");
    }

    @Test
    void mapPageDrawsEveryPlaceInFrench() throws IOException {
        open("/map?lang=fr");
        waitUntilDrawn();
        long features = number("return fetch('/map.geojson?lang=fr').then(r => r.json()).then(c => c.features.length)");
        // Leaflet draws outlines and city points alike as SVG paths, one per place.
        new WebDriverWait(driver, WAIT).until(d -> number(PATHS) == features);
        assertTrue(features > 10, "too few places: " + features);
        assertTrue(number("return document.querySelectorAll('#place-map path.place-city').length") > 0, "the cities are drawn");
        assertEquals("", driver.findElement(By.id("map-status")).getText(), "no loading or error message is left");
        // The year filter: at the first year fewer places have milestones, at the last year all of them again.
        String located = "return document.querySelectorAll('#place-map path.located').length";
        long all = number(located);
        assertTrue(all > 0, "places with milestones are marked");
        script("var s = document.getElementById('map-year'); s.value = s.min; s.dispatchEvent(new Event('input', {bubbles: true}));");
        long first = number(located);
        assertTrue(first > 0 && first < all, "at the first year " + first + " of " + all + " places have milestones");
        assertEquals(script("return document.getElementById('map-year').min"), driver.findElement(By.id("map-year-value")).getText(),
                "the chosen year is shown");
        script("var s = document.getElementById('map-year'); s.value = s.max; s.dispatchEvent(new Event('input', {bubbles: true}));");
        assertEquals(all, number(located), "the last year shows every place's milestones again");
        screenshot("map-fr");
        assertConsoleClean("/map");
        assertEverythingFromThisServer("/map");
    }

    private static void waitUntilDrawn() {
        new WebDriverWait(driver, WAIT).withMessage(() -> "the map was not drawn: "
                + driver.findElement(By.id("map-status")).getText()).until(d -> number(PATHS) > 0);
    }

    private static void assertEverythingFromThisServer(String page) {
        @SuppressWarnings("unchecked")
        List<Object> urls = (List<Object>) script("return performance.getEntriesByType('resource').map(e => e.name)");
        assertTrue(urls.size() >= 3, page + ": the page's own requests are seen: " + urls);
        for (Object url : urls) assertTrue(url.toString().startsWith(base + "/"), page + ": a request left 127.0.0.1: " + url);
    }

    private static void open(String path) {
        driver.manage().logs().get(LogType.BROWSER); // drop what earlier pages left
        driver.get(base + path);
        new WebDriverWait(driver, WAIT).until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private static Object script(String js) {
        return ((JavascriptExecutor) driver).executeScript(js);
    }

    private static long number(String js) {
        return ((Number) script(js)).longValue();
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
