package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.util.IsoMatcher;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.apache.jena.vocabulary.SchemaDO;
import org.apache.jena.vocabulary.VOID;
import org.ibcr.kg.pipeline.BuiltGraph;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.store.TdbStore;
import org.ibcr.kg.vocab.IBCR;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The linked-data layer over real HTTP, on a server built the way {@code ibcr-kg serve} builds it (the data
 * folder converted into an in-memory TDB2 database) on a free port: 303 dereferencing with content
 * negotiation, 404 and 406, conditional requests, a crawler that must reach every resource by following
 * links only, independent parsers (rdflib, rapper) on data documents and dumps, the HTML pages (languages,
 * embedded JSON-LD, alternates, inverse links, roles, external identifiers, ontology, home, class indexes,
 * sitemap, robots.txt), escaping of hostile data, and links behind a proxy ({@code publicBase}).
 * Redirects are never followed by the client: each test follows the Location itself.
 */
class LinkedDataTest {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final String TURTLE_FIRST = "text/turtle, application/ld+json;q=0.9, text/html;q=0.5";
    private static final String CANONICAL = "https://w3id.org/ibcr/";
    private static final String CANONICAL_ID = CANONICAL + "id/";
    private static final String DATA_GRAPH = CANONICAL + "graph/data";
    private static final String MILESTONE = "milestone/international-tribunal";
    private static final int MAX_REQUESTS = 3000;
    /** The media type of each data document extension. */
    private static final Map<String, String> TYPES = Map.of("ttl", "text/turtle", "jsonld", "application/ld+json",
            "nt", "application/n-triples", "rdf", "application/rdf+xml");

    // Set by start(), or by a subclass's start() that serves another store (LinkedDataOverVirtuosoTest).
    static BuiltGraph built;
    static Running main;
    static String base;
    static HttpClient http;

    /** A server, the size of each graph in the store it serves, and what closes that store. */
    record Running(FusekiServer server, AutoCloseable store, java.util.function.ToLongFunction<Node> graphSize, String base)
            implements AutoCloseable {
        @Override
        public void close() {
            server.stop();
            try {
                store.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @BeforeAll
    static void start() {
        built = GraphBuild.from(CsvHistory.open(Path.of("data"))).build();
        assertEquals(CANONICAL, built.iris().base());
        assertEquals(DATA_GRAPH, built.iris().dataGraph().getURI());
        main = serve(built, "");
        base = main.base();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    static void stop() {
        if (main != null) main.close();
    }

    /** Serves a built graph as {@code ibcr-kg serve} does: loaded into an in-memory TDB2 database. */
    private static Running serve(BuiltGraph graph, String publicBase) {
        TdbStore store = TdbStore.inMemory();
        store.replaceGraphs(graph.dataset(), (fmt, args) -> {});
        FusekiServer server = IbcrServer.create().port(0).dataset(store.dataset()).publicBase(publicBase).build().start();
        return new Running(server, store, store::size, "http://127.0.0.1:" + server.getHttpPort());
    }

    // 1. Dereferencing with content negotiation.

    @Test
    void idNegotiatesByAccept() throws Exception {
        String id = "/id/" + MILESTONE;
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(BROWSER, "/page/" + MILESTONE);
        cases.put("text/turtle", "/data/" + MILESTONE + ".ttl");
        cases.put("application/ld+json", "/data/" + MILESTONE + ".jsonld");
        cases.put("application/n-triples", "/data/" + MILESTONE + ".nt");
        cases.put("application/rdf+xml", "/data/" + MILESTONE + ".rdf");
        cases.put("*/*", "/data/" + MILESTONE + ".ttl");
        cases.put(null, "/data/" + MILESTONE + ".ttl");
        cases.put("application/rdf+xml;q=0.9, text/turtle;q=0.5", "/data/" + MILESTONE + ".rdf");
        cases.put("text/turtle;q=0.2, application/n-triples", "/data/" + MILESTONE + ".nt");
        cases.put("text/html;q=0.1, application/ld+json;q=0.3", "/data/" + MILESTONE + ".jsonld");
        for (var c : cases.entrySet()) {
            String accept = c.getKey();
            String what = "Accept: " + accept;
            HttpResponse<String> response = send(withAccept(get(base + id), accept).build());
            assertStatus(303, response, what);
            assertVaryAccept(response, what);
            URI location = location(response, what);
            assertEquals(base + c.getValue(), location.toString(), what);
            HttpResponse<String> target = send(withAccept(get(location.toString()), accept).build());
            assertStatus(200, target, what + " -> " + location);
            String ext = extensionOf(c.getValue());
            if (ext == null) {
                assertEquals("text/html", mediaType(target), what);
                assertTrue(target.body().contains("<code>" + CANONICAL_ID + MILESTONE + "</code>"), what + ": the page shows its IRI");
            } else {
                assertEquals(TYPES.get(ext), mediaType(target), what);
                Graph graph = parse(target.body(), TYPES.get(ext), location.toString());
                assertDescribes(graph, CANONICAL_ID + MILESTONE, what);
            }
        }

        // q=0 rules Turtle out, even where */* is accepted.
        HttpResponse<String> notTurtle = send(get(base + id).header("Accept", "text/turtle;q=0, */*;q=0.1").build());
        assertStatus(303, notTurtle, "text/turtle;q=0, */*;q=0.1");
        assertVaryAccept(notTurtle, "text/turtle;q=0");
        URI other = location(notTurtle, "text/turtle;q=0");
        assertFalse(other.getPath().endsWith(".ttl"), "text/turtle;q=0 picked Turtle: " + other);
        HttpResponse<String> otherDoc = send(get(other.toString()).header("Accept", "text/turtle;q=0, */*;q=0.1").build());
        assertStatus(200, otherDoc, other.toString());
        assertNotEquals("text/turtle", mediaType(otherDoc), "text/turtle;q=0 got Turtle");

        for (String unsupported : List.of("image/png", "text/turtle;q=0", "application/pdf, image/*")) {
            HttpResponse<String> response = send(get(base + id).header("Accept", unsupported).build());
            assertStatus(406, response, "Accept: " + unsupported);
            assertVaryAccept(response, "406 for " + unsupported);
        }
        // The data documents themselves are not negotiated.
        for (String ext : TYPES.keySet()) {
            HttpResponse<String> doc = send(get(base + "/data/" + MILESTONE + "." + ext).header("Accept", "image/png").build());
            assertStatus(200, doc, ext + " with any Accept");
            assertEquals(TYPES.get(ext), mediaType(doc));
        }
        assertStatus(404, send(get(base + "/data/" + MILESTONE + ".png").build()), "unknown extension");
        assertStatus(404, send(get(base + "/data/" + MILESTONE).build()), "no extension");
    }

    /** The graph holds every triple the build gives the subject, and those of its nodes {@code subject#...}. */
    private static void assertDescribes(Graph graph, String subject, String what) {
        List<Triple> own = built.data().find().filterKeep(t -> t.getSubject().isURI()
                && (t.getSubject().getURI().equals(subject) || t.getSubject().getURI().startsWith(subject + "#"))).toList();
        List<Triple> missing = own.stream().filter(t -> !graph.contains(t)).toList();
        int expected = own.size();
        assertTrue(expected > 5, subject + " has hardly any triples in the build");
        assertTrue(missing.isEmpty(), () -> what + ": " + missing.size() + " of " + expected + " triples of " + subject
                + " are missing from its data document, such as " + missing.stream().limit(10).toList());
    }

    // 2. Unknown IRIs, conditional requests, dumps' headers.

    @Test
    void unknownResourcesAreNotFound() throws Exception {
        for (String path : List.of("/id/city/atlantis", "/page/city/atlantis", "/data/city/atlantis.ttl", "/id/nothing",
                "/page/city/Paris", "/class/Atlantis", "/dumps/ibcr.zip", "/id/city/paris/extra")) {
            HttpResponse<String> plain = send(get(base + path).header("Accept", "text/turtle").build());
            assertStatus(404, plain, path);
            assertEquals("text/plain", mediaType(plain), path);
            assertVaryAccept(plain, path + ": the 404 depends on Accept");
            HttpResponse<String> page = send(get(base + path).header("Accept", BROWSER).build());
            assertStatus(404, page, path + " in a browser");
            assertVaryAccept(page, path + " in a browser: the 404 depends on Accept");
            assertEquals("text/html", mediaType(page), path + ": a browser gets an HTML page");
            String html = page.body();
            assertTrue(html.startsWith("<!DOCTYPE html>"), path + ": " + html);
            assertTrue(hrefs(html).contains("/"), path + ": the 404 page has no link home: " + html);
            assertTrue(hrefs(html).contains("/class/Milestone"), path + ": the 404 page lists no class index");
        }
    }

    @Test
    void conditionalRequestsGetNotModified() throws Exception {
        for (String path : List.of("/page/city/paris", "/data/city/paris.ttl", "/data/city/paris.jsonld", "/dumps/ibcr.ttl",
                "/dumps/ibcr.nt.gz", "/", "/class/City", "/sitemap.xml")) {
            HttpResponse<byte[]> first = sendBytes(get(base + path).build());
            assertEquals(200, first.statusCode(), path);
            String etag = first.headers().firstValue("ETag").orElseThrow(() -> new AssertionError(path + ": no ETag"));
            String lastModified = first.headers().firstValue("Last-Modified").orElseThrow(() -> new AssertionError(path + ": no Last-Modified"));
            ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME);
            assertTrue(etag.matches("(W/)?\"[^\"]+\""), path + ": ETag " + etag);

            HttpResponse<byte[]> again = sendBytes(get(base + path).build());
            assertEquals(etag, again.headers().firstValue("ETag").orElse(null), path + ": the ETag changes between requests");

            HttpResponse<byte[]> byTag = sendBytes(get(base + path).header("If-None-Match", etag).build());
            assertEquals(304, byTag.statusCode(), path + " with If-None-Match: " + etag);
            assertEquals(0, byTag.body().length, path + ": a 304 has no body");
            assertEquals(etag, byTag.headers().firstValue("ETag").orElse(null), path + ": the 304 names its ETag");

            HttpResponse<byte[]> inList = sendBytes(get(base + path).header("If-None-Match", "\"other\", " + etag).build());
            assertEquals(304, inList.statusCode(), path + " with the ETag in a list");

            HttpResponse<byte[]> otherTag = sendBytes(get(base + path).header("If-None-Match", "\"other\"").build());
            assertEquals(200, otherTag.statusCode(), path + " with another ETag");
            assertTrue(otherTag.body().length > 0, path);

            HttpResponse<byte[]> byDate = sendBytes(get(base + path).header("If-Modified-Since", lastModified).build());
            assertEquals(304, byDate.statusCode(), path + " with If-Modified-Since: " + lastModified);
            assertEquals(0, byDate.body().length, path + ": a 304 has no body");

            String earlier = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME).minusDays(1));
            assertEquals(200, sendBytes(get(base + path).header("If-Modified-Since", earlier).build()).statusCode(),
                    path + " modified since the day before");
        }
        for (String dump : List.of("ibcr.ttl", "ibcr.nt.gz", "ibcr.jsonld", "ibcr.rdf", "ibcr.trig")) {
            HttpResponse<byte[]> response = sendBytes(get(base + "/dumps/" + dump).build());
            assertEquals(200, response.statusCode(), dump);
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            assertEquals(response.body().length, length, dump + ": Content-Length");
            assertTrue(response.headers().firstValue("ETag").isPresent(), dump + ": ETag");
            assertTrue(response.headers().firstValue("Last-Modified").isPresent(), dump + ": Last-Modified");
        }
    }

    // 3. A crawler that follows links only.

    @Test
    void crawlerReachesEveryResourceByFollowingLinks() throws Exception {
        Crawl crawl = new Crawl(base);
        crawl.run(base + "/.well-known/void", "text/turtle");

        Set<String> minted = new TreeSet<>();
        for (Triple t : built.data().find().toList()) resourcePath(t.getSubject()).ifPresent(minted::add);
        assertTrue(minted.size() > 200, "minted subjects: " + minted.size());
        Set<String> noPage = new TreeSet<>(minted);
        noPage.removeAll(crawl.pages);
        Set<String> noData = new TreeSet<>(minted);
        noData.removeAll(crawl.data);
        String stopped = crawl.unfinished.isEmpty() ? "" : " (the crawl stopped at " + MAX_REQUESTS + " requests with "
                + crawl.unfinished.size() + " links left, such as " + crawl.unfinished.stream().limit(10).toList() + ")";
        assertTrue(noPage.isEmpty() && noData.isEmpty(), () -> "after " + crawl.requests + " requests" + stopped + ", of "
                + minted.size() + " minted subjects " + noPage.size() + " have no page reached: " + noPage + "; " + noData.size()
                + " have no data document reached: " + noData);
        assertTrue(crawl.unfinished.isEmpty(), () -> "the crawl did not finish" + stopped);
        assertTrue(crawl.broken.isEmpty(), () -> "broken links: " + crawl.broken);

        Graph data = built.data();
        List<Triple> missing = data.find().filterDrop(crawl.union::contains).toList();
        assertTrue(missing.isEmpty(), () -> missing.size() + " triples of the data graph are in no data document fetched, such as "
                + missing.stream().limit(10).toList());
        List<Triple> extra = crawl.union.find().filterKeep(t -> resourcePath(t.getSubject()).isPresent())
                .filterDrop(data::contains).toList();
        assertTrue(extra.isEmpty(), () -> extra.size() + " triples about minted resources in the data documents are not in the data graph, "
                + "such as " + extra.stream().limit(10).toList());
        assertTrue(crawl.formats.containsAll(TYPES.values()), "data documents crawled in " + crawl.formats);

        // Both ways: every triple is in its subject's document and, when its object is a resource, in the
        // object's document too (or, past the document's bound, in the fragment it links to as hydra:next).
        List<String> oneWay = new ArrayList<>();
        for (Triple t : data.find().toList()) {
            for (Node end : List.of(t.getSubject(), t.getObject())) {
                Optional<String> doc = resourcePath(end);
                if (doc.isEmpty() || end.getURI().contains("#")) continue; // a node inside a document: its document holds it
                Graph g = crawl.documents.get(doc.get());
                if (g == null || !(g.contains(t) || crawl.nextParts(doc.get()).contains(t))) oneWay.add(t + " not from " + doc.get());
            }
        }
        assertTrue(oneWay.isEmpty(), () -> oneWay.size() + " triples are not reachable from both ends, such as "
                + oneWay.stream().limit(10).toList());
    }

    /**
     * Link traversal from the Bureau's IRI, with Jena standing in for a traversal client (Comunica's
     * link-traversal package has no release on Comunica 4): dereference {@code /id/organisation/ibcr}, then every
     * resource its data document names, one hop, and count the milestones in what was read. The milestones name
     * the Bureau's participations, not the other way round: only the triples that point at the Bureau, now in
     * its document, lead to them.
     */
    @Test
    void traversalFromTheBureauFindsEveryMilestone() throws Exception {
        Graph read = GraphFactory.createDefaultGraph();
        Graph seed = dereference(CANONICAL_ID + "organisation/ibcr");
        seed.find().forEachRemaining(read::add);
        Set<String> named = new TreeSet<>();
        seed.find().forEachRemaining(t -> {
            for (Node n : List.of(t.getSubject(), t.getObject())) resourcePath(n).ifPresent(named::add);
        });
        named.remove("organisation/ibcr");
        for (String path : named) dereference(CANONICAL_ID + path).find().forEachRemaining(read::add);
        String count = "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a <https://w3id.org/ibcr/ontology#Milestone> }";
        long traversed = org.apache.jena.query.QueryExecution.create(count, org.apache.jena.rdf.model.ModelFactory.createModelForGraph(read))
                .execSelect().next().getLiteral("n").getLong();
        long all = org.apache.jena.query.QueryExecution.create(count, org.apache.jena.rdf.model.ModelFactory.createModelForGraph(built.data()))
                .execSelect().next().getLiteral("n").getLong();
        assertTrue(all > 30, "milestones in the data: " + all); // the issue says 32; the data now has 33
        assertEquals(all, traversed, "milestones found by traversal from the Bureau (" + named.size() + " documents read)");
    }

    /** The data document of a canonical IRI, through the server's /id/ and its 303. */
    private static Graph dereference(String iri) throws IOException, InterruptedException {
        String url = base + "/id/" + iri.substring(CANONICAL_ID.length());
        HttpResponse<String> response = send(get(url).header("Accept", "text/turtle").build());
        assertEquals(303, response.statusCode(), url);
        String location = URI.create(url).resolve(response.headers().firstValue("Location").orElseThrow()).toString();
        HttpResponse<String> doc = send(get(location).header("Accept", "text/turtle").build());
        assertEquals(200, doc.statusCode(), location);
        return parse(doc.body(), "text/turtle", location);
    }

    /**
     * A breadth-first crawl of one server that follows only the links its responses give: Location headers,
     * IRIs in RDF (canonical IRIs through the server's /id/, once as data and once as a page) and hrefs in HTML.
     * It fetches one data document per resource, in a format that depends on the resource, so that every
     * format is crawled without fetching each document four times.
     */
    private static final class Crawl {
        private static final List<String> EXTENSIONS = List.of("ttl", "jsonld", "nt", "rdf");
        private final String server;
        private final Deque<String[]> queue = new ArrayDeque<>();
        private final Set<String> seen = new HashSet<>();
        final Set<String> pages = new HashSet<>();
        final Set<String> data = new HashSet<>();
        final Set<String> formats = new TreeSet<>();
        final Map<String, Integer> broken = new TreeMap<>();
        final Graph union = GraphFactory.createDefaultGraph();
        /** The data document of each resource crawled, by its path. */
        final Map<String, Graph> documents = new HashMap<>();
        List<String> unfinished = List.of();
        int requests;

        Crawl(String server) {
            this.server = server;
        }

        void run(String start, String accept) throws IOException, InterruptedException {
            offer(start, accept);
            while (!queue.isEmpty() && requests < MAX_REQUESTS) {
                String[] next = queue.poll();
                fetch(next[0], next[1]);
            }
            unfinished = queue.stream().map(e -> e[0]).toList();
        }

        /** The format this crawl reads a resource's data in. */
        private static String extensionFor(String resourcePath) {
            return EXTENSIONS.get(Math.floorMod(resourcePath.hashCode(), EXTENSIONS.size()));
        }

        private void offer(String url, String accept) {
            URI uri = URI.create(url);
            String path = uri.getRawPath();
            if (uri.getRawQuery() != null) return; // ?lang= and query links: the same resources again
            if (path.startsWith(IbcrServer.DATASET + "/") || path.startsWith("/dumps/") || path.equals("/query")
                    || path.equals(IbcrServer.UI) || path.equals("/site.css") || path.startsWith("/$/")) {
                return; // the endpoint, the query page, the Fuseki UI and the dumps are not resources to crawl
            }
            if (path.startsWith("/data/")) {
                String file = path.substring("/data/".length());
                int dot = file.lastIndexOf('.');
                if (dot > 0 && !file.substring(dot + 1).equals(extensionFor(file.substring(0, dot)))) return;
            }
            boolean negotiated = path.startsWith("/id/") || path.equals("/ontology") || path.equals("/dataset")
                    || path.equals("/.well-known/void");
            String key = negotiated ? url + (accept.equals(BROWSER) ? " as a page" : " as data") : url;
            if (seen.add(key)) queue.add(new String[] {url, accept});
        }

        private void fetch(String url, String accept) throws IOException, InterruptedException {
            requests++;
            HttpResponse<String> response = send(get(url).header("Accept", accept).build());
            String path = URI.create(url).getRawPath();
            int status = response.statusCode();
            if (status == 303) {
                URI location = URI.create(url).resolve(response.headers().firstValue("Location").orElseThrow());
                follow(location.toString(), accept);
                return;
            }
            if (status != 200) {
                if (!url.equals(server + "/id/")) broken.put(url + " (Accept: " + accept + ")", status); // the lookup endpoint's stem
                return;
            }
            String type = mediaType(response);
            if (type.equals("text/html")) {
                if (path.startsWith("/page/")) pages.add(path.substring("/page/".length()));
                for (String href : hrefs(response.body())) follow(URI.create(url).resolve(href).toString(), BROWSER);
                return;
            }
            if (!TYPES.containsValue(type)) return; // not a page, not RDF: nothing to follow
            Graph graph = parse(response.body(), type, url);
            if (path.startsWith("/data/")) {
                String file = path.substring("/data/".length());
                data.add(file.substring(0, file.lastIndexOf('.')));
                documents.put(file.substring(0, file.lastIndexOf('.')), graph);
                formats.add(type);
                graph.find().forEachRemaining(union::add);
            }
            graph.find().forEachRemaining(t -> {
                for (Node n : List.of(t.getSubject(), t.getPredicate(), t.getObject())) {
                    if (n.isURI()) follow(n.getURI(), TURTLE_FIRST);
                }
            });
        }

        /**
         * The triples of the parts a document links to with hydra:next (the Triple Pattern Fragment of all that
         * point at a resource), read page by page through their own hydra:next.
         */
        Set<Triple> nextParts(String resourcePath) throws IOException, InterruptedException {
            Set<Triple> triples = new HashSet<>();
            Node next = NodeFactory.createURI("http://www.w3.org/ns/hydra/core#next");
            Graph doc = documents.get(resourcePath);
            String url = doc.find(Node.ANY, next, Node.ANY).nextOptional().map(t -> t.getObject().getURI()).orElse(null);
            while (url != null && url.startsWith(server + "/")) {
                HttpResponse<String> response = send(get(url).header("Accept", "text/turtle").build());
                if (response.statusCode() != 200) break;
                Graph page = parse(response.body(), "text/turtle", url);
                page.find().forEachRemaining(triples::add);
                String self = url;
                url = page.find(NodeFactory.createURI(self), next, Node.ANY).nextOptional().map(t -> t.getObject().getURI()).orElse(null);
            }
            return triples;
        }

        /** Canonical IRIs go to the server's /id/ (as data and as a page); the server's own URLs as they are. */
        private void follow(String iri, String accept) {
            String noFragment = iri.contains("#") ? iri.substring(0, iri.indexOf('#')) : iri;
            if (noFragment.startsWith(CANONICAL_ID)) {
                String resource = noFragment.substring(CANONICAL_ID.length());
                String url = server + "/id/" + resource;
                offer(url, TYPES.get(extensionFor(resource)) + ", text/turtle;q=0.5");
                offer(url, BROWSER);
            } else if (noFragment.startsWith(server + "/") || noFragment.equals(server)) {
                offer(noFragment, accept);
            }
        }
    }

    // 4. Independent parsers.

    @Test
    void rdflibParsesDataDocumentsAndDumps(@TempDir Path dir) throws Exception {
        ExternalTool.requirePythonModule("rdflib", "python3-rdflib");
        Map<String, String> rdflibFormats = Map.of("ttl", "turtle", "nt", "nt", "jsonld", "json-ld", "rdf", "xml", "trig", "trig");
        List<String> args = new ArrayList<>();
        Map<String, Long> expected = new TreeMap<>();
        for (String resource : List.of(MILESTONE, "organisation/ibcr", "city/paris", "participation/international-tribunal.ibcr.founder",
                "topic/childrens-rights", "quantity/tribunal-hearings")) {
            for (String ext : TYPES.keySet()) {
                String url = base + "/data/" + resource + "." + ext;
                HttpResponse<byte[]> response = sendBytes(get(url).build());
                assertEquals(200, response.statusCode(), url);
                Path file = dir.resolve(resource.replace('/', '_') + "." + ext);
                Files.write(file, response.body());
                args.add(rdflibFormats.get(ext) + "=" + file);
                expected.put(file.toString(), (long) parse(new String(response.body(), StandardCharsets.UTF_8), TYPES.get(ext), url).size());
            }
        }
        // What the server serves: the three named graphs of its store (their union has no triple twice).
        long quads = 0;
        for (Node name : List.of(built.iris().ontologyGraph(), built.iris().dataGraph(), built.iris().descriptionGraph())) {
            long size = main.graphSize().applyAsLong(name);
            assertEquals(built.dataset().getGraph(name).size(), size, name + " in the store");
            quads += size;
        }
        long triples = built.union().size();
        assertEquals(quads, triples, "a triple in two graphs");
        Map<String, Path> dumps = fetchDumps(dir);
        for (var dump : dumps.entrySet()) {
            String name = dump.getKey();
            String ext = name.endsWith(".nt.gz") ? "nt" : name.substring(name.lastIndexOf('.') + 1);
            args.add(rdflibFormats.get(ext) + "=" + dump.getValue());
            expected.put(dump.getValue().toString(), ext.equals("trig") ? quads : triples);
        }
        Path script = dir.resolve("count.py");
        Files.writeString(script, String.join("\n",
                "import json, sys",
                "import rdflib",
                "counts = {}",
                "for arg in sys.argv[1:]:",
                "    fmt, path = arg.split('=', 1)",
                "    if fmt == 'trig':",
                "        g = rdflib.ConjunctiveGraph()",
                "        g.parse(path, format=fmt)",
                "        counts[path] = sum(len(c) for c in g.contexts())",
                "    else:",
                "        g = rdflib.Graph()",
                "        g.parse(path, format=fmt)",
                "        counts[path] = len(g)",
                "print(json.dumps(counts))", ""), StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(ExternalTool.PYTHON, script.toString()));
        command.addAll(args);
        ExternalTool.Result result = ExternalTool.run(command);
        assertEquals(0, result.code(), () -> "rdflib failed: " + result.err());
        Map<String, Long> counted = new TreeMap<>();
        var json = org.apache.jena.atlas.json.JSON.parse(result.out().strip());
        for (String key : json.keys()) counted.put(key, json.get(key).getAsNumber().value().longValue());
        assertEquals(expected, counted, "triples rdflib counts in each file (data documents: as Jena parses them; dumps: the dataset)");
    }

    @Test
    void rapperParsesTheTurtleAndRdfXmlDumps(@TempDir Path dir) throws Exception {
        ExternalTool.require("rapper", "raptor2-utils");
        Map<String, Path> dumps = fetchDumps(dir);
        long triples = built.union().size();
        for (var entry : Map.of("ibcr.ttl", "turtle", "ibcr.rdf", "rdfxml", "ibcr.nt.gz", "ntriples").entrySet()) {
            Path file = dumps.get(entry.getKey());
            ExternalTool.Result result = ExternalTool.run(List.of("rapper", "-i", entry.getValue(), "-c", file.toString()));
            assertEquals(0, result.code(), () -> entry.getKey() + ": rapper failed: " + result.err());
            Matcher m = Pattern.compile("returned (\\d+) triples").matcher(result.err());
            assertTrue(m.find(), entry.getKey() + ": rapper said " + result.err());
            assertEquals(triples, Long.parseLong(m.group(1)), entry.getKey() + ": triples rapper counts");
            assertFalse(result.err().toLowerCase(Locale.ROOT).contains("error"), entry.getKey() + ": " + result.err());
        }
    }

    /** The five dumps, written to files (the gzipped N-Triples decompressed). */
    private static Map<String, Path> fetchDumps(Path dir) throws IOException, InterruptedException {
        Map<String, Path> files = new LinkedHashMap<>();
        for (String name : List.of("ibcr.ttl", "ibcr.nt.gz", "ibcr.jsonld", "ibcr.rdf", "ibcr.trig")) {
            HttpResponse<byte[]> response = sendBytes(get(base + "/dumps/" + name).build());
            assertEquals(200, response.statusCode(), name);
            byte[] body = response.body();
            if (name.endsWith(".gz")) {
                assertEquals("application/gzip", mediaType(response), name);
                try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    body = gz.readAllBytes();
                }
            }
            Path file = dir.resolve(name.endsWith(".gz") ? "ibcr.nt" : name);
            Files.write(file, body);
            files.put(name, file);
        }
        return files;
    }

    // 5. Pages.

    @Test
    void resourcePageInBothLanguages() throws Exception {
        String path = "/page/organisation/ibcr";
        String english = "International Bureau for Children's Rights";
        String french = "Bureau international des droits des enfants";

        HttpResponse<String> en = send(get(base + path).header("Accept", BROWSER).build());
        assertStatus(200, en, path);
        assertEquals("text/html", mediaType(en));
        assertEquals("en", en.headers().firstValue("Content-Language").orElse(null));
        assertTrue(en.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Accept-Language")), "Vary: " + en.headers().allValues("Vary"));
        assertEquals(english, h1(en.body()), "English by default");
        assertTrue(en.body().contains("<html lang=\"en\">"));

        for (HttpRequest request : List.of(get(base + path + "?lang=fr").header("Accept", BROWSER).build(),
                get(base + path).header("Accept", BROWSER).header("Accept-Language", "fr").build(),
                get(base + path).header("Accept", BROWSER).header("Accept-Language", "fr-CA,fr;q=0.9,en;q=0.5").build(),
                get(base + path + "?lang=fr").header("Accept-Language", "en").build())) {
            HttpResponse<String> fr = send(request);
            assertStatus(200, fr, request.uri() + " " + request.headers().map());
            assertEquals(french, h1(fr.body()), request.uri() + " " + request.headers().map());
            assertTrue(fr.body().contains("<html lang=\"fr\">"));
            assertEquals("fr", fr.headers().firstValue("Content-Language").orElse(null));
        }
        HttpResponse<String> enByParam = send(get(base + path + "?lang=en").header("Accept-Language", "fr").build());
        assertEquals(english, h1(enByParam.body()), "?lang=en wins over Accept-Language");
        assertEquals(english, h1(send(get(base + path).header("Accept-Language", "de, es;q=0.5").build()).body()), "other languages: English");

        // The language switch is a visible link, and it leads to the other language.
        String enSwitch = attribute(en.body(), "a", "id=\"lang-switch\"", "href");
        HttpResponse<String> switched = send(get(URI.create(base + path).resolve(enSwitch).toString()).build());
        assertStatus(200, switched, "language switch " + enSwitch);
        assertEquals(french, h1(switched.body()));
        String frSwitch = attribute(switched.body(), "a", "id=\"lang-switch\"", "href");
        assertEquals(english, h1(send(get(URI.create(base + path).resolve(frSwitch).toString()).header("Accept-Language", "fr").build()).body()),
                "the switch back to English");

        String html = en.body();
        String iri = CANONICAL_ID + "organisation/ibcr";
        // The canonical IRI.
        assertTrue(html.contains("<code>" + iri + "</code>"), "the page shows its IRI");
        assertEquals(iri, attribute(html, "link", "rel=\"canonical\"", "href"));

        // Embedded JSON-LD with schema.org statements about the resource.
        Graph jsonld = embeddedJsonLd(html, base + path);
        Node s = NodeFactory.createURI(iri);
        assertTrue(jsonld.contains(s, RDF.type.asNode(), SchemaDO.NGO.asNode()), "JSON-LD: a schema:NGO: " + jsonld);
        assertTrue(jsonld.contains(s, SchemaDO.name.asNode(), NodeFactory.createLiteralLang(french, "fr")), "JSON-LD: the French name");
        assertTrue(jsonld.contains(s, SchemaDO.name.asNode(), NodeFactory.createLiteralLang(english, "en")), "JSON-LD: the English name");
        jsonld.find().forEachRemaining(t -> {
            assertTrue(t.getPredicate().getURI().startsWith(SchemaDO.NS) || (t.getPredicate().equals(RDF.type.asNode())
                    && t.getObject().getURI().startsWith(SchemaDO.NS)), "JSON-LD states schema.org terms only: " + t);
            assertTrue(built.data().contains(t), "JSON-LD states what the data does not: " + t);
        });
        built.data().find(s, Node.ANY, Node.ANY).forEachRemaining(t -> {
            if (t.getPredicate().getURI().startsWith(SchemaDO.NS)) assertTrue(jsonld.contains(t), "JSON-LD lacks " + t);
        });

        // An alternate link for each format, which serves that format.
        for (var type : TYPES.entrySet()) {
            String href = attribute(html, "link", "rel=\"alternate\" type=\"" + type.getValue() + "\"", "href");
            assertEquals("/data/organisation/ibcr." + type.getKey(), href);
            HttpResponse<String> doc = send(get(base + href).build());
            assertStatus(200, doc, href);
            assertEquals(type.getValue(), mediaType(doc));
            assertDescribes(parse(doc.body(), type.getValue(), base + href), iri, href);
        }

        // Roles in milestones: each participation of the IBCR, with its milestone and role.
        String roles = section(html, "<table class=\"roles\">", "</table>");
        List<String> roleLinks = hrefs(roles);
        int participations = 0;
        for (Triple p : built.data().find(Node.ANY, IBCR.agent.asNode(), s).toList()) {
            participations++;
            Node milestone = built.data().find(Node.ANY, IBCR.qualifiedParticipation.asNode(), p.getSubject()).next().getSubject();
            Node role = built.data().find(p.getSubject(), IBCR.role.asNode(), Node.ANY).next().getObject();
            assertTrue(roleLinks.contains(pageOf(milestone)), "roles: no link to " + milestone);
            assertTrue(roleLinks.contains(pageOf(role)), "roles: no link to " + role);
        }
        assertTrue(participations > 10, "the IBCR's participations: " + participations);
        assertEquals(participations, count(roles, "<tr><td>"), "one row per role in a milestone");
        assertTrue(Html.unescape(roles).contains("International Tribunal for Children's Rights</a></td><td><a href=\"/page/role/founder\">founder</a>"),
                "the IBCR founded the tribunal");

        // Referenced by: every subject that links to the IBCR with one of our terms.
        assertTrue(html.contains("<h2>Referenced by</h2>"), "no inverse links");
        List<String> inverse = hrefs(section(html, "<table class=\"inverse\">", "</table>"));
        built.data().find(Node.ANY, Node.ANY, s).forEachRemaining(t -> {
            String p = t.getPredicate().getURI();
            if (p.startsWith(IBCR.NS) || p.startsWith(SKOS.getURI())) {
                assertTrue(inverse.contains(pageOf(t.getSubject())), "Referenced by lacks " + t.getSubject() + " (" + p + ")");
            }
        });
        assertTrue(inverse.contains("/page/milestone/ibcr-founding"), "the founding establishes the IBCR");

        // French interface texts on the French page.
        HttpResponse<String> fr = send(get(base + path + "?lang=fr").build());
        assertTrue(fr.body().contains("<h2>Cité par</h2>") && fr.body().contains("<h2>Rôles dans des jalons</h2>"), "French headings");
        assertTrue(Html.unescape(fr.body()).contains("Tribunal international des droits de l'enfant</a>"), "French milestone labels");

        assertStatus(400, send(get(base + path + "?lang=xx").build()), "?lang=xx");
        assertStatus(400, send(get(base + "/?lang=de").build()), "/?lang=de");
        HttpResponse<String> badInBrowser = send(get(base + path + "?lang=xx").header("Accept", BROWSER).build());
        assertStatus(400, badInBrowser, "?lang=xx in a browser");
        assertEquals("text/html", mediaType(badInBrowser));
    }

    @Test
    void externalIdentifiersAndFallbackLabels() throws Exception {
        HttpResponse<String> paris = send(get(base + "/page/city/paris").build());
        assertStatus(200, paris, "/page/city/paris");
        String external = section(paris.body(), "<ul class=\"external\">", "</ul>");
        assertTrue(hrefs(external).contains("http://www.wikidata.org/entity/Q90"), "Paris links to Wikidata Q90: " + external);
        assertTrue(external.contains("Wikidata Q90"), external);
        for (Triple t : built.data().find(Node.ANY, OWL.sameAs.asNode(), Node.ANY).toList()) {
            String page = "/page/" + resourcePath(t.getSubject()).orElseThrow();
            HttpResponse<String> response = send(get(base + page).build());
            assertTrue(hrefs(section(response.body(), "<ul class=\"external\">", "</ul>")).contains(t.getObject().getURI()),
                    page + " lacks its external identifier " + t.getObject());
        }

        // A resource with no French label falls back to English on the French page. The bundled data has French
        // for everything (FrenchTest), so the fallback is served from a folder that leaves some French out.
        BuiltGraph partial = GraphBuild.from(CsvHistory.open(Path.of("src/test/resources/golden/one-of-each/data"))).build();
        List<Node> englishOnly = new ArrayList<>();
        partial.data().find(Node.ANY, RDFS.label.asNode(), Node.ANY).forEachRemaining(t -> {
            Node n = t.getSubject();
            boolean hasFrench = partial.data().find(n, RDFS.label.asNode(), Node.ANY).toList().stream()
                    .anyMatch(l -> l.getObject().getLiteralLanguage().equals("fr"));
            if (!hasFrench && t.getObject().getLiteralLanguage().equals("en") && resourcePath(n).isPresent() && !englishOnly.contains(n)) {
                englishOnly.add(n);
            }
        });
        assertFalse(englishOnly.isEmpty(), "the data has no resource without a French label to test the fallback with");
        try (Running other = serve(partial, "")) {
            for (Node n : englishOnly) {
                String label = partial.data().find(n, RDFS.label.asNode(), Node.ANY).next().getObject().getLiteralLexicalForm();
                HttpResponse<String> fr = send(get(other.base() + pageOf(n) + "?lang=fr").build());
                assertStatus(200, fr, pageOf(n));
                assertTrue(fr.body().contains("<html lang=\"fr\">"));
                assertEquals(label, h1(fr.body()), pageOf(n) + "?lang=fr falls back to the English label");
            }
        }
    }

    @Test
    void ontologyPageAndGraph() throws Exception {
        Graph ontology = GraphFactory.createDefaultGraph();
        RDFParser.source(Path.of("ontology", "ibcr.ttl")).parse(ontology);

        HttpResponse<String> page = send(get(base + "/ontology").header("Accept", BROWSER).build());
        assertStatus(200, page, "/ontology");
        assertEquals("text/html", mediaType(page));
        assertVaryAccept(page, "/ontology");
        String html = Html.unescape(page.body());
        int terms = 0;
        for (Node kind : List.of(OWL.Class.asNode(), OWL.ObjectProperty.asNode(), OWL.DatatypeProperty.asNode())) {
            for (Triple t : ontology.find(Node.ANY, RDF.type.asNode(), kind).toList()) {
                String term = t.getSubject().getURI();
                assertTrue(term.startsWith(IBCR.NS), term);
                String local = term.substring(IBCR.NS.length());
                terms++;
                String entry = section(html, "<section class=\"term\" id=\"" + local + "\">", "</section>");
                String label = literal(ontology, t.getSubject(), RDFS.label.asNode(), "en");
                String definition = literal(ontology, t.getSubject(), SKOS.definition.asNode(), "en");
                assertTrue(entry.contains(label), local + ": no label '" + label + "' in " + entry);
                assertTrue(entry.contains(definition), local + ": no definition in " + entry);
                assertTrue(entry.contains("ibcr:" + local), local);
            }
        }
        assertTrue(terms > 50, "terms: " + terms);
        assertEquals(terms, count(page.body(), "<section class=\"term\""), "one entry per term, nothing else");
        // In French, the French labels.
        String french = Html.unescape(send(get(base + "/ontology?lang=fr").header("Accept", BROWSER).build()).body());
        assertTrue(french.contains(literal(ontology, IBCR.Milestone.asNode(), RDFS.label.asNode(), "fr")), "French class labels");

        for (var c : Map.of("text/turtle", "text/turtle", "application/ld+json", "application/ld+json",
                "application/n-triples", "application/n-triples", "application/rdf+xml", "application/rdf+xml").entrySet()) {
            HttpResponse<String> rdf = send(get(base + "/ontology").header("Accept", c.getKey()).build());
            assertStatus(200, rdf, "/ontology as " + c.getKey());
            assertEquals(c.getValue(), mediaType(rdf));
            assertVaryAccept(rdf, "/ontology as " + c.getKey());
            Graph served = parse(rdf.body(), c.getValue(), base + "/ontology");
            assertTrue(IsoMatcher.isomorphic(ontology, served), "/ontology as " + c.getKey() + " is not ontology/ibcr.ttl: "
                    + ontology.size() + " against " + served.size() + " triples");
        }
        for (var ext : TYPES.entrySet()) {
            HttpResponse<String> rdf = send(get(base + "/ontology." + ext.getKey()).build());
            assertStatus(200, rdf, "/ontology." + ext.getKey());
            assertEquals(ext.getValue(), mediaType(rdf));
            assertTrue(IsoMatcher.isomorphic(ontology, parse(rdf.body(), ext.getValue(), base + "/ontology")), "/ontology." + ext.getKey());
        }
        assertStatus(406, send(get(base + "/ontology").header("Accept", "image/png").build()), "/ontology as image/png");
    }

    @Test
    void homeClassIndexesSitemapAndRobots() throws Exception {
        HttpResponse<String> home = send(get(base + "/").header("Accept", BROWSER).build());
        assertStatus(200, home, "/");
        String html = home.body();

        // Counts by class: those of the dataset description's class partition.
        Graph description = built.dataset().getGraph(built.iris().descriptionGraph());
        Map<String, String> expectedCounts = new TreeMap<>();
        for (Triple t : description.find(built.iris().dataset(), VOID.classPartition.asNode(), Node.ANY).toList()) {
            Node cls = description.find(t.getObject(), VOID._class.asNode(), Node.ANY).next().getObject();
            Node n = description.find(t.getObject(), VOID.entities.asNode(), Node.ANY).next().getObject();
            if (cls.getURI().startsWith(IBCR.NS)) expectedCounts.put(cls.getURI().substring(IBCR.NS.length()), n.getLiteralLexicalForm());
        }
        Map<String, String> counts = new TreeMap<>();
        Matcher row = Pattern.compile("<tr><th><a href=\"/class/([A-Za-z]+)\">[^<]*</a></th><td>(\\d+)</td></tr>")
                .matcher(section(html, "<table class=\"counts\">", "</table>"));
        while (row.find()) counts.put(row.group(1), row.group(2));
        assertTrue(expectedCounts.size() > 5, "class partition: " + expectedCounts);
        assertEquals(expectedCounts, counts, "the home page's counts by class");

        // The timeline lists every milestone.
        List<String> timeline = hrefs(section(html, "<ol class=\"timeline\">", "</ol>"));
        Set<String> milestones = new TreeSet<>();
        built.data().find(Node.ANY, RDF.type.asNode(), IBCR.Milestone.asNode()).forEachRemaining(t -> milestones.add(pageOf(t.getSubject())));
        assertTrue(milestones.size() > 20);
        assertEquals(milestones, new TreeSet<>(timeline), "the timeline's milestones");
        assertEquals(milestones.size(), timeline.size(), "each milestone once on the timeline");

        // Each class page lists all its members.
        for (String local : List.of("Milestone", "Organisation", "City", "Participation", "Foundation")) {
            Set<String> members = new TreeSet<>();
            built.data().find(Node.ANY, RDF.type.asNode(), NodeFactory.createURI(IBCR.NS + local))
                    .forEachRemaining(t -> members.add(pageOf(t.getSubject())));
            assertFalse(members.isEmpty(), local);
            HttpResponse<String> page = send(get(base + "/class/" + local).build());
            assertStatus(200, page, "/class/" + local);
            List<String> listed = hrefs(section(page.body(), "<ul class=\"members\">", "</ul>"));
            assertEquals(members, new TreeSet<>(listed), "/class/" + local + " lists its members");
            assertEquals(members.size(), listed.size(), "/class/" + local + ": each member once");
        }

        // The sitemap: valid XML, every page of every minted subject.
        HttpResponse<String> sitemap = send(get(base + "/sitemap.xml").build());
        assertStatus(200, sitemap, "/sitemap.xml");
        assertTrue(mediaType(sitemap).endsWith("xml"), mediaType(sitemap));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document xml = factory.newDocumentBuilder().parse(new ByteArrayInputStream(sitemap.body().getBytes(StandardCharsets.UTF_8)));
        assertEquals("http://www.sitemaps.org/schemas/sitemap/0.9", xml.getDocumentElement().getNamespaceURI());
        assertEquals("urlset", xml.getDocumentElement().getLocalName());
        NodeList locs = xml.getElementsByTagNameNS("http://www.sitemaps.org/schemas/sitemap/0.9", "loc");
        Set<String> listed = new HashSet<>();
        for (int i = 0; i < locs.getLength(); i++) listed.add(locs.item(i).getTextContent().strip());
        Set<String> missing = new TreeSet<>();
        for (Triple t : built.data().find().toList()) {
            resourcePath(t.getSubject()).map(p -> base + "/page/" + p).filter(u -> !listed.contains(u)).ifPresent(missing::add);
        }
        assertTrue(missing.isEmpty(), "pages missing from the sitemap: " + missing);
        assertTrue(listed.contains(base + "/"), "the home page is in the sitemap");
        for (String url : listed) {
            assertTrue(url.startsWith(base + "/"), "a sitemap URL off this server: " + url);
            assertEquals(200, send(get(url).build()).statusCode(), url);
        }

        HttpResponse<String> robots = send(get(base + "/robots.txt").build());
        assertStatus(200, robots, "/robots.txt");
        assertEquals("text/plain", mediaType(robots));
        assertTrue(robots.body().lines().anyMatch(l -> l.equals("Sitemap: " + base + "/sitemap.xml")), robots.body());
    }

    @Test
    void datasetDescriptionIsNegotiated() throws Exception {
        for (String path : List.of("/.well-known/void", "/dataset")) {
            HttpResponse<String> turtle = send(get(base + path).header("Accept", "text/turtle").build());
            assertStatus(200, turtle, path);
            assertEquals("text/turtle", mediaType(turtle));
            assertVaryAccept(turtle, path);
            Graph g = parse(turtle.body(), "text/turtle", base + path);
            Node dataset = built.iris().dataset();
            assertTrue(g.contains(dataset, VOID.sparqlEndpoint.asNode(), NodeFactory.createURI(base + "/ibcr/sparql")), path + ": endpoint");
            for (String dump : List.of("ibcr.ttl", "ibcr.nt.gz", "ibcr.jsonld", "ibcr.rdf", "ibcr.trig")) {
                assertTrue(g.contains(dataset, VOID.dataDump.asNode(), NodeFactory.createURI(base + "/dumps/" + dump)), path + ": " + dump);
            }
            Graph description = built.dataset().getGraph(built.iris().descriptionGraph());
            description.find().forEachRemaining(t -> assertTrue(g.contains(t), path + " lacks " + t));
            HttpResponse<String> jsonld = send(get(base + path).header("Accept", "application/ld+json").build());
            assertEquals("application/ld+json", mediaType(jsonld));
            assertTrue(IsoMatcher.isomorphic(g, parse(jsonld.body(), "application/ld+json", base + path)), path + " as JSON-LD");
            HttpResponse<String> browser = send(get(base + path).header("Accept", BROWSER).build());
            assertStatus(303, browser, path + " in a browser");
            assertEquals(base + "/", location(browser, path).toString());
            assertVaryAccept(browser, path + " in a browser");
        }
    }

    // 6. Hostile data is escaped.

    @Test
    void hostileDataIsEscapedOnEveryPage(@TempDir Path dir) throws Exception {
        String script = "<script>alert(1)</script>";
        String breakout = "\"><img src=x onerror=alert(1)>";
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        try (Stream<Path> files = Files.list(Path.of("data"))) {
            for (Path f : files.toList()) Files.copy(f, data.resolve(f.getFileName()));
        }
        replaceOnce(data.resolve("organisations.csv"), "paniamor-foundation,foundation,Paniamor Foundation,",
                "paniamor-foundation,foundation," + script + ",");
        // In CSV, inside a quoted field, a quote is doubled.
        replaceOnce(data.resolve("milestones.csv"), "\"Some years after 2010, the IBCR works",
                "\"Some years after 2010 " + breakout.replace("\"", "\"\"") + ", the IBCR works");
        BuiltGraph hostile = GraphBuild.from(CsvHistory.open(data)).build();
        Node foundation = NodeFactory.createURI(CANONICAL_ID + "organisation/paniamor-foundation");
        Node milestone = NodeFactory.createURI(CANONICAL_ID + "milestone/costa-rica-child-sex-tourism");
        assertTrue(hostile.data().contains(foundation, RDFS.label.asNode(), NodeFactory.createLiteralLang(script, "en")), "the name did not change");
        assertTrue(hostile.data().find(milestone, SchemaDO.description.asNode(), Node.ANY).toList().stream()
                .anyMatch(t -> t.getObject().getLiteralLexicalForm().contains(breakout)), "the description did not change");

        try (Running server = serve(hostile, "")) {
            // Every page where the name or the description appears.
            Set<String> pages = new LinkedHashSet<>(List.of("/page/organisation/paniamor-foundation", pageOf(milestone),
                    "/class/Foundation", "/class/Organisation", "/class/NGO", "/class/Participation", "/"));
            hostile.data().find(Node.ANY, Node.ANY, foundation).forEachRemaining(t -> pages.add(pageOf(t.getSubject())));
            hostile.data().find(foundation, Node.ANY, Node.ANY).forEachRemaining(t -> {
                if (t.getObject().isURI() && resourcePath(t.getObject()).isPresent()) pages.add(pageOf(t.getObject()));
            });
            hostile.data().find(Node.ANY, IBCR.agent.asNode(), foundation).forEachRemaining(t -> {
                pages.add(pageOf(t.getSubject()));
                hostile.data().find(Node.ANY, IBCR.qualifiedParticipation.asNode(), t.getSubject())
                        .forEachRemaining(m -> pages.add(pageOf(m.getSubject())));
                hostile.data().find(t.getSubject(), IBCR.role.asNode(), Node.ANY).forEachRemaining(r -> pages.add(pageOf(r.getObject())));
            });
            // Where the English name or description must show, as text.
            Set<String> showName = Set.of("/page/organisation/paniamor-foundation", pageOf(milestone), "/class/Foundation", "/class/Organisation");
            for (String page : pages) {
                for (String lang : List.of("", "?lang=fr")) {
                    HttpResponse<String> response = send(get(server.base() + page + lang).header("Accept", BROWSER).build());
                    assertStatus(200, response, page + lang);
                    String html = response.body();
                    String what = page + lang;
                    assertFalse(html.contains(script) || html.toLowerCase(Locale.ROOT).contains("<script>alert"), what + ": raw script");
                    assertFalse(html.contains("<img"), what + ": a raw img element");
                    assertFalse(html.contains(breakout), what + ": the attribute breakout is raw");
                    if (Html.unescape(html).contains(script) || (lang.isEmpty() && showName.contains(page))) {
                        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), what + ": the name is not shown as escaped text");
                    }
                    if (lang.isEmpty() && page.equals(pageOf(milestone))) {
                        assertTrue(html.contains("&lt;img src"), what + ": the description is not shown as escaped text");
                        assertTrue(Html.unescape(html).contains(breakout), what + ": the description does not read as written");
                    }
                    for (String json : scripts(html)) {
                        String lower = json.toLowerCase(Locale.ROOT);
                        assertFalse(lower.contains("</script") || lower.contains("<script") || lower.contains("<!--"),
                                what + ": the embedded JSON-LD can close or open a script element: " + json);
                        assertFalse(json.contains("<img"), what + ": raw markup in the JSON-LD");
                    }
                }
            }

            // The escaped JSON-LD still says what the data says.
            String orgPage = server.base() + "/page/organisation/paniamor-foundation";
            Graph jsonld = embeddedJsonLd(send(get(orgPage).build()).body(), orgPage);
            assertTrue(jsonld.contains(foundation, SchemaDO.name.asNode(), NodeFactory.createLiteralLang(script, "en")),
                    "the JSON-LD lost the name: " + jsonld);
            String milestonePage = server.base() + pageOf(milestone);
            Graph milestoneJsonld = embeddedJsonLd(send(get(milestonePage).build()).body(), milestonePage);
            assertTrue(milestoneJsonld.find(milestone, SchemaDO.description.asNode(), Node.ANY).toList().stream()
                    .anyMatch(t -> t.getObject().getLiteralLexicalForm().contains(breakout)), "the JSON-LD lost the description");

            // The timeline names the milestone, whose name did not change; the home page shows no hostile text raw.
            String homePage = send(get(server.base() + "/").build()).body();
            assertTrue(hrefs(section(homePage, "<ol class=\"timeline\">", "</ol>")).contains(pageOf(milestone)));
        }
    }

    private static void replaceOnce(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int at = text.indexOf(from);
        assertTrue(at >= 0 && text.indexOf(from, at + 1) < 0, file + " does not contain '" + from + "' exactly once");
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }

    // 7. Behind a proxy.

    @Test
    void publicBaseMakesLinksAbsolute() throws Exception {
        String pub = "https://data.example.org/kg";
        try (Running proxied = serve(built, pub + "/")) {
            String local = proxied.base();
            HttpResponse<String> toPage = send(get(local + "/id/" + MILESTONE).header("Accept", BROWSER).build());
            assertStatus(303, toPage, "303 behind a proxy");
            assertEquals(pub + "/page/" + MILESTONE, toPage.headers().firstValue("Location").orElse(null));
            HttpResponse<String> toData = send(get(local + "/id/" + MILESTONE).header("Accept", "application/ld+json").build());
            assertEquals(pub + "/data/" + MILESTONE + ".jsonld", toData.headers().firstValue("Location").orElse(null));

            for (String path : List.of("/page/" + MILESTONE, "/page/organisation/ibcr", "/", "/class/Milestone")) {
                HttpResponse<String> page = send(get(local + path).build());
                assertStatus(200, page, path + " behind a proxy");
                String html = page.body();
                List<String> links = hrefs(html);
                assertFalse(links.isEmpty());
                for (String href : links) {
                    assertTrue(href.startsWith("http://") || href.startsWith("https://"), path + ": a relative link behind a proxy: " + href);
                    if (href.startsWith("https://data.example.org")) assertTrue(href.startsWith(pub + "/"), path + ": " + href);
                }
                assertTrue(links.contains(pub + "/"), path + ": the home link");
                assertTrue(links.stream().anyMatch(h -> h.startsWith(pub + "/page/")), path + ": no page link under the public base");
                if (path.startsWith("/page/")) {
                    String iri = CANONICAL_ID + path.substring("/page/".length());
                    assertTrue(html.contains("<code>" + iri + "</code>"), path + ": the canonical IRI is still shown");
                    assertEquals(iri, attribute(html, "link", "rel=\"canonical\"", "href"));
                    assertEquals(pub + "/data/" + path.substring("/page/".length()) + ".ttl",
                            attribute(html, "link", "rel=\"alternate\" type=\"text/turtle\"", "href"));
                    String langSwitch = attribute(html, "a", "id=\"lang-switch\"", "href");
                    assertEquals(pub + path + "?lang=fr", langSwitch);
                }
            }
            Graph voidGraph = parse(send(get(local + "/.well-known/void").header("Accept", "text/turtle").build()).body(), "text/turtle", local);
            assertTrue(voidGraph.contains(built.iris().dataset(), VOID.sparqlEndpoint.asNode(), NodeFactory.createURI(pub + "/ibcr/sparql")),
                    "VoID names the public endpoint");
            assertTrue(send(get(local + "/robots.txt").build()).body().contains("Sitemap: " + pub + "/sitemap.xml"));
            String sitemap = send(get(local + "/sitemap.xml").build()).body();
            assertTrue(sitemap.contains("<loc>" + pub + "/page/" + MILESTONE + "</loc>"), "the sitemap uses the public base");
            assertFalse(sitemap.contains(local), "the sitemap names the local address");
            HttpResponse<String> notFound = send(get(local + "/page/city/atlantis").header("Accept", BROWSER).build());
            assertStatus(404, notFound, "404 behind a proxy");
            assertTrue(hrefs(notFound.body()).contains(pub + "/"), "the 404 page links home under the public base");
        }
    }

    // Helpers.

    /** {@code kind/slug} of a minted IRI, its fragment dropped. */
    private static Optional<String> resourcePath(Node n) {
        if (!n.isURI() || !n.getURI().startsWith(CANONICAL_ID)) return Optional.empty();
        String rest = n.getURI().substring(CANONICAL_ID.length());
        int hash = rest.indexOf('#');
        return Optional.of(hash < 0 ? rest : rest.substring(0, hash));
    }

    private static String pageOf(Node n) {
        return "/page/" + resourcePath(n).orElseThrow(() -> new AssertionError("not a minted resource: " + n));
    }

    private static String extensionOf(String path) {
        int dot = path.lastIndexOf('.');
        return path.startsWith("/data/") && dot > 0 ? path.substring(dot + 1) : null;
    }

    private static String literal(Graph g, Node s, Node p, String lang) {
        return g.find(s, p, Node.ANY).toList().stream().map(Triple::getObject)
                .filter(o -> o.isLiteral() && o.getLiteralLanguage().equals(lang)).map(Node::getLiteralLexicalForm).findFirst()
                .orElseThrow(() -> new AssertionError(s + " has no " + p + " in " + lang));
    }

    private static Graph parse(String body, String mediaType, String base) {
        Lang lang = RDFLanguages.contentTypeToLang(mediaType);
        assertTrue(lang != null, "not an RDF type: " + mediaType);
        Graph graph = GraphFactory.createDefaultGraph();
        RDFParser.fromString(body, lang).base(base).parse(graph);
        return graph;
    }

    /** The {@code <script type="application/ld+json">} elements' contents. */
    private static List<String> scripts(String html) {
        return Jsoup.parse(html).select("script[type=application/ld+json]").stream().map(Element::data).toList();
    }

    private static Graph embeddedJsonLd(String html, String url) {
        List<String> scripts = scripts(html);
        assertEquals(1, scripts.size(), url + ": one JSON-LD script element");
        return parse(scripts.get(0), "application/ld+json", url);
    }

    /** The text between the first {@code start} and the next {@code end}. */
    private static String section(String html, String start, String end) {
        int from = html.indexOf(start);
        assertTrue(from >= 0, "no " + start + " in the page");
        int to = html.indexOf(end, from + start.length());
        assertTrue(to >= 0, "no " + end + " after " + start);
        return html.substring(from + start.length(), to);
    }

    private static String h1(String html) {
        Element h1 = Jsoup.parse(html).selectFirst("h1");
        assertNotNull(h1, "no <h1> in the page");
        return h1.text();
    }

    /** An attribute of the first {@code <tag>} with the attributes {@code marker} ({@code a="x" b="y"}). */
    private static String attribute(String html, String tag, String marker, String name) {
        StringBuilder css = new StringBuilder(tag);
        Matcher pair = Pattern.compile("([\\w-]+)=\"([^\"]*)\"").matcher(marker);
        while (pair.find()) css.append('[').append(pair.group(1)).append("=\"").append(pair.group(2)).append("\"]");
        Element element = Jsoup.parse(html).selectFirst(css.toString());
        if (element == null) return fail("no <" + tag + "> with " + marker);
        assertTrue(element.hasAttr(name), element + " has no " + name);
        return element.attr(name);
    }

    /** Every {@code href} of a piece of HTML. */
    private static List<String> hrefs(String html) {
        return Jsoup.parseBodyFragment(html).select("[href]").eachAttr("href");
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) n++;
        return n;
    }

    private static HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).GET();
    }

    private static HttpRequest.Builder withAccept(HttpRequest.Builder builder, String accept) {
        return accept == null ? builder : builder.header("Accept", accept);
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<byte[]> sendBytes(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, BodyHandlers.ofByteArray());
    }

    private static URI location(HttpResponse<?> response, String what) {
        String location = response.headers().firstValue("Location").orElseThrow(() -> new AssertionError(what + ": no Location"));
        return response.request().uri().resolve(location);
    }

    private static void assertVaryAccept(HttpResponse<?> response, String what) {
        List<String> vary = response.headers().allValues("Vary").stream()
                .flatMap(v -> Stream.of(v.split(","))).map(String::strip).collect(Collectors.toList());
        assertTrue(vary.stream().anyMatch(v -> v.equalsIgnoreCase("Accept")), what + ": Vary " + vary);
    }

    private static void assertStatus(int expected, HttpResponse<String> response, String what) {
        Supplier<String> message = () -> what + ": " + response.statusCode() + " " + response.body();
        assertEquals(expected, response.statusCode(), message);
    }

    private static String mediaType(HttpResponse<?> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
