package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.io.WKTReader;

/**
 * The map of places over real HTTP, against a server built as {@code ibcr-kg serve} builds it: {@code /map} in
 * English and French with the site's navigation, Leaflet from this server's WebJars and our script from a file,
 * no inline script or style; {@code /map.geojson} holds every country and city of {@code data/} with the
 * coordinates the tables give, and the milestones located there; a city's and a country's page carry a map opened
 * on them, other pages none.
 */
class MapPagesTest {
    @RegisterExtension
    static final ServedBundle SERVED = ServedBundle.create();

    private static final String LEAFLET = "/webjars/leaflet/1.9.4/dist/leaflet.js";
    private static final String LEAFLET_CSS = "/webjars/leaflet/1.9.4/dist/leaflet.css";

    private static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr"})
    void mapPageInBothLanguages(String lang) throws Exception {
        HttpResponse<String> response = get("/map?lang=" + lang);
        assertEquals(200, response.statusCode());
        Document page = Jsoup.parse(response.body(), SERVED.base() + "/map");
        assertEquals(lang, page.selectFirst("html").attr("lang"));
        assertEquals(lang.equals("en") ? "Map of places" : "Carte des lieux", page.selectFirst("h1").text());
        assertNotNull(page.selectFirst("nav a[href='/map?lang=" + lang + "']"), "the navigation links to the map");
        Element lastSwitch = page.getElementById("lang-switch");
        assertEquals("/map?lang=" + (lang.equals("en") ? "fr" : "en"), lastSwitch.attr("href"));
        Element map = page.getElementById("place-map");
        assertNotNull(map, "the page has its map");
        assertEquals("/map.geojson?lang=" + lang, map.attr("data-src"));
        assertFalse(map.hasAttr("data-focus"), "the map of all places opens on none");
        assertFalse(map.attr("data-text-error").isBlank());
        assertNotNull(page.selectFirst("noscript"), "says what it is without JavaScript");
        assertNoInlineScriptOrStyle(page);
        List<String> scripts = page.select("script[src]").eachAttr("src");
        assertEquals(List.of("/search.js", LEAFLET, "/map.js"), scripts, "the search box's, Leaflet, the map's");
        assertEquals(List.of("/site.css", LEAFLET_CSS), page.select("link[rel=stylesheet]").eachAttr("href"));
        for (String src : scripts) {
            HttpResponse<String> js = get(src);
            assertEquals(200, js.statusCode(), src);
            assertTrue(js.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"), src);
        }
        HttpResponse<String> css = get(LEAFLET_CSS);
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
        assertEquals(200, get("/webjars/leaflet/1.9.4/dist/images/layers.png").statusCode(), "the images leaflet.css names");
    }

    @Test
    void geoJsonHasEveryPlaceWithTheTablesCoordinates() throws Exception {
        Map<String, JsonObject> features = features("en");
        Map<String, JsonObject> french = features("fr");
        int cities = 0;
        for (CSVRecord row : table("cities.csv")) {
            if (row.get("lat").isBlank()) continue;
            cities++;
            JsonObject f = features.get("city/" + row.get("id"));
            assertNotNull(f, "city " + row.get("id") + " is on the map");
            JsonObject geometry = f.get("geometry").getAsObject();
            assertEquals("Point", geometry.get("type").getAsString().value());
            JsonArray xy = geometry.get("coordinates").getAsArray();
            assertEquals(Double.parseDouble(row.get("lon")), number(xy.get(0)), 0, "longitude of " + row.get("id"));
            assertEquals(Double.parseDouble(row.get("lat")), number(xy.get(1)), 0, "latitude of " + row.get("id"));
            assertEquals(row.get("name_en"), f.get("properties").getAsObject().get("label").getAsString().value());
            assertEquals(row.get("name_fr"), french.get("city/" + row.get("id")).get("properties").getAsObject()
                    .get("label").getAsString().value());
        }
        assertTrue(cities > 0);
        WKTReader reader = new WKTReader();
        int countries = 0;
        for (CSVRecord row : table("country_geometries.csv")) {
            countries++;
            JsonObject f = features.get("country/" + row.get("country"));
            assertNotNull(f, "country " + row.get("country") + " is on the map");
            JsonObject geometry = f.get("geometry").getAsObject();
            assertEquals("MultiPolygon", geometry.get("type").getAsString().value());
            Coordinate[] expected = reader.read(row.get("outline_wkt")).getCoordinates();
            List<double[]> actual = new ArrayList<>();
            for (JsonValue polygon : geometry.get("coordinates").getAsArray()) {
                for (JsonValue ring : polygon.getAsArray()) {
                    for (JsonValue point : ring.getAsArray()) {
                        actual.add(new double[] {number(point.getAsArray().get(0)), number(point.getAsArray().get(1))});
                    }
                }
            }
            JsonArray point = f.get("properties").getAsObject().get("point").getAsArray();
            assertEquals(Double.parseDouble(row.get("point_lon")), number(point.get(0)), 0, "representative point of " + row.get("country"));
            assertEquals(Double.parseDouble(row.get("point_lat")), number(point.get(1)), 0, "representative point of " + row.get("country"));
            assertEquals(expected.length, actual.size(), "points of " + row.get("country"));
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i].x, actual.get(i)[0], 0, row.get("country") + " point " + i);
                assertEquals(expected[i].y, actual.get(i)[1], 0, row.get("country") + " point " + i);
            }
        }
        assertEquals(cities + countries, features.size(), "every place once, nothing else");
        // The tribunal's hearing in Paris is on Paris, with its years, and its link opens its page.
        JsonArray paris = features.get("city/paris").get("properties").getAsObject().get("milestones").getAsArray();
        JsonObject hearing = paris.stream().map(JsonValue::getAsObject)
                .filter(m -> m.get("label").getAsString().value().equals("Tribunal hearing in Paris")).findFirst().orElseThrow();
        assertEquals(1995, (int) number(hearing.get("first")));
        assertEquals(2000, (int) number(hearing.get("last")));
        String href = hearing.get("href").getAsString().value();
        assertEquals("/page/milestone/tribunal-hearing-paris?lang=en", href);
        assertEquals(200, get(href).statusCode());
        assertTrue(french.get("city/paris").get("properties").getAsObject().get("milestones").getAsArray().stream()
                .anyMatch(m -> m.getAsObject().get("label").getAsString().value().equals("Audience du Tribunal à Paris")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/page/country/france", "/page/city/paris", "/page/country/canada?lang=fr"})
    void placePagesCarryTheirMap(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertEquals(200, response.statusCode());
        Document page = Jsoup.parse(response.body(), SERVED.base() + path);
        Element map = page.getElementById("place-map");
        assertNotNull(map, path + " has a map");
        String place = path.substring("/page/".length()).replaceAll("\\?.*", "");
        assertEquals(place, map.attr("data-focus"));
        assertEquals("/map.geojson?lang=" + (path.endsWith("fr") ? "fr" : "en"), map.attr("data-src"));
        assertEquals(List.of("/search.js", LEAFLET, "/map.js"), page.select("script[src]").eachAttr("src"));
        assertNoInlineScriptOrStyle(page);
    }

    @Test
    void otherPagesHaveNoMap() throws Exception {
        Document page = Jsoup.parse(get("/page/organisation/ibcr").body());
        assertTrue(page.select("#place-map").isEmpty());
        assertTrue(page.select("script[src='/map.js']").isEmpty());
    }

    private static void assertNoInlineScriptOrStyle(Document page) {
        for (Element script : page.select("script")) {
            assertTrue(script.hasAttr("src") || script.attr("type").equals("application/ld+json"),
                    "an inline script: " + script.outerHtml());
        }
        assertTrue(page.select("style, [style]").isEmpty(), "an inline style");
    }

    private static Map<String, JsonObject> features(String lang) throws Exception {
        HttpResponse<String> response = get("/map.geojson?lang=" + lang);
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/geo+json"));
        JsonObject collection = JSON.parse(response.body());
        assertEquals("FeatureCollection", collection.get("type").getAsString().value());
        Map<String, JsonObject> byId = new HashMap<>();
        for (JsonValue f : collection.get("features").getAsArray()) {
            String id = f.getAsObject().get("id").getAsString().value();
            assertEquals(null, byId.put(id, f.getAsObject()), "twice: " + id);
        }
        return byId;
    }

    private static double number(JsonValue v) {
        return v.getAsNumber().value().doubleValue();
    }

    private static List<CSVRecord> table(String name) throws IOException {
        try (Reader in = Files.newBufferedReader(Path.of("data", name), StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(SERVED.base() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
