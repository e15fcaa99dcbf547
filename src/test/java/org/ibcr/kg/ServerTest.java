package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetRewindable;
import org.apache.jena.query.ResultSetFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.resultset.ResultsReader;
import org.apache.jena.sparql.resultset.SPARQLResult;
import org.apache.jena.sparql.util.IsoMatcher;
import org.ibcr.kg.pipeline.BuiltGraph;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.publish.ExampleQuery;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.store.TdbStore;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The server as a user meets it: a real embedded Fuseki on a free port, built the way {@code ibcr-kg serve}
 * builds it (the data folder converted into an in-memory TDB2 database, the examples of {@code queries/}),
 * spoken to over HTTP with {@link HttpClient}. The example queries must give the same answers as the
 * in-memory run of {@link QueriesTest}; result formats, the Graph Store Protocol, the query timeout, access
 * control on updates, the operations endpoints, gzip, CORS and the query page are checked on the wire.
 */
class ServerTest {
    private static final Path QUERIES = Path.of("queries");
    private static final Path EXPECTED = Path.of("src", "test", "resources", "queries");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final String RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
    private static final String COUNT_QUADS = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }";
    private static final String MARKER = "ASK { <urn:x-test:s> ?p ?o }";
    // Into a named graph: the default graph of queries is the union of the named graphs, and a triple written
    // to the stored default graph would not be part of it.
    private static final String INSERT = "INSERT DATA { GRAPH <urn:x-test:inserted> { <urn:x-test:s> <urn:x-test:p> \"inserted\" } }";
    private static final String TEST_GRAPH = "urn:x-test:graph";
    private static final String TEST_GRAPH_ASK = "ASK { GRAPH <" + TEST_GRAPH + "> { ?s ?p ?o } }";
    private static final String TURTLE = "<urn:x-test:a> <urn:x-test:b> \"put\" .\n";

    private static BuiltGraph built;
    private static TdbStore store;
    private static List<ExampleQuery> examples;
    private static FusekiServer server;
    private static String base;
    private static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        built = GraphBuild.from(CsvHistory.open(Path.of("data"))).build();
        store = filledStore();
        examples = ExampleQuery.fromFolder(QUERIES);
        server = IbcrServer.create().port(0).dataset(store.dataset()).examples(examples).build().start();
        base = baseOf(server);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.stop();
        if (store != null) store.close();
    }

    // 1. Every example query: the same answer over HTTP as in memory.

    @TestFactory
    Stream<DynamicTest> everyExampleGivesItsExpectedAnswerOverHttp() throws IOException {
        List<Path> files = queryFiles();
        assertFalse(files.isEmpty(), "no .rq files in " + QUERIES.toAbsolutePath());
        return files.stream().flatMap(file -> Stream.of(
                DynamicTest.dynamicTest("POST " + file.getFileName(), () -> checkExample(file, true)),
                DynamicTest.dynamicTest("GET " + file.getFileName(), () -> checkExample(file, false))));
    }

    private static void checkExample(Path file, boolean post) throws IOException, InterruptedException {
        String name = file.getFileName().toString();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Path expectedFile = EXPECTED.resolve(name.substring(0, name.length() - ".rq".length()) + ".csv");
        assertTrue(Files.isRegularFile(expectedFile), name + " has no expected answer " + expectedFile);
        String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
        Query query = QueryFactory.create(text);
        if (query.isSelectType()) {
            HttpResponse<String> response = post ? postQuery(text, "text/csv") : getQuery(text, "text/csv");
            assertStatus(200, response, name);
            assertEquals("text/csv", mediaType(response), name);
            assertEquals(normalise(expected), normalise(response.body()), name + " over HTTP against " + expectedFile);
        } else if (query.isAskType()) {
            HttpResponse<String> response = post ? postQuery(text, "application/sparql-results+json")
                    : getQuery(text, "application/sparql-results+json");
            assertStatus(200, response, name);
            SPARQLResult result = ResultsReader.create().lang(ResultSetLang.RS_JSON).build().readAny(in(response.body()));
            assertTrue(result.isBoolean(), name + ": an ASK gives a boolean: " + response.body());
            assertEquals(normalise(expected), normalise(Boolean.toString(result.getBooleanResult())), name);
        } else {
            fail(name + ": only SELECT and ASK examples have an expected answer");
        }
    }

    // 2. Result formats by Accept.

    @Test
    void selectResultsInEveryFormatByAccept() throws Exception {
        String text = Files.readString(QUERIES.resolve("01-timeline.rq"), StandardCharsets.UTF_8);
        ResultSetRewindable local;
        try (QueryExecution exec = QueryExecution.create(QueryFactory.create(text), built.queryDataset())) {
            local = ResultSetFactory.makeRewindable(exec.execSelect());
        }
        Map<String, Lang> formats = new LinkedHashMap<>();
        formats.put("application/sparql-results+json", ResultSetLang.RS_JSON);
        formats.put("application/sparql-results+xml", ResultSetLang.RS_XML);
        formats.put("text/tab-separated-values", ResultSetLang.RS_TSV);
        for (var format : formats.entrySet()) {
            HttpResponse<String> response = postQuery(text, format.getKey());
            assertStatus(200, response, format.getKey());
            assertEquals(format.getKey(), mediaType(response), "Content-Type for Accept " + format.getKey());
            ResultSetRewindable remote = ResultSetFactory.makeRewindable(ResultSetMgr.read(in(response.body()), format.getValue()));
            assertEquals(local.getResultVars(), remote.getResultVars(), format.getKey());
            assertEquals(local.size(), remote.size(), format.getKey() + ": rows");
            assertTrue(remote.size() > 0, format.getKey() + ": no rows");
        }
        HttpResponse<String> csv = postQuery(text, "text/csv");
        assertStatus(200, csv, "text/csv");
        assertEquals("text/csv", mediaType(csv));
        List<String> lines = normalise(csv.body()).lines().toList();
        assertEquals(String.join(",", local.getResultVars()), lines.get(0), "CSV header");
        assertEquals(local.size(), lines.size() - 1, "CSV rows");
    }

    @Test
    void constructAsTurtleAndJsonLd() throws Exception {
        Node description = built.iris().descriptionGraph();
        String construct = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <" + description.getURI() + "> { ?s ?p ?o } }";
        Graph expected = built.dataset().getGraph(description);
        assertFalse(expected.isEmpty());
        for (var format : Map.of("text/turtle", Lang.TURTLE, "application/ld+json", Lang.JSONLD).entrySet()) {
            HttpResponse<String> response = postQuery(construct, format.getKey());
            assertStatus(200, response, format.getKey());
            assertEquals(format.getKey(), mediaType(response));
            Graph graph = GraphFactory.createDefaultGraph();
            RDFParser.fromString(response.body(), format.getValue()).parse(graph);
            assertTrue(IsoMatcher.isomorphic(expected, graph), format.getKey() + ": the CONSTRUCT differs from the description graph");
        }
    }

    // 3. Graph Store Protocol, read.

    @Test
    void graphStoreReadGivesEachNamedGraph() throws Exception {
        Map<String, Node> graphs = Map.of("data", built.iris().dataGraph(), "ontology", built.iris().ontologyGraph(),
                "description", built.iris().descriptionGraph());
        assertEquals("https://w3id.org/ibcr/graph/data", built.iris().dataGraph().getURI());
        for (var g : graphs.entrySet()) {
            HttpResponse<String> response = send(get("/ibcr/get?graph=" + encode(g.getValue().getURI()))
                    .header("Accept", "text/turtle").build());
            assertStatus(200, response, g.getKey());
            assertEquals("text/turtle", mediaType(response));
            Graph graph = GraphFactory.createDefaultGraph();
            RDFParser.fromString(response.body(), Lang.TURTLE).parse(graph);
            Graph expected = built.dataset().getGraph(g.getValue());
            assertFalse(expected.isEmpty(), g.getKey());
            assertEquals(expected.size(), graph.size(), g.getKey() + " graph: triples");
            assertTrue(IsoMatcher.isomorphic(expected, graph), g.getKey() + " graph over GSP differs from the built graph");
        }
        // As README.md says: over a TDB2 database (serve --tdb2, as here) the union is ?graph=urn:x-arq:UnionGraph, and
        // ?default is the database's own default graph, empty (ReadmeUrlsTest checks ?default over the in-memory store).
        Graph union = built.dataset().getUnionGraph();
        HttpResponse<String> response = send(get("/ibcr/get?graph=" + encode("urn:x-arq:UnionGraph")).header("Accept", "text/turtle").build());
        assertStatus(200, response, "the union graph");
        Graph graph = GraphFactory.createDefaultGraph();
        RDFParser.fromString(response.body(), Lang.TURTLE).parse(graph);
        assertEquals(union.size(), graph.size(), "urn:x-arq:UnionGraph: the triples of the union");
        assertTrue(IsoMatcher.isomorphic(union, graph), "urn:x-arq:UnionGraph is not the union of the named graphs");
        HttpResponse<String> own = send(get("/ibcr/get?default").header("Accept", "application/n-triples").build());
        assertStatus(200, own, "?default");
        assertTrue(own.body().isBlank(), "?default over TDB2 is the database's own default graph, empty: " + own.body().length());
        HttpResponse<String> names = postQuery("SELECT ?g { GRAPH ?g { } } ORDER BY ?g", "text/csv");
        assertStatus(200, names, "graph names");
        Set<String> listed = normalise(names.body()).lines().skip(1).collect(Collectors.toSet());
        assertEquals(graphs.values().stream().map(Node::getURI).collect(Collectors.toSet()), listed);
        HttpResponse<String> missing = send(get("/ibcr/get?graph=" + encode("https://w3id.org/ibcr/graph/nope")).build());
        assertEquals(404, missing.statusCode(), "an unknown graph");
    }

    // 4. The query timeout.

    @Test
    void runawayQueryIsCancelled() throws Exception {
        // Over the same database as the main server: its own timeout must not leak into the main server.
        FusekiServer quick = IbcrServer.create().port(0).dataset(store.dataset()).queryTimeout(Duration.ofSeconds(1)).build().start();
        try {
            String quickBase = baseOf(quick);
            long start = System.nanoTime();
            HttpResponse<String> response = send(post(quickBase + "/ibcr/sparql", "query", RUNAWAY)
                    .header("Accept", "application/sparql-results+json").build());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(503, response.statusCode(), () -> "a runaway query gets 503: " + response.statusCode() + " " + response.body());
            assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "cancelled only after " + took);
            HttpResponse<String> next = send(post(quickBase + "/ibcr/sparql", "query", "ASK { ?s ?p ?o }")
                    .header("Accept", "application/sparql-results+json").build());
            assertStatus(200, next, "a simple query after a cancelled one");
        } finally {
            quick.stop();
        }
        // The main server keeps its own (10 s) timeout: a 3 s protocol timeout is not cut to 1 s.
        long start = System.nanoTime();
        HttpResponse<String> response = send(form(base + "/ibcr/sparql", "query=" + encode(RUNAWAY) + "&timeout=3")
                .header("Accept", "application/sparql-results+json").build());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(503, response.statusCode(), () -> "a runaway query gets 503: " + response.body());
        assertTrue(took.compareTo(Duration.ofMillis(2500)) >= 0,
                "the main server cancelled after " + took + ": another server's 1 s timeout leaked into it");
    }

    // 5. Access control.

    @Test
    void readOnlyServerChangesNothing() throws Exception {
        long before = count(base, COUNT_QUADS);
        List<HttpRequest> writes = List.of(
                post(base + "/ibcr/update", "update", INSERT).build(),
                post(base + "/ibcr", "update", INSERT).build(),
                post(base + "/ibcr/sparql", "update", INSERT).build(),
                HttpRequest.newBuilder(URI.create(base + "/ibcr/update")).timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/sparql-update").POST(BodyPublishers.ofString(INSERT)).build(),
                put(base + "/ibcr/data?graph=" + encode(TEST_GRAPH)),
                put(base + "/ibcr/get?graph=" + encode(TEST_GRAPH)),
                put(base + "/ibcr?graph=" + encode(TEST_GRAPH)),
                HttpRequest.newBuilder(URI.create(base + "/ibcr?graph=" + encode(TEST_GRAPH))).timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "text/turtle").POST(BodyPublishers.ofString(TURTLE)).build(),
                HttpRequest.newBuilder(URI.create(base + "/ibcr/get?graph=" + encode(built.iris().dataGraph().getURI())))
                        .timeout(REQUEST_TIMEOUT).DELETE().build());
        for (HttpRequest write : writes) {
            String what = write.method() + " " + write.uri().getPath();
            HttpResponse<String> response;
            try {
                response = sendAlone(write);
            } catch (IOException e) {
                throw new AssertionError(what + ": no HTTP answer", e);
            }
            int status = response.statusCode();
            if (write.uri().getPath().equals("/ibcr/update") || write.uri().getPath().equals("/ibcr/data")) {
                assertTrue(status == 404 || status == 405, what + " on a read-only server: " + status + " " + response.body());
            } else {
                assertTrue(status >= 400 && status < 500, what + " on a read-only server: " + status + " " + response.body());
            }
        }
        assertFalse(ask(base, MARKER), "an update went through a read-only server");
        assertFalse(ask(base, TEST_GRAPH_ASK), "a graph was written on a read-only server");
        assertEquals(before, count(base, COUNT_QUADS), "the number of quads changed on a read-only server");
    }

    @Test
    void updatesNeedTheRightCredentials() throws Exception {
        Path passwd = Files.createTempFile("ibcr-passwd", ".txt");
        TdbStore own = filledStore();
        FusekiServer writable = null;
        try {
            Files.writeString(passwd, "admin: s3cret\n", StandardCharsets.UTF_8);
            writable = IbcrServer.create().port(0).dataset(own.dataset()).updatesFor(passwd).build().start();
            String url = baseOf(writable);
            long before = count(url, COUNT_QUADS);

            for (String credentials : new String[] {null, basic("admin", "wrong"), basic("nobody", "s3cret")}) {
                String who = credentials == null ? "without credentials" : "with wrong credentials";
                HttpResponse<String> update = sendAlone(withAuth(post(url + "/ibcr/update", "update", INSERT), credentials).build());
                assertEquals(401, update.statusCode(), "SPARQL Update " + who + ": " + update.body());
                HttpResponse<String> gsp = sendAlone(withAuth(putBuilder(url + "/ibcr/data?graph=" + encode(TEST_GRAPH)), credentials).build());
                assertEquals(401, gsp.statusCode(), "GSP PUT " + who + ": " + gsp.body());
                HttpResponse<String> delete = sendAlone(withAuth(HttpRequest.newBuilder(URI.create(url + "/ibcr/data?graph="
                        + encode(built.iris().dataGraph().getURI()))).timeout(REQUEST_TIMEOUT).DELETE(), credentials).build());
                assertEquals(401, delete.statusCode(), "GSP DELETE " + who + ": " + delete.body());
            }
            assertFalse(ask(url, MARKER), "an unauthenticated update went through");
            assertFalse(ask(url, TEST_GRAPH_ASK), "an unauthenticated GSP PUT went through");
            assertEquals(before, count(url, COUNT_QUADS), "quads changed without credentials");

            String admin = basic("admin", "s3cret");
            HttpResponse<String> update = send(withAuth(post(url + "/ibcr/update", "update", INSERT), admin).build());
            assertTrue(update.statusCode() / 100 == 2, "SPARQL Update with credentials: " + update.statusCode() + " " + update.body());
            assertTrue(ask(url, MARKER), "the update is not visible through /ibcr/sparql");
            HttpResponse<String> gsp = send(withAuth(putBuilder(url + "/ibcr/data?graph=" + encode(TEST_GRAPH)), admin).build());
            assertTrue(gsp.statusCode() / 100 == 2, "GSP PUT with credentials: " + gsp.statusCode() + " " + gsp.body());
            assertTrue(ask(url, TEST_GRAPH_ASK), "the PUT graph is not visible through /ibcr/sparql");
            assertTrue(ask(url, "ASK { <urn:x-test:a> <urn:x-test:b> \"put\" }"), "the PUT graph is not in the union default graph");
            assertEquals(before + 2, count(url, COUNT_QUADS), "one inserted triple and one PUT triple");

            // Reading still needs no credentials, and the main server's database was not touched.
            HttpResponse<String> read = send(get(url + "/ibcr/get?graph=" + encode(TEST_GRAPH)).header("Accept", "text/turtle").build());
            assertStatus(200, read, "GSP read without credentials");
            assertTrue(read.body().contains("urn:x-test:a"), read.body());
            assertStatus(200, send(get(url + queryPage(url)).build()), "query page without credentials");
            assertFalse(ask(base, MARKER), "the update server shares its database with the main one");
        } finally {
            if (writable != null) writable.stop();
            own.close();
            Files.deleteIfExists(passwd);
        }
    }

    // 6. Operations.

    @Test
    void operationsEndpoints() throws Exception {
        assertStatus(200, send(get("/$/ping").build()), "/$/ping");
        HttpResponse<String> stats = send(get("/$/stats").build());
        assertStatus(200, stats, "/$/stats");
        assertNotNull(JSON.parse(stats.body()), "/$/stats is JSON");

        HttpResponse<String> metrics = send(get("/$/metrics").build());
        assertStatus(200, metrics, "/$/metrics");
        assertEquals("text/plain", mediaType(metrics), "/$/metrics is Prometheus text");
        assertTrue(metrics.body().contains("# TYPE ") && metrics.body().contains("# HELP "), "/$/metrics: " + metrics.body());

        assertEquals(Set.of("/ibcr"), datasetNames(), "/$/server lists the one dataset");

        HttpResponse<String> list = send(get("/$/datasets").build());
        assertTrue(list.statusCode() == 404 || list.statusCode() == 405, "/$/datasets must not exist: " + list.statusCode());
        for (String path : List.of("/$/datasets", "/$/datasets?dbName=evil&dbType=mem", "/$/backup/ibcr", "/$/compact/ibcr",
                "/$/reload", "/$/shutdown")) {
            HttpResponse<String> response = sendAlone(HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(BodyPublishers.ofString("dbName=evil&dbType=mem")).build());
            assertTrue(response.statusCode() == 404 || response.statusCode() == 405,
                    "POST " + path + " must not exist: " + response.statusCode() + " " + response.body());
        }
        assertEquals(Set.of("/ibcr"), datasetNames(), "POST /$/datasets created a dataset");
        assertEquals(404, send(get("/evil/sparql?query=" + encode("ASK {}")).build()).statusCode());
        assertStatus(200, send(get("/$/ping").build()), "the server is still up");
    }

    private static Set<String> datasetNames() throws IOException, InterruptedException {
        HttpResponse<String> response = send(get("/$/server").build());
        assertStatus(200, response, "/$/server");
        assertEquals("application/json", mediaType(response));
        JsonObject json = JSON.parse(response.body());
        return json.get("datasets").getAsArray().stream().map(JsonValue::getAsObject)
                .map(ds -> ds.get("ds.name").getAsString().value()).collect(Collectors.toSet());
    }

    // 7. gzip and CORS.

    @Test
    void gzipWhenAccepted() throws Exception {
        String query = "SELECT ?s ?p ?o { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 200";
        List<HttpRequest> requests = List.of(
                post(base + "/ibcr/sparql", "query", query).header("Accept", "application/sparql-results+json")
                        .header("Accept-Encoding", "gzip").build(),
                get("/ibcr/sparql?query=" + encode(query)).header("Accept", "application/sparql-results+json")
                        .header("Accept-Encoding", "gzip").build());
        for (HttpRequest request : requests) {
            HttpResponse<byte[]> response = http.send(request, BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode(), request.method());
            assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse(null), request.method() + ": not gzipped");
            byte[] body;
            try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
                body = gz.readAllBytes();
            }
            ResultSetRewindable rows = ResultSetFactory.makeRewindable(ResultSetMgr.read(new ByteArrayInputStream(body), ResultSetLang.RS_JSON));
            assertEquals(200, rows.size(), request.method());
        }
        HttpResponse<String> plain = postQuery(query, "application/sparql-results+json");
        assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(), "gzip without Accept-Encoding");
    }

    @Test
    void corsHeaders() throws Exception {
        HttpResponse<String> response = send(get("/ibcr/sparql?query=" + encode("ASK { ?s ?p ?o }"))
                .header("Accept", "application/sparql-results+json").header("Origin", "http://example.org").build());
        assertStatus(200, response, "CORS GET");
        assertTrue(response.headers().firstValue("Access-Control-Allow-Origin").isPresent(),
                "no Access-Control-Allow-Origin: " + response.headers().map());
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create(base + "/ibcr/sparql")).timeout(REQUEST_TIMEOUT)
                .header("Origin", "http://example.org").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Content-Type")
                .method("OPTIONS", BodyPublishers.noBody()).build());
        assertTrue(preflight.statusCode() / 100 == 2, "CORS preflight: " + preflight.statusCode());
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isPresent(),
                "no Access-Control-Allow-Origin on the preflight: " + preflight.headers().map());
    }

    // 8. The query page.

    @Test
    void queryPageListsEveryExample() throws Exception {
        HttpResponse<String> home = send(get("/").build());
        assertStatus(200, home, "/");
        assertEquals("text/html", mediaType(home), "/");
        String path = queryPage(base);
        HttpResponse<String> page = send(get(path).build());
        assertStatus(200, page, path);
        assertEquals("text/html", mediaType(page));
        String html = page.body();
        Document doc = Jsoup.parse(html);
        List<Element> titles = doc.select("h3");
        List<Path> files = queryFiles();
        assertEquals(files.size(), examples.size());
        assertEquals(files.size(), titles.size(), "one example heading per file of queries/");
        for (Path file : files) {
            String name = file.getFileName().toString();
            assertTrue(html.contains("<code>" + name + "</code>"), name + " is not on the query page");
        }
        for (int i = 0; i < examples.size(); i++) {
            ExampleQuery example = examples.get(i);
            Element shown = titles.get(i);
            assertTrue(shown.children().isEmpty(), "unescaped title: " + shown);
            assertEquals(example.title(), shown.text(), example.name() + ": title");
        }
        List<String> links = doc.select("a.run").eachAttr("href");
        assertEquals(examples.size(), links.size(), "one run link per example");
        for (String link : links) {
            HttpResponse<String> response = send(get(link).build());
            assertStatus(200, response, link);
        }
        // Fuseki's UI address leads to the query page; the UI's own files are not served (read-only, offline).
        HttpResponse<String> ui = send(get(IbcrServer.UI).build());
        assertStatus(301, ui, "Fuseki UI address");
        assertEquals("/query", ui.headers().firstValue("Location").orElse(""), "the Fuseki UI address leads to the query page");
        assertEquals(404, send(get("/static/js/index.js").build()).statusCode(), "the Fuseki UI's files are not served");
        assertEquals(404, send(get("/$/datasets").build()).statusCode(), "no admin listing of datasets");
        assertEquals(404, send(get("/nope").build()).statusCode(), "/nope");
        assertEquals(404, send(get("/ibcr/nope?query=" + encode("ASK {}")).build()).statusCode(), "/ibcr/nope");
    }

    // 9. Escaping.

    @Test
    void queryPageEscapesExamples() throws Exception {
        String evil = "<script>alert(1)</script>";
        ExampleQuery example = new ExampleQuery("x\" onmouseover=\"alert(2).rq", evil,
                "# " + evil + "\nSELECT * { ?s ?p \"" + evil + "\" } LIMIT 1\n");
        FusekiServer page = IbcrServer.create().port(0).dataset(store.dataset()).examples(List.of(example)).build().start();
        try {
            HttpResponse<String> response = send(get(baseOf(page) + queryPage(baseOf(page))).build());
            assertStatus(200, response, "query page");
            String html = response.body();
            assertTrue(html.contains("&lt;script&gt;"), "the title is not escaped");
            assertFalse(html.contains("<script>alert(1)"), "raw script on the query page");
            assertFalse(html.contains("\" onmouseover=\""), "an example name breaks out of its attribute");
        } finally {
            page.stop();
        }
    }

    // Helpers.

    /**
     * The path of the query page (the one with the query form): {@code /}, or {@code /query} where a home page
     * takes {@code /}.
     */
    private static String queryPage(String url) throws IOException, InterruptedException {
        for (String path : List.of("/query", "/")) {
            HttpResponse<String> response = send(get(url + path).build());
            if (response.statusCode() == 200 && response.body().contains("id=\"query-form\"")) return path;
        }
        return fail("no query page (with its query form) at /query or /");
    }

    private static TdbStore filledStore() {
        TdbStore tdb = TdbStore.inMemory();
        tdb.replaceGraphs(built.dataset(), (fmt, args) -> {});
        return tdb;
    }

    private static String baseOf(FusekiServer fuseki) {
        return "http://127.0.0.1:" + fuseki.getHttpPort();
    }

    private static List<Path> queryFiles() throws IOException {
        try (Stream<Path> list = Files.list(QUERIES)) {
            return list.filter(f -> f.getFileName().toString().endsWith(".rq") && Files.isRegularFile(f)).sorted().toList();
        }
    }

    private static HttpRequest.Builder get(String pathOrUrl) {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl;
        return HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET();
    }

    private static HttpRequest.Builder post(String url, String key, String value) {
        return form(url, key + "=" + encode(value));
    }

    private static HttpRequest.Builder form(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString(body));
    }

    private static HttpRequest.Builder putBuilder(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "text/turtle").PUT(BodyPublishers.ofString(TURTLE));
    }

    private static HttpRequest put(String url) {
        return putBuilder(url).build();
    }

    private static HttpRequest.Builder withAuth(HttpRequest.Builder builder, String credentials) {
        return credentials == null ? builder : builder.header("Authorization", credentials);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> postQuery(String query, String accept) throws IOException, InterruptedException {
        return send(post(base + "/ibcr/sparql", "query", query).header("Accept", accept).build());
    }

    private static HttpResponse<String> getQuery(String query, String accept) throws IOException, InterruptedException {
        return send(get("/ibcr/sparql?query=" + encode(query)).header("Accept", accept).build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * Sends on a connection of its own, for requests refused before their body is read (401, 404, 405): Jetty
     * may then close the connection, and a pooled connection reused after it would fail for the next request.
     */
    private static HttpResponse<String> sendAlone(HttpRequest request) throws IOException, InterruptedException {
        HttpClient alone = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        return alone.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static boolean ask(String url, String query) throws IOException, InterruptedException {
        HttpResponse<String> response = send(post(url + "/ibcr/sparql", "query", query)
                .header("Accept", "application/sparql-results+json").build());
        assertStatus(200, response, query);
        return ResultsReader.create().lang(ResultSetLang.RS_JSON).build().readAny(in(response.body())).getBooleanResult();
    }

    private static long count(String url, String query) throws IOException, InterruptedException {
        HttpResponse<String> response = send(post(url + "/ibcr/sparql", "query", query)
                .header("Accept", "application/sparql-results+json").build());
        assertStatus(200, response, query);
        ResultSet rows = ResultSetMgr.read(in(response.body()), ResultSetLang.RS_JSON);
        return rows.next().getLiteral("n").getLong();
    }

    private static void assertStatus(int expected, HttpResponse<String> response, String what) {
        Supplier<String> message = () -> what + ": " + response.statusCode() + " " + response.body();
        assertEquals(expected, response.statusCode(), message);
    }

    private static String mediaType(HttpResponse<?> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static InputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** CRLF and CR become LF; the text ends with exactly one line end. */
    private static String normalise(String text) {
        String lf = text.replace("\r\n", "\n").replace('\r', '\n');
        return lf.stripTrailing().isEmpty() ? "" : lf.replaceAll("\n+$", "") + "\n";
    }
}
