package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.ibcr.kg.pipeline.BuiltGraph;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The timeline ({@code /timeline}) and network ({@code /graph}) pages and the WebJars they load
 * ({@code /webjars/...}), over real HTTP against a server built as {@code ibcr-kg serve} builds it: the timeline
 * lists every milestone of the data with its years, participants and places, in English and French; the network
 * page loads Cytoscape.js from this server and our script from a file, and says what it is without JavaScript;
 * the WebJar files come with their type and an ETag, and no path leaves them.
 */
class GraphPagesTest {
    @RegisterExtension
    static final ServedBundle SERVED = ServedBundle.create();

    private static final String CYTOSCAPE = "/webjars/cytoscape/3.33.1/dist/cytoscape.min.js";
    private static final String PREFIXES = "PREFIX ibcr: <https://w3id.org/ibcr/ontology#>\n"
            + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n";
    /** A timeline bar's style: where it starts and how wide it is, in % of the axis. */
    private static final Pattern STYLE = Pattern.compile("left: ([0-9.]+)%; width: ([0-9.]+)%");

    private static BuiltGraph built;
    private static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        built = SERVED.built();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    // ---- the milestones as the data has them

    /** A milestone of the data: its labels and the bounds of its years. */
    record Milestone(String slug, String en, String fr, Integer start, Integer end, Integer notBefore, Integer notAfter) {
        /** The years as the pages say them, worked out here from the data and the words of each language. */
        String years(String lang) {
            boolean fr = lang.equals("fr");
            if (start != null && end != null) return start.equals(end) ? start.toString() : start + "–" + end;
            if (start != null) return (fr ? "depuis " : "from ") + start;
            if (end != null) return (fr ? "jusqu'en " : "until ") + end;
            List<String> bounds = new ArrayList<>();
            if (notBefore != null) bounds.add((fr ? "pas avant " : "not before ") + notBefore);
            if (notAfter != null) bounds.add((fr ? "pas après " : "not after ") + notAfter);
            return bounds.isEmpty() ? (fr ? "Sans date" : "Undated") : String.join(", ", bounds);
        }

        int firstYear() {
            return start != null ? start : notBefore != null ? notBefore : notAfter != null ? notAfter : 0;
        }

        String label(String lang) {
            return lang.equals("fr") && fr != null ? fr : en;
        }
    }

    private static List<QuerySolution> select(String query) {
        List<QuerySolution> rows = new ArrayList<>();
        try (QueryExecution qe = QueryExecution.create(PREFIXES + query, built.queryDataset())) {
            qe.execSelect().forEachRemaining(rows::add);
        }
        return rows;
    }

    private static String slug(QuerySolution row, String var) {
        String iri = row.getResource(var).getURI();
        return iri.substring(iri.lastIndexOf('/') + 1);
    }

    private static String path(QuerySolution row, String var) {
        return "/page/" + row.getResource(var).getURI().substring("https://w3id.org/ibcr/id/".length());
    }

    private static Integer intOrNull(QuerySolution row, String var) {
        return row.contains(var) ? Integer.valueOf(row.getLiteral(var).getLexicalForm()) : null;
    }

    private static Map<String, Milestone> milestones() {
        Map<String, Milestone> map = new TreeMap<>();
        for (QuerySolution row : select("SELECT ?m ?en ?fr ?s ?e ?nb ?na { ?m a ibcr:Milestone ; rdfs:label ?en FILTER(lang(?en) = 'en') "
                + "OPTIONAL { ?m rdfs:label ?fr FILTER(lang(?fr) = 'fr') } OPTIONAL { ?m ibcr:startYear ?s } OPTIONAL { ?m ibcr:endYear ?e } "
                + "OPTIONAL { ?m ibcr:notBefore ?nb } OPTIONAL { ?m ibcr:notAfter ?na } }")) {
            map.put(slug(row, "m"), new Milestone(slug(row, "m"), row.getLiteral("en").getLexicalForm(),
                    row.contains("fr") ? row.getLiteral("fr").getLexicalForm() : null,
                    intOrNull(row, "s"), intOrNull(row, "e"), intOrNull(row, "nb"), intOrNull(row, "na")));
        }
        assertTrue(map.size() > 20, "the data has its milestones: " + map.keySet());
        return map;
    }

    /** For each milestone, the page paths of its participants (agents) and of its places. */
    private static Map<String, Set<String>> linked(String query) {
        Map<String, Set<String>> map = new HashMap<>();
        for (QuerySolution row : select(query)) map.computeIfAbsent(slug(row, "m"), k -> new TreeSet<>()).add(path(row, "x"));
        return map;
    }

    // ---- /timeline

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "fr"})
    void timelineListsEveryMilestoneWithItsYearsActorsAndPlaces(String lang) throws Exception {
        HttpResponse<String> response = get("/timeline?lang=" + lang);
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").matches("text/html; ?charset=utf-8"), "an HTML page");
        assertEquals(lang, response.headers().firstValue("Content-Language").orElse(""));
        String html = response.body();
        assertTrue(html.contains("<html lang=\"" + lang + "\">"), "the page is in " + lang);
        assertTrue(html.contains("<h1>" + (lang.equals("fr") ? "Chronologie" : "Timeline") + "</h1>"), "the title in " + lang);
        assertFalse(html.contains("{{") || html.contains("}}"), "a template marker is left");
        // The timeline needs no script: the only one is the search box's (suggestions), which works without it.
        assertEquals(List.of("<script src=\"/search.js\" defer></script>"),
                java.util.regex.Pattern.compile("<script[^>]*>[^<]*</script>").matcher(html).results().map(m -> m.group()).toList(),
                "the timeline needs no script");

        Map<String, Milestone> expected = milestones();
        Map<String, Set<String>> agents = linked("SELECT ?m ?x { ?m ibcr:qualifiedParticipation/ibcr:agent ?x }");
        Map<String, Set<String>> places = linked("SELECT ?m ?x { ?m a ibcr:Milestone ; ibcr:location ?x }");
        assertFalse(agents.isEmpty(), "the data has participants");
        assertFalse(places.isEmpty(), "the data has places");

        Map<String, Element> items = new LinkedHashMap<>();
        for (Element li : Jsoup.parse(html).select("li.milestone")) assertNotNullAndPut(items, li.id(), li);
        assertEquals(expected.keySet(), new TreeSet<>(items.keySet()), "every milestone of the data, once, and nothing else");

        String langQuery = "?lang=" + lang;
        int previous = Integer.MIN_VALUE;
        Set<String> pages = new HashSet<>();
        for (var item : items.entrySet()) {
            Milestone m = expected.get(item.getKey());
            Element body = item.getValue();
            Element title = body.selectFirst("h2 > a");
            Element when = body.selectFirst("h2 > span.when");
            assertTrue(title != null && when != null, m.slug() + ": no title with its link and years: " + body);
            assertEquals("/page/milestone/" + m.slug() + langQuery, title.attr("href"), m.slug() + ": the link to its page");
            assertEquals(m.label(lang), title.text(), m.slug() + ": the label in " + lang);
            assertEquals(m.years(lang), when.text(), m.slug() + ": the years in " + lang);
            assertTrue(m.firstYear() >= previous, m.slug() + ": out of order (" + m.firstYear() + " after " + previous + ")");
            previous = m.firstYear();

            Set<String> links = new HashSet<>(body.select("[href]").eachAttr("href"));
            for (String agent : agents.getOrDefault(m.slug(), Set.of())) {
                assertTrue(links.contains(agent + langQuery), m.slug() + ": participant " + agent + " is not linked: " + links);
            }
            for (String place : places.getOrDefault(m.slug(), Set.of())) {
                assertTrue(links.contains(place + langQuery), m.slug() + ": place " + place + " is not linked: " + links);
            }
            if (agents.containsKey(m.slug())) {
                assertFalse(body.select(".role").isEmpty(), m.slug() + ": the participants' roles are not given");
            }
            pages.addAll(links);

            Element span = body.selectFirst("span.span");
            assertNotNull(span, m.slug() + ": its years are not drawn");
            double[] bar = leftAndWidth(span);
            double left = bar[0];
            double width = bar[1];
            assertTrue(left >= 0 && width > 0 && left + width <= 100.001, m.slug() + ": the bar leaves the axis: " + left + " + " + width);
            String shape = span.className().substring("span ".length());
            if (m.start() != null && m.start().equals(m.end())) assertEquals("single", shape, m.slug() + ": one year is a dot");
            if (m.start() != null && m.end() != null && !m.start().equals(m.end())) assertEquals("range", shape, m.slug());
            if (m.start() != null && m.end() == null) assertTrue(shape.contains("open-end"), m.slug() + ": an open range runs to the present");
            if (m.start() == null && m.notBefore() != null && m.notAfter() != null) assertEquals("uncertain", shape, m.slug());
        }
        // Every link of the milestones leads to a page.
        for (String page : pages) assertEquals(200, get(page).statusCode(), page);
    }

    /** The left offset and width (in %) of a bar's {@code style}. */
    private static double[] leftAndWidth(Element span) {
        Matcher style = STYLE.matcher(span.attr("style"));
        assertTrue(style.matches(), "the bar's style: " + span.attr("style"));
        return new double[] {Double.parseDouble(style.group(1)), Double.parseDouble(style.group(2))};
    }

    private static void assertNotNullAndPut(Map<String, Element> items, String id, Element body) {
        assertFalse(id.isEmpty(), "a milestone without id: " + body);
        assertFalse(items.containsKey(id), "milestone " + id + " is listed twice");
        items.put(id, body);
    }

    @Test
    void timelineDrawsYearsOnOneAxis() throws Exception {
        String html = get("/timeline").body();
        Map<String, Milestone> milestones = milestones();
        int first = milestones.values().stream().mapToInt(m -> m.firstYear()).min().orElseThrow();
        assertTrue(html.contains("data-first=\"" + first + "\""), "the axis starts at the first year " + first);
        Document doc = Jsoup.parse(html);
        Element axis = doc.selectFirst("[data-last]");
        assertNotNull(axis, "the axis says its last year");
        int present = Integer.parseInt(axis.attr("data-last"));
        int years = present - first + 1;
        // The International Tribunal (1995–2000) covers six years from the start of the axis.
        Element tribunal = doc.selectFirst("#international-tribunal span.span");
        assertNotNull(tribunal, "the International Tribunal's bar");
        assertArrayEquals(new double[] {100.0 * (1995 - first) / years, 600.0 / years}, leftAndWidth(tribunal), 0.01);
        // Accept-Language chooses French when the address does not, and the links then carry no ?lang=.
        HttpResponse<String> french = send(HttpRequest.newBuilder(URI.create(SERVED.base() + "/timeline")).header("Accept-Language", "fr-CA,fr;q=0.9").GET().build());
        assertTrue(french.body().contains("<h1>Chronologie</h1>"), "Accept-Language: fr gives the French page");
        assertTrue(french.body().contains("href=\"/page/milestone/international-tribunal\""));
        // ETag and 304.
        HttpResponse<String> first200 = get("/timeline?lang=fr");
        String etag = first200.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = send(HttpRequest.newBuilder(URI.create(SERVED.base() + "/timeline?lang=fr")).header("If-None-Match", etag).GET().build());
        assertEquals(304, again.statusCode());
        assertEquals(400, get("/timeline?lang=de").statusCode(), "an unknown language");
    }

    @Test
    void homeAndNavBarLinkTheTimelineAndTheNetwork() throws Exception {
        for (String lang : List.of("en", "fr")) {
            String home = get("/?lang=" + lang).body();
            assertTrue(home.contains("href=\"/timeline?lang&#61;" + lang + "\"") || home.contains("href=\"/timeline?lang=" + lang + "\""),
                    "the home page links the timeline (" + lang + ")");
            assertTrue(home.contains("href=\"/graph?lang&#61;" + lang + "\"") || home.contains("href=\"/graph?lang=" + lang + "\""),
                    "the home page links the network (" + lang + ")");
            assertTrue(home.contains(lang.equals("fr") ? ">Réseau des acteurs<" : ">Network of actors<"), "the nav bar names the network in " + lang);
        }
        String page = get("/page/organisation/ibcr").body();
        assertTrue(page.contains("<a href=\"/timeline\">Timeline</a>"), "a resource page's nav bar links the timeline");
        assertTrue(page.contains("<a href=\"/graph\">Network of actors</a>"), "a resource page's nav bar links the network");
    }

    // ---- /graph and /graph.js

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "fr"})
    void graphPageLoadsCytoscapeFromThisServerAndWorksWithoutScript(String lang) throws Exception {
        HttpResponse<String> response = get("/graph?lang=" + lang);
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").matches("text/html; ?charset=utf-8"), "an HTML page");
        String html = response.body();
        assertTrue(html.contains("<script src=\"" + CYTOSCAPE + "\" defer></script>"), "Cytoscape.js from this server's WebJar");
        assertTrue(html.contains("<script src=\"/graph.js\" defer></script>"), "our script from its own file");
        Document doc = Jsoup.parse(html);
        assertTrue(doc.select("script:not([src])").isEmpty(), "no inline script");
        assertTrue(doc.getAllElements().stream().flatMap(e -> e.attributes().asList().stream())
                .noneMatch(a -> a.getKey().toLowerCase(Locale.ROOT).startsWith("on")), "no inline event handler");
        assertFalse(html.contains("//cdn") || html.contains("unpkg") || html.contains("jsdelivr"), "no CDN");
        assertTrue(html.contains("data-src=\"/graph/actors.json?lang&#61;" + lang + "\"") || html.contains("data-src=\"/graph/actors.json?lang=" + lang + "\""),
                "the data of the actors view in the page's language");
        assertTrue(html.contains("data-canonical-base=\"https://w3id.org/ibcr/\""), "the canonical base, to map IRIs to pages");
        assertTrue(html.contains("data-page-base=\"/page/\""));
        assertTrue(html.contains("<h1>" + (lang.equals("fr") ? "Réseau des acteurs" : "Network of actors") + "</h1>"));
        // Without JavaScript: a note, what the page is, and the exports.
        Element noscript = doc.selectFirst("noscript");
        assertNotNull(noscript, "a <noscript> note");
        assertTrue(noscript.text().contains("JavaScript"));
        for (String view : List.of("actors", "full", "geography")) {
            for (String file : List.of(".graphml", ".gexf", ".json", "-nodes.csv", "-edges.csv", ".dot")) {
                assertTrue(html.contains("href=\"/graph/" + view + file + "?lang&#61;" + lang + "\""), "an export link to " + view + file);
            }
        }
        // Every export the page links answers (the files are GraphExportRoute's).
        int exports = 0;
        for (String href : doc.select("[href^=/graph/]").eachAttr("href")) {
            HttpResponse<String> file = get(href);
            assertEquals(200, file.statusCode(), href);
            exports++;
        }
        assertEquals(18, exports, "three views, six files each");
        HttpResponse<String> data = get("/graph/actors.json?lang=" + lang);
        assertEquals(200, data.statusCode(), "the data the page draws");
        assertTrue(data.body().contains("\"elements\""), "Cytoscape.js elements");
        assertTrue(html.contains("id=\"year-from\"") && html.contains("id=\"year-to\""), "the year sliders");
        assertTrue(html.contains("<select id=\"role\""), "the role filter");
        for (QuerySolution role : select("SELECT DISTINCT ?r { ?p ibcr:role ?r }")) {
            assertTrue(html.contains("<option value=\"" + slug(role, "r") + "\">"), "role " + slug(role, "r") + " in the filter");
        }
        assertTrue(html.contains("type=\"search\""), "the search box");
    }

    @Test
    void graphScriptIsServedAsJavaScript() throws Exception {
        HttpResponse<String> js = get("/graph.js");
        assertEquals(200, js.statusCode());
        assertTrue(js.headers().firstValue("Content-Type").orElse("").matches("(text|application)/javascript(;.*)?"),
                js.headers().firstValue("Content-Type").orElse(""));
        assertTrue(js.body().contains("window.ibcrGraph"), "the script exposes the graph");
        assertTrue(js.headers().firstValue("ETag").isPresent());
    }

    // ---- /webjars/

    @Test
    void cytoscapeComesFromItsWebJar() throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(SERVED.base() + CYTOSCAPE)).GET().build(), BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.matches("(application|text)/javascript(;.*)?"), "Content-Type " + type);
        byte[] jar;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/resources/webjars/cytoscape/3.33.1/dist/cytoscape.min.js")) {
            assertNotNull(in, "the WebJar is on the classpath");
            jar = in.readAllBytes();
        }
        assertArrayEquals(jar, response.body(), "the file of the jar, byte for byte");
        String etag = response.headers().firstValue("ETag").orElseThrow();
        assertTrue(response.headers().firstValue("Cache-Control").orElse("").contains("max-age="), "cached");
        HttpResponse<String> again = send(HttpRequest.newBuilder(URI.create(SERVED.base() + CYTOSCAPE)).header("If-None-Match", etag).GET().build());
        assertEquals(304, again.statusCode(), "304 for the same ETag");
        assertEquals(404, get("/webjars/cytoscape/3.33.1/dist/nothing.js").statusCode());
        assertEquals(404, get("/webjars/").statusCode(), "no listing");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/webjars/../../etc/passwd", "/webjars/%2e%2e/%2e%2e/pom.xml", "/webjars/%2E%2E/%2E%2E/pom.xml",
            "/webjars/cytoscape/3.33.1/../../../../pom.xml", "/webjars/cytoscape/..%2f..%2f..%2fpom.xml", "/webjars/..%5c..%5cpom.xml",
            "/webjars/cytoscape/3.33.1/dist/%2e%2e/package.json", "/webjars/./cytoscape/3.33.1/package.json",
            "/webjars//etc/passwd", "/webjars/%252e%252e/pom.xml", "/webjars/cytoscape/3.33.1/.nvmrc",
            "/webjars/cytoscape/3.33.1/playwright-page/index.html", "/webjars/cytoscape/3.33.1/dist"})
    void webjarsRefuseEveryOtherPath(String path) throws Exception {
        String[] raw = rawGet(path);
        int status = Integer.parseInt(raw[0]);
        assertTrue(status == 400 || status == 404, path + " gives " + status);
        assertFalse(raw[1].contains("<project") || raw[1].contains("root:") || raw[1].contains("\"name\": \"cytoscape\""),
                path + " leaks a file: " + raw[1]);
    }

    // ---- helpers

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(SERVED.base() + path)).timeout(Duration.ofSeconds(60)).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Sends the path exactly as written (no client normalises it) and gives the status and the body. */
    private static String[] rawGet(String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", SERVED.server().getHttpPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher status = Pattern.compile("^HTTP/1\\.1 (\\d{3})").matcher(response);
            assertTrue(status.find(), path + ": not an HTTP response: " + response);
            return new String[] {status.group(1), response};
        }
    }

}
