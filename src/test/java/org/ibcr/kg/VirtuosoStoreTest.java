package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.jena.fuseki.main.FusekiServer;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.publish.site.StoreMirror;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.store.MemoryStore;
import org.ibcr.kg.store.SparqlStore;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --sparql} over a store no one here wrote: Virtuoso open source 7 ({@link VirtuosoStore}), filled by
 * {@code load --endpoint}. Every query of {@code queries/} sent to our endpoint, and on by it to Virtuoso, gives the
 * answer the embedded store gives (the files QueriesTest checks), but those Virtuoso cannot answer alike, each
 * with its reason in {@link #NOT_ON_VIRTUOSO}; a new version loaded into the store is served after the next poll;
 * the endpoint's own rules (no SERVICE) hold. The pages and the crawl: {@link LinkedDataOverVirtuosoTest}.
 */
class VirtuosoStoreTest {
    /** Queries whose answer on Virtuoso differs from the embedded store's for a reason of Virtuoso's. */
    static final Map<String, String> NOT_ON_VIRTUOSO = Map.of(
            "04-funders.rq", "Virtuoso 7.2 answers FILTER NOT EXISTS over a transitive path (rdfs:subClassOf+) unlike "
                    + "SPARQL 1.1: no row at all (the same query sent to Virtuoso's /sparql by curl)",
            "11-ibcr-network.rq", "Virtuoso 7.2 answers FILTER NOT EXISTS over a transitive path (rdfs:subClassOf+) unlike "
                    + "SPARQL 1.1: the broader classes of an agent are kept (the same query sent to Virtuoso's /sparql by curl)",
            "21-hearings-near-paris.rq", "GeoSPARQL and Jena's spatial functions (geof:distance, geof:sfWithin, "
                    + "spatialF:greatCircleGeom): Virtuoso 7 has its own (bif:st_distance...), and fails on these (SR185 undefined procedure)",
            "22-full-text-search.rq", "jena-text's text:query is answered by this server's own index: the endpoint over a remote "
                    + "store sends the query to the store, and Virtuoso has its own full-text search (bif:contains)");
    private static final Path EXPECTED = Path.of("src", "test", "resources", "queries");

    private static VirtuosoStore virtuoso;
    private static StoreMirror mirror;
    private static FusekiServer server;
    private static String base;
    private static final HttpClient HTTP = BundledStore.client(HttpClient.Redirect.NORMAL);

    @BeforeAll
    static void start() {
        virtuoso = VirtuosoStore.loaded();
        SparqlStore store = SparqlStore.of(virtuoso.queryUrl());
        mirror = StoreMirror.open(store, Duration.ofHours(1), line -> {}); // polled by hand below
        server = IbcrServer.create().port(0).store(store, mirror).build().start();
        base = "http://127.0.0.1:" + server.getHttpPort();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.stop();
        if (mirror != null) mirror.close();
    }

    @TestFactory
    Stream<DynamicTest> everyQueryGivesTheEmbeddedStoresAnswer() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("queries"))) {
            files = list.filter(f -> f.toString().endsWith(".rq")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            String name = f.getFileName().toString();
            if (NOT_ON_VIRTUOSO.containsKey(name)) {
                System.err.println("SKIPPED on Virtuoso: " + name + ": " + NOT_ON_VIRTUOSO.get(name));
                org.junit.jupiter.api.Assumptions.abort(NOT_ON_VIRTUOSO.get(name));
            }
            String expected = Files.readString(EXPECTED.resolve(name.replace(".rq", ".csv")), StandardCharsets.UTF_8);
            boolean ask = expected.strip().matches("true|false");
            HttpResponse<String> r = query(Files.readString(f, StandardCharsets.UTF_8), ask ? "application/sparql-results+json" : "text/csv");
            assertEquals(200, r.statusCode(), r::body);
            String answer = ask ? Boolean.toString(org.apache.jena.riot.ResultSetMgr.readBoolean(
                    new java.io.ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)),
                    org.apache.jena.riot.resultset.ResultSetLang.RS_JSON)) : r.body();
            assertEquals(normalise(expected), normalise(answer), name + " over Virtuoso");
        }));
    }

    /**
     * One URL of every kind the site serves: page, data document, dump, graph file, timeline, fragment, map. Not the
     * dataset description nor the dumps page: over a remote store the frontend keeps no versions of the data, so they
     * name no versions, dated dumps or change feed ({@link #overAStoreNoVersionsAreAdvertised}).
     */
    static final List<String> EVERY_KIND = List.of("/", "/timeline", "/timeline?lang=fr", "/graph?lang=en", "/class/Milestone",
            "/page/organisation/ibcr", "/data/organisation/ibcr.ttl", "/data/milestone/international-tribunal.jsonld",
            "/ontology.ttl", "/graph/data", "/dumps/ibcr.ttl", "/sitemap.xml",
            "/graph/actors.json", "/graph/full.json", "/graph/around/organisation/sida.gexf",
            "/graph/around/organisation/sida-edges.csv", "/fragments?subject=https%3A%2F%2Fw3id.org%2Fibcr%2Fid%2Forganisation%2Fibcr",
            "/fragments?predicate=http%3A%2F%2Fwww.w3.org%2F2000%2F01%2Frdf-schema%23label", "/map", "/map.geojson?lang=fr", "/query");

    @Test
    void everyKindOfUrlAnswersAsOverTheEmbeddedStore() throws Exception {
        // The embedded store of 'serve' (in memory): the site lists what it holds in the same order as over the copy
        // of Virtuoso's, both Jena in-memory datasets. (A TDB2 store lists triples in another order: the page's JSON-LD
        // and the dumps then say the same in another order.)
        var built = GraphBuild.from(CsvHistory.open(Path.of("data"))).build();
        FusekiServer embedded = IbcrServer.create().port(0).dataset(MemoryStore.copyOf(built.dataset())).build().start();
        try {
            String local = "http://127.0.0.1:" + embedded.getHttpPort();
            for (String path : EVERY_KIND) {
                HttpResponse<String> want = get(local + path);
                HttpResponse<String> got = get(base + path);
                assertEquals(want.statusCode(), got.statusCode(), path);
                assertEquals(want.headers().firstValue("Content-Type"), got.headers().firstValue("Content-Type"), path);
                // Same bytes but for the server's own address (the VoID names its endpoint absolutely) and the date the
                // data last changed (the sitemap's lastmod): over a store, the later of the data's date and its load's.
                String wanted = want.body().replace(local, "SERVER");
                var lastmod = java.util.regex.Pattern.compile("<lastmod>([0-9-]+)</lastmod>").matcher(wanted);
                if (lastmod.find()) {
                    String dataDay = lastmod.group(1);
                    String loadDay = mirror.storeVersion().loaded().orElseThrow().toString().substring(0, 10);
                    String day = loadDay.compareTo(dataDay) > 0 ? loadDay : dataDay;
                    wanted = wanted.replace("<lastmod>" + dataDay + "</lastmod>", "<lastmod>" + day + "</lastmod>");
                }
                assertEquals(wanted, got.body().replace(base, "SERVER"), path + " over Virtuoso");
            }
        } finally {
            embedded.stop();
        }
    }

    @Test
    void overAStoreNoVersionsAreAdvertised() throws Exception {
        for (String path : List.of("/dataset.ttl", "/.well-known/void")) {
            HttpResponse<String> d = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/turtle").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, d.statusCode(), path);
            var m = org.apache.jena.rdf.model.ModelFactory.createDefaultModel();
            org.apache.jena.riot.RDFParser.fromString(d.body(), org.apache.jena.riot.Lang.TURTLE).parse(m);
            assertTrue(m.contains(null, org.apache.jena.vocabulary.DCAT.endpointURL, m.createResource(base + "/ibcr/sparql")), path);
            assertFalse(m.contains(null, m.createProperty(org.apache.jena.vocabulary.DCAT.NS + "hasVersion")), path + " names a version");
            assertFalse(d.body().contains(base + "/feed"), path + " names the feed");
        }
        assertEquals(404, get(base + "/feed").statusCode());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html, */*;q=0.5").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void lastModifiedIsWhenTheVersionWasLoaded() throws Exception {
        var loaded = mirror.storeVersion().loaded();
        assertTrue(loaded.isPresent(), "load --endpoint writes the time of the load beside the version");
        HttpResponse<String> r = get(base + "/page/organisation/ibcr");
        var lastModified = java.time.ZonedDateTime.parse(r.headers().firstValue("Last-Modified").orElseThrow(),
                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertEquals(loaded.get(), lastModified, "the same on every server over this store, whenever it started");
    }

    @Test
    void theEndpointsLimitsHoldOverTheStore() throws Exception {
        FusekiServer limited = IbcrServer.create().port(0).queryTimeout(Duration.ofSeconds(1)).maxBody(4096).rateLimit(4)
                .rateBurst(4).store(SparqlStore.of(virtuoso.queryUrl()), mirror).build().start();
        try {
            String sparql = "http://127.0.0.1:" + limited.getHttpPort() + IbcrServer.DATASET + "/sparql";
            // Virtuoso's own function that waits (bif:delay), so the store is slow without working: past the limit, 503.
            long started = System.nanoTime();
            HttpResponse<String> slow = post(sparql, "SELECT ?x WHERE { BIND(<bif:delay>(5) AS ?x) }");
            long ms = (System.nanoTime() - started) / 1_000_000;
            assertEquals(503, slow.statusCode(), slow::body);
            assertTrue(ms < 4000, "answered after " + ms + " ms, the limit is 1 s");

            HttpResponse<String> big = post(sparql, "ASK { ?s ?p \"" + "x".repeat(8192) + "\" }");
            assertEquals(413, big.statusCode(), big::body);

            Thread.sleep(1500); // the bucket refills
            int tooMany = 0;
            for (int i = 0; i < 12; i++) if (post(sparql, "ASK { ?s ?p ?o }").statusCode() == 429) tooMany++;
            assertTrue(tooMany > 0, "12 queries at once over a rate of 4 a second: none got 429");
        } finally {
            limited.stop();
        }
    }

    private static HttpResponse<String> post(String url, String query) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/sparql-results+json")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void serviceIsRefusedAsOnTheEmbeddedStore() throws Exception {
        HttpResponse<String> r = query("SELECT * WHERE { SERVICE <" + virtuoso.queryUrl() + "> { ?s ?p ?o } } LIMIT 1", "text/csv");
        assertEquals(400, r.statusCode(), r::body);
        assertTrue(r.body().contains("SERVICE"), r.body());
    }

    @Test
    void aQueryTheStoreFailsOnIsABadGatewayWithTheStoresReason() throws Exception {
        // Jena parses it; Virtuoso does not know the function and answers 500 (its answer to every query it cannot
        // compile): a 502 with the store's reason, not a 500 of ours, and the server goes on.
        HttpResponse<String> r = query("SELECT * WHERE { ?s ?p ?o FILTER(<http://example.org/f>(?o)) } LIMIT 1", "text/csv");
        assertEquals(502, r.statusCode(), r::body);
        assertTrue(r.body().contains("store"), r.body());
        assertEquals(200, query("ASK { ?s ?p ?o }", "application/sparql-results+json").statusCode());
    }

    @Test
    void aNewVersionLoadedIsServedAfterThePoll(@TempDir Path tmp) throws Exception {
        String page = base + "/id/organisation/ibcr";
        String before = html(page);
        String version = mirror.storeVersion().tag();
        Path data = copyOf(Path.of("data"), tmp.resolve("data"));
        Path orgs = data.resolve("organisations.csv");
        String csv = Files.readString(orgs, StandardCharsets.UTF_8);
        String name = "International Bureau for Children's Rights";
        assertTrue(csv.contains(name), "organisations.csv names the Bureau");
        Files.writeString(orgs, csv.replace(name, "Bureau Renamed For The Test"), StandardCharsets.UTF_8);
        try {
            CliRun load = virtuoso.load(data);
            assertEquals(0, load.code(), load::toString);
            assertEquals(before, html(page), "the page before the poll: the version served has not moved");
            mirror.poll();
            assertNotEquals(version, mirror.storeVersion().tag());
            String after = html(page);
            assertTrue(after.contains("Bureau Renamed For The Test"), "the page of the new version");
        } finally {
            CliRun back = virtuoso.load(Path.of("data"));
            assertEquals(0, back.code(), back::toString);
            mirror.poll();
        }
        assertEquals(version, mirror.storeVersion().tag(), "the same data, the same version");
        assertEquals(before, html(page));
    }

    @Test
    void whileALoadIsUnderWayTheLastCopyIsServed() throws Exception {
        String page = base + "/page/organisation/ibcr";
        String before = html(page);
        String version = mirror.storeVersion().tag();
        var graphs = GraphBuild.from(CsvHistory.open(Path.of("data"))).build();
        var remote = org.ibcr.kg.store.RemoteStore.of(virtuoso.gspUrl()).credentials("dba", "dba");
        // What load --endpoint does first: the version goes; then the data graph is replaced, by an empty one here.
        remote.removeVersion(graphs.iris().graph("version"));
        try {
            var halfLoaded = org.apache.jena.sparql.core.DatasetGraphFactory.create();
            var node = org.apache.jena.graph.NodeFactory.createURI("https://w3id.org/ibcr/id/organisation/other");
            halfLoaded.add(graphs.iris().dataGraph(), node, org.apache.jena.vocabulary.RDFS.label.asNode(),
                    org.apache.jena.graph.NodeFactory.createLiteralString("only this"));
            remote.replace(halfLoaded, (name, size) -> {});
            mirror.poll();
            assertEquals(version, mirror.storeVersion().tag(), "no version in the store: the last one is kept");
            assertEquals(before, html(page));
        } finally {
            CliRun back = virtuoso.load(Path.of("data"));
            assertEquals(0, back.code(), back::toString);
        }
        mirror.poll();
        assertEquals(version, mirror.storeVersion().tag());
    }

    @Test
    void serveSparqlRefusesAStoreWithoutVersion() {
        CliRun run = CliRun.of("serve", "--port", "0", "--sparql", virtuoso.queryUrl().replace("/sparql", "/no-such-endpoint"));
        assertEquals(1, run.code(), run::toString);
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run);
    }

    private static String html(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url);
        return Jsoup.parse(r.body()).select("main").text();
    }

    private static HttpResponse<String> query(String text, String accept) throws Exception {
        String form = "query=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + IbcrServer.DATASET + "/sparql"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path copyOf(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) if (Files.isRegularFile(f)) Files.copy(f, to.resolve(f.getFileName()));
        }
        return to;
    }

    /** CRLF and CR become LF; the text ends with exactly one line end. */
    private static String normalise(String text) {
        String lf = text.replace("\r\n", "\n").replace('\r', '\n');
        return lf.stripTrailing().isEmpty() ? "" : lf.replaceAll("\n+$", "") + "\n";
    }
}
