package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonString;
import org.apache.jena.fuseki.main.FusekiServer;
import org.ibcr.kg.publish.ExampleQuery;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.store.TdbStore;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The query page, {@code /query}, as a reader uses it without a browser: the form (a GET to the page itself) with the
 * site's navigation in English and French, the answer as an HTML table whose IRIs lead to our pages, the downloads
 * from the endpoint in CSV, TSV and JSON (Turtle, N-Triples, JSON-LD for a graph), errors in the page with the right
 * status, the endpoint's time limit, every example of {@code queries/} run on the page, and the "query this
 * resource" link of a resource page.
 */
class QueryPageTest {
    private static final String PARIS = "https://w3id.org/ibcr/id/city/paris";
    private static final String CITIES = "PREFIX ibcr: <https://w3id.org/ibcr/ontology#>\n"
            + "SELECT ?city ?label WHERE { ?city a ibcr:City ; <http://www.w3.org/2000/01/rdf-schema#label> ?label "
            + "FILTER(lang(?label) = 'en') } ORDER BY ?label";

    private static TdbStore store;
    private static FusekiServer server;
    private static String base;
    private static HttpClient http;
    private static List<ExampleQuery> examples;

    @BeforeAll
    static void start() throws IOException {
        store = BundledStore.open();
        examples = ExampleQuery.fromFolder(Path.of("queries"));
        server = IbcrServer.create().port(0).dataset(store.dataset()).examples(examples).queryTimeout(Duration.ofSeconds(2)).build().start();
        base = "http://127.0.0.1:" + server.getHttpPort();
        http = BundledStore.client(HttpClient.Redirect.NEVER);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.stop();
        if (store != null) store.close();
    }

    @Test
    void theFormIsAPageOfTheSiteInBothLanguages() throws Exception {
        Document en = page("/query", 200);
        assertEquals("en", en.selectFirst("html").attr("lang"));
        assertEquals("SPARQL query", en.selectFirst("h1").text());
        Element form = en.getElementById("query-form");
        assertNotNull(form, "the query form");
        assertEquals("get", form.attr("method"));
        assertEquals("/query", form.attr("action"));
        assertEquals(examples.get(0).text().strip(), form.selectFirst("textarea#query").wholeText().strip(), "the first example is in the editor");
        assertNotNull(en.selectFirst("header nav a[href=/timeline]"), "the site's navigation");
        assertEquals(examples.size(), en.select("div.example").size(), "one example per file of queries/");
        assertTrue(en.select("style").isEmpty(), "no inline style: the page's CSS is /site.css");
        assertTrue(en.select("script:not([src])").isEmpty(), "no inline script");

        Document fr = page("/query?lang=fr", 200);
        assertEquals("fr", fr.selectFirst("html").attr("lang"));
        assertEquals("Requête SPARQL", fr.selectFirst("h1").text());
        assertEquals("Exécuter la requête", fr.getElementById("query-run").text());
        assertEquals("fr", fr.selectFirst("#query-form input[name=lang]").attr("value"), "a run keeps the chosen language");
        assertTrue(fr.selectFirst("a.run").attr("href").endsWith("&lang=fr"), "the examples run in French");
    }

    @Test
    void theEditorsFilesAreServedFromTheJar() throws Exception {
        Document doc = page("/query", 200);
        List<String> files = new java.util.ArrayList<>();
        doc.select("script[src]").forEach(s -> files.add(s.attr("src")));
        doc.select("link[rel=stylesheet]").forEach(s -> files.add(s.attr("href")));
        assertTrue(files.stream().anyMatch(f -> f.matches("/webjars/codemirror/[0-9.]+/mode/sparql/sparql\\.js")), files.toString());
        assertTrue(files.contains("/query.js"), files.toString());
        for (String file : files) assertEquals(200, get(file).statusCode(), file);
        Element area = doc.selectFirst("textarea#query");
        assertEquals("https://w3id.org/ibcr/ontology#", JSON.parseAny(area.attr("data-prefixes")).getAsObject().getString("ibcr"),
                "the prefixes for completion");
        assertTrue(JSON.parseAny(area.attr("data-terms")).getAsArray().contains(new JsonString("ibcr:Milestone")), "the ontology's terms for completion");
    }

    @Test
    void aSelectAnswersATableWhoseIrisLeadToOurPages() throws Exception {
        Document doc = page("/query?query=" + encode(CITIES), 200);
        assertEquals(List.of("?city", "?label"), doc.select("table.results th").eachText());
        Element paris = doc.selectFirst("table.results a[href=/page/city/paris]");
        assertNotNull(paris, "Paris links to its page");
        assertEquals("id:city/paris", paris.text(), "an IRI by its prefixed name");
        assertEquals(200, get(paris.attr("href")).statusCode());
        assertTrue(doc.selectFirst("table.results").text().contains("Paris @en"), "a literal with its language");
        assertEquals("en", doc.selectFirst("table.results span:containsOwn(Paris)").attr("lang"), "marked in the page as English");
        assertEquals(CITIES, doc.selectFirst("textarea#query").wholeText().strip(), "the query stays in the editor");
        int rows = doc.select("table.results tbody tr").size();
        assertTrue(doc.selectFirst(".query-count").text().startsWith(rows + " rows"), doc.selectFirst(".query-count").text());

        // The downloads: the same rows from the endpoint, in each format.
        for (String[] d : new String[][] {{"CSV", "text/csv"}, {"TSV", "text/tab-separated-values"}, {"JSON", "application/sparql-results+json"}}) {
            Element link = doc.selectFirst(".query-downloads a:containsOwn(" + d[0] + ")");
            assertNotNull(link, d[0]);
            HttpResponse<String> file = get(link.attr("href"));
            assertEquals(200, file.statusCode(), d[0]);
            assertTrue(file.headers().firstValue("Content-Type").orElse("").startsWith(d[1]), d[0] + ": " + file.headers().map());
            assertTrue(file.body().contains(PARIS), d[0] + " holds Paris");
            if (!d[0].equals("JSON")) assertEquals(rows + 1, file.body().strip().split("\r?\n").length, d[0] + ": a header and every row");
        }
    }

    @Test
    void askAndConstructAnswerToo() throws Exception {
        Document ask = page("/query?query=" + encode("ASK { <" + PARIS + "> ?p ?o }"), 200);
        assertEquals("Yes (true)", ask.selectFirst(".query-answer").text());
        Document askFr = page("/query?lang=fr&query=" + encode("ASK { <urn:x:nothing> ?p ?o }"), 200);
        assertEquals("Non (false)", askFr.selectFirst(".query-answer").text());

        Document graph = page("/query?query=" + encode("CONSTRUCT { <" + PARIS + "> ?p ?o } WHERE { <" + PARIS + "> ?p ?o }"), 200);
        assertEquals(List.of("?subject", "?predicate", "?object"), graph.select("table.results th").eachText());
        assertFalse(graph.select("table.results tbody tr").isEmpty());
        for (String[] d : new String[][] {{"Turtle", "text/turtle"}, {"N-Triples", "application/n-triples"}, {"JSON-LD", "application/ld+json"}}) {
            Element link = graph.selectFirst(".query-downloads a:containsOwn(" + d[0] + ")");
            assertNotNull(link, d[0]);
            HttpResponse<String> file = get(link.attr("href"));
            assertEquals(200, file.statusCode(), d[0]);
            assertTrue(file.headers().firstValue("Content-Type").orElse("").startsWith(d[1]), d[0] + ": " + file.headers().map());
        }
        Document describe = page("/query?query=" + encode("DESCRIBE <" + PARIS + ">"), 200);
        assertNotNull(describe.selectFirst("table.results a[href=/page/city/paris]"));
    }

    @Test
    void aSyntaxErrorIsShownInThePageWithTheQueryKept() throws Exception {
        String bad = "SELECT ?x WHERE { ?x ?y }";
        Document en = page("/query?query=" + encode(bad), 400);
        Element error = en.getElementById("query-error");
        assertNotNull(error, "the error is in the page");
        assertTrue(error.text().contains("not valid SPARQL") && error.text().contains("line 1"), error.text());
        assertEquals(bad, en.selectFirst("textarea#query").wholeText().strip(), "the query stays to be fixed");
        assertNotNull(en.selectFirst("header nav"), "with the site's navigation");
        Document fr = page("/query?lang=fr&query=" + encode(bad), 400);
        assertTrue(fr.getElementById("query-error").text().contains("pas du SPARQL valide"), fr.getElementById("query-error").text());
        Document service = page("/query?query=" + encode("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"), 400);
        assertNotNull(service.getElementById("query-error"), "SERVICE is refused as at the endpoint");
    }

    @Test
    void aQueryOverTheEndpointsTimeLimitIsStopped() throws Exception {
        String heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
        long start = System.nanoTime();
        Document doc = page("/query?query=" + encode(heavy), 503);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 30, "stopped near its limit");
        assertTrue(doc.getElementById("query-error").text().contains("stopped after 2 seconds"), doc.getElementById("query-error").text());
        assertEquals(200, get("/query").statusCode(), "the server keeps serving");
    }

    @Test
    void aTooLongQueryIsRefused() throws Exception {
        String longQuery = "SELECT * WHERE { ?s ?p ?o } #" + "x".repeat(20_000);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/query?query=" + encode(longQuery))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() == 414 || response.statusCode() == 431, "status " + response.statusCode());
    }

    @Test
    void everyExampleRunsOnThePage() throws Exception {
        for (ExampleQuery q : examples) {
            Document doc = page("/query?query=" + encode(q.text()), 200);
            assertNotNull(doc.getElementById("query-result"), q.name());
            assertTrue(doc.getElementById("query-error") == null, q.name());
        }
        // The example's own link runs it here.
        Document list = page("/query", 200);
        String run = list.selectFirst("div.example a.run").attr("href");
        assertTrue(run.startsWith("/query?query="), run);
        assertNotNull(page(run, 200).getElementById("query-result"));
    }

    @Test
    void aResourcePageOpensItsNeighbourhoodInTheQueryPage() throws Exception {
        for (String lang : List.of("en", "fr")) {
            Document resource = page("/page/city/paris?lang=" + lang, 200);
            Element link = resource.selectFirst("a.query-this");
            assertNotNull(link, "the query link");
            Document doc = page(link.attr("href"), 200);
            assertEquals(lang, doc.selectFirst("html").attr("lang"));
            assertTrue(doc.selectFirst("textarea#query").wholeText().contains("<" + PARIS + ">"), "the resource's query is in the editor");
            assertFalse(doc.select("table.results tbody tr").isEmpty(), "what Paris states and what points to it");
            assertTrue(doc.select("table.results a").stream().anyMatch(a -> a.attr("href").startsWith("/page/milestone/")),
                    "a milestone that took place in Paris, linked");
        }
    }

    private static Document page(String path, int status) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        assertEquals(status, response.statusCode(), path + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), path);
        return Jsoup.parse(response.body());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
