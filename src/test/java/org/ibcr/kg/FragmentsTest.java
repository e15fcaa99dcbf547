package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.VOID;
import org.ibcr.kg.pipeline.BuiltGraph;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.store.MemoryStore;
import org.ibcr.kg.store.TdbStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Triple Pattern Fragments at {@code /fragments} over real HTTP, served from the in-memory store and from TDB2
 * alike: pages of 100 that together hold exactly the matching triples, exact counts, first/previous/next links,
 * the Hydra search form in every response and every format (each read back by Jena), terms in Comunica's syntax,
 * a repeated variable, 400 for malformed terms, ETags and 304.
 */
class FragmentsTest {
    private static final String HYDRA = "http://www.w3.org/ns/hydra/core#";
    private static final Node TOTAL = NodeFactory.createURI(HYDRA + "totalItems");
    private static final Node NEXT = NodeFactory.createURI(HYDRA + "next");
    private static final Node PREVIOUS = NodeFactory.createURI(HYDRA + "previous");
    private static final Node FIRST = NodeFactory.createURI(HYDRA + "first");
    private static final Node SEARCH = NodeFactory.createURI(HYDRA + "search");
    private static final Node TEMPLATE = NodeFactory.createURI(HYDRA + "template");
    private static final Node MAPPING = NodeFactory.createURI(HYDRA + "mapping");
    private static final Node PROPERTY = NodeFactory.createURI(HYDRA + "property");
    /** A triple whose subject is its object, in a graph of its own, for the repeated-variable pattern. */
    private static final Node LOOP = NodeFactory.createURI("https://w3id.org/ibcr/id/organisation/ibcr");
    private static final Node LOOP_GRAPH = NodeFactory.createURI("urn:test:loop");

    private static BuiltGraph built;
    private static TdbStore tdb;
    /** What both servers serve, to compute the expected answers from. */
    private static DatasetGraph memory;
    private static final Map<String, FusekiServer> servers = new java.util.LinkedHashMap<>();
    private static HttpClient http;

    @BeforeAll
    static void start() {
        built = GraphBuild.from(CsvHistory.open(Path.of("data"))).build();
        memory = MemoryStore.copyOf(built.dataset());
        Txn.executeWrite(memory, () -> memory.add(new Quad(LOOP_GRAPH, LOOP, OWL.sameAs.asNode(), LOOP)));
        tdb = TdbStore.inMemory();
        tdb.replaceGraphs(memory, (fmt, args) -> {});
        servers.put("memory", IbcrServer.create().port(0).dataset(memory).build().start());
        servers.put("tdb2", IbcrServer.create().port(0).dataset(tdb.dataset()).build().start());
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        servers.values().forEach(FusekiServer::stop);
        if (tdb != null) tdb.close();
    }

    @TestFactory
    Stream<DynamicTest> fragments() {
        return servers.entrySet().stream().flatMap(e -> {
            String base = "http://127.0.0.1:" + e.getValue().getHttpPort();
            DatasetGraph served = memory;
            return Stream.of(
                    DynamicTest.dynamicTest(e.getKey() + ": pages hold exactly the matching triples", () -> pagesHoldTheFragment(base, served)),
                    DynamicTest.dynamicTest(e.getKey() + ": every format parses and has the controls", () -> everyFormat(base)),
                    DynamicTest.dynamicTest(e.getKey() + ": literal terms as Comunica writes them", () -> literals(base, served)),
                    DynamicTest.dynamicTest(e.getKey() + ": a repeated variable", () -> repeatedVariable(base)),
                    DynamicTest.dynamicTest(e.getKey() + ": malformed terms are 400", () -> malformed(base)),
                    DynamicTest.dynamicTest(e.getKey() + ": ETag and 304", () -> notModified(base)));
        });
    }

    /** Follows hydra:next from the first page of ?s rdf:type ?o; the pages' triples are the store's, counted. */
    private static void pagesHoldTheFragment(String base, DatasetGraph served) throws Exception {
        Set<Triple> expected = Txn.calculateRead(served, () -> new HashSet<>(served.getUnionGraph().find(Node.ANY, RDF.type.asNode(), Node.ANY).toList()));
        assertTrue(expected.size() > 250, "too few typed resources to page: " + expected.size());
        String url = base + "/fragments?predicate=" + enc(RDF.type.getURI());
        Set<Triple> seen = new HashSet<>();
        int pages = 0;
        String previous = null;
        while (url != null) {
            DatasetGraph page = fetch(url, "application/trig");
            pages++;
            Graph data = page.getDefaultGraph();
            Graph meta = metadata(page, url);
            assertEquals(expected.size(), count(meta, url), url + ": hydra:totalItems");
            assertEquals(String.valueOf(expected.size()), meta.find(NodeFactory.createURI(url), VOID.triples.asNode(), Node.ANY).next()
                    .getObject().getLiteralLexicalForm(), "void:triples");
            assertTrue(meta.contains(NodeFactory.createURI(url), FIRST, Node.ANY), "hydra:first");
            assertEquals(previous != null, meta.contains(NodeFactory.createURI(url), PREVIOUS, previous == null ? Node.ANY
                    : NodeFactory.createURI(previous)), url + ": hydra:previous back to the page before");
            Optional<Triple> next = meta.find(NodeFactory.createURI(url), NEXT, Node.ANY).nextOptional();
            assertTrue(data.size() == 100 || next.isEmpty(), url + ": a page short of 100 triples is the last");
            data.find().forEachRemaining(t -> assertTrue(seen.add(t), "a triple on two pages: " + t));
            previous = url;
            url = next.map(t -> t.getObject().getURI()).orElse(null);
        }
        assertEquals(expected, seen, "the pages together");
        assertEquals((expected.size() + 99) / 100, pages, "pages of 100");
        // The whole dataset: ?s ?p ?o, counted exactly.
        long all = Txn.calculateRead(served, () -> served.getUnionGraph().find().toList().size());
        DatasetGraph first = fetch(base + "/fragments", "application/n-quads");
        assertEquals(all, count(metadata(first, base + "/fragments"), base + "/fragments"));
        assertEquals(100, first.getDefaultGraph().size());
    }

    private static void everyFormat(String base) throws Exception {
        String url = base + "/fragments?subject=" + enc(LOOP.getURI());
        for (String type : List.of("text/turtle", "application/trig", "application/n-triples", "application/n-quads", "application/ld+json")) {
            HttpResponse<String> response = send(url, type, null);
            assertEquals(200, response.statusCode(), type);
            assertEquals(type, response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip());
            Lang lang = RDFLanguages.contentTypeToLang(type);
            DatasetGraph doc = DatasetFactory.create().asDatasetGraph();
            RDFParser.fromString(response.body(), lang).base(url).parse(doc);
            Graph all = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
            doc.find().forEachRemaining(q -> all.add(q.asTriple()));
            Node dataset = all.find(Node.ANY, SEARCH, Node.ANY).nextOptional().map(Triple::getSubject).orElse(null);
            assertTrue(dataset != null, type + ": the Hydra search form");
            Node form = all.find(dataset, SEARCH, Node.ANY).next().getObject();
            assertEquals(base + "/fragments{?subject,predicate,object}", all.find(form, TEMPLATE, Node.ANY).next().getObject().getLiteralLexicalForm());
            Set<Node> properties = new HashSet<>();
            all.find(form, MAPPING, Node.ANY).forEachRemaining(m -> all.find(m.getObject(), PROPERTY, Node.ANY)
                    .forEachRemaining(t -> properties.add(t.getObject())));
            assertEquals(Set.of(RDF.subject.asNode(), RDF.predicate.asNode(), RDF.object.asNode()), properties, type + ": mappings");
            assertTrue(all.contains(LOOP, RDF.type.asNode(), Node.ANY), type + ": the data");
            assertTrue(all.contains(NodeFactory.createURI(url), TOTAL, Node.ANY), type + ": the count");
            if (lang.equals(Lang.TRIG) || lang.equals(Lang.NQUADS)) {
                assertFalse(doc.getDefaultGraph().contains(Node.ANY, TOTAL, Node.ANY), type + ": metadata kept out of the data");
            }
        }
        assertEquals(406, send(url, "image/png", null).statusCode());
        HttpResponse<String> vo = send(base + "/dataset.ttl", null, null);
        Graph voidGraph = RDFParser.fromString(vo.body(), Lang.TURTLE).toGraph();
        assertTrue(voidGraph.contains(NodeFactory.createURI(base + "/fragments#dataset"), SEARCH, Node.ANY), "VoID names the fragments' search form");
        assertTrue(voidGraph.contains(Node.ANY, org.apache.jena.vocabulary.DCAT.accessURL.asNode(), NodeFactory.createURI(base + "/fragments")),
                "VoID has the fragments as a distribution");
    }

    /** One language-tagged and one typed literal of the data, asked for as Comunica writes them. */
    private static void literals(String base, DatasetGraph served) throws Exception {
        Triple label = Txn.calculateRead(served, () -> served.getUnionGraph().find(LOOP, RDFS.label.asNode(), Node.ANY)
                .filterKeep(t -> t.getObject().getLiteralLanguage().equals("fr")).next());
        Triple typed = Txn.calculateRead(served, () -> served.getUnionGraph().find(Node.ANY, Node.ANY, Node.ANY)
                .filterKeep(t -> t.getObject().isLiteral() && t.getObject().getLiteralLanguage().isEmpty()
                        && !t.getObject().getLiteralDatatypeURI().endsWith("#string") && t.getObject().getLiteralLexicalForm().matches("[0-9-]+"))
                .next());
        for (Triple t : List.of(label, typed)) {
            Node o = t.getObject();
            String term = "\"" + o.getLiteralLexicalForm() + "\""
                    + (o.getLiteralLanguage().isEmpty() ? "^^" + o.getLiteralDatatypeURI() : "@" + o.getLiteralLanguage());
            long expected = Txn.calculateRead(served, () -> served.getUnionGraph().find(Node.ANY, t.getPredicate(), o).toList().size());
            String url = base + "/fragments?predicate=" + enc(t.getPredicate().getURI()) + "&object=" + enc(term);
            DatasetGraph doc = fetch(url, "application/trig");
            assertTrue(doc.getDefaultGraph().contains(t), url + " holds " + t);
            assertEquals(expected, doc.getDefaultGraph().size(), url);
            assertEquals(expected, count(metadata(doc, url), url));
        }
    }

    /** {@code ?x ?p ?x}: only the triple whose subject is its object; {@code ?x} once, as an absent variable. */
    private static void repeatedVariable(String base) throws Exception {
        String url = base + "/fragments?subject=" + enc("?x") + "&predicate=" + enc("?p") + "&object=" + enc("?x");
        DatasetGraph doc = fetch(url, "application/trig");
        assertEquals(Set.of(Triple.create(LOOP, OWL.sameAs.asNode(), LOOP)), Set.copyOf(doc.getDefaultGraph().find().toList()));
        assertEquals(1, count(metadata(doc, url), url));
        String differentNames = base + "/fragments?subject=" + enc("?x") + "&object=" + enc("?y") + "&predicate=" + enc(OWL.sameAs.getURI());
        DatasetGraph other = fetch(differentNames, "application/trig");
        assertTrue(count(metadata(other, differentNames), differentNames) >= 1);
    }

    private static void malformed(String base) throws Exception {
        for (String query : List.of("subject=" + enc("\"unterminated"), "object=" + enc("\"x\"^^not an iri"),
                "predicate=" + enc("\"a literal\""), "subject=" + enc("not an iri"), "object=" + enc("\"x\"@"),
                "object=" + enc("\"x\"junk"), "subject=" + enc("relative/iri"), "page=0", "page=abc")) {
            HttpResponse<String> response = send(base + "/fragments?" + query, "text/turtle", null);
            assertEquals(400, response.statusCode(), query + ": " + response.body());
            assertFalse(response.body().contains("Exception"), query + ": no stack trace");
        }
    }

    private static void notModified(String base) throws Exception {
        String url = base + "/fragments?predicate=" + enc(RDFS.label.getURI());
        HttpResponse<String> first = send(url, "text/turtle", null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, send(url, "text/turtle", etag).statusCode());
        HttpResponse<String> other = send(url, "application/n-triples", null);
        assertFalse(etag.equals(other.headers().firstValue("ETag").orElse(etag)), "each format has its own ETag");
        assertTrue(first.headers().firstValue("Vary").orElse("").contains("Accept"));
    }

    // Helpers.

    private static Graph metadata(DatasetGraph page, String url) {
        Graph meta = page.getGraph(NodeFactory.createURI(url + "#metadata"));
        assertFalse(meta.isEmpty(), url + ": the metadata graph");
        return meta;
    }

    private static long count(Graph meta, String url) {
        return Long.parseLong(meta.find(NodeFactory.createURI(url), TOTAL, Node.ANY).next().getObject().getLiteralLexicalForm());
    }

    private static DatasetGraph fetch(String url, String type) throws IOException, InterruptedException {
        HttpResponse<String> response = send(url, type, null);
        assertEquals(200, response.statusCode(), url + ": " + response.body());
        DatasetGraph doc = DatasetFactory.create().asDatasetGraph();
        RDFParser.fromString(response.body(), RDFLanguages.contentTypeToLang(type)).base(url).parse(doc);
        return doc;
    }

    private static HttpResponse<String> send(String url, String accept, String ifNoneMatch) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(30));
        if (accept != null) request.header("Accept", accept);
        if (ifNoneMatch != null) request.header("If-None-Match", ifNoneMatch);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
