package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDFS;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.store.MemoryStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SHACL shapes and the JSON-LD context are published at stable URLs, as the files of {@code ontology/}
 * themselves, and named in the VoID, so that a consumer validates and compacts with our own files.
 */
class PublishedOntologyFilesTest {
    private static FusekiServer server;
    private static String base;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        server = IbcrServer.create().port(0)
                .dataset(MemoryStore.copyOf(GraphBuild.from(CsvHistory.open(Path.of("data"))).build().dataset())).build().start();
        base = "http://127.0.0.1:" + server.getHttpPort();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.stop();
    }

    @Test
    void theShapesAreTheFileInTurtleAndTheSameGraphInEveryOtherFormat() throws Exception {
        byte[] file = Files.readAllBytes(Path.of("ontology", "shapes.ttl"));
        HttpResponse<byte[]> turtle = get("/ontology/shapes", null);
        assertEquals(200, turtle.statusCode());
        assertEquals("text/turtle", type(turtle));
        assertArrayEquals(file, turtle.body(), "the Turtle is ontology/shapes.ttl as it is");
        assertTrue(turtle.headers().allValues("Vary").toString().contains("Accept"), "negotiated: Vary: Accept");
        Graph expected = parse(file, Lang.TURTLE);
        for (String[] c : new String[][] {{"application/ld+json", "/ontology/shapes"}, {"application/n-triples", "/ontology/shapes"},
                {"application/rdf+xml", "/ontology/shapes.rdf"}, {"application/ld+json", "/ontology/shapes.jsonld"}}) {
            HttpResponse<byte[]> r = get(c[1], c[1].contains(".") ? null : c[0]);
            assertEquals(200, r.statusCode(), c[1] + " as " + c[0]);
            assertEquals(c[0], type(r), c[1]);
            assertTrue(expected.isIsomorphicWith(parse(r.body(), org.apache.jena.riot.RDFLanguages.contentTypeToLang(c[0]))),
                    c[1] + " as " + c[0] + ": not the graph of ontology/shapes.ttl");
        }
        assertEquals(406, get("/ontology/shapes", "image/png").statusCode(), "no format acceptable");
    }

    @Test
    void theContextIsTheFile() throws Exception {
        byte[] file = Files.readAllBytes(Path.of("ontology", "context.jsonld"));
        for (String path : new String[] {"/ontology/context.jsonld", "/ontology/context"}) {
            HttpResponse<byte[]> r = get(path, null);
            assertEquals(200, r.statusCode(), path);
            assertEquals("application/ld+json", type(r), path);
            assertArrayEquals(file, r.body(), path + ": ontology/context.jsonld as it is");
        }
        assertEquals("application/ld+json", type(get("/ontology/context.jsonld", "application/json")), "a file of one type");
    }

    @Test
    void theVoidNamesBoth() throws Exception {
        HttpResponse<byte[]> r = get("/.well-known/void", "text/turtle");
        Graph voidGraph = parse(r.body(), Lang.TURTLE);
        var dataset = NodeFactory.createURI("https://w3id.org/ibcr/dataset");
        assertTrue(voidGraph.contains(dataset, DCTerms.conformsTo.asNode(), NodeFactory.createURI(base + "/ontology/shapes")),
                "dcterms:conformsTo the shapes");
        assertTrue(voidGraph.contains(dataset, RDFS.seeAlso.asNode(), NodeFactory.createURI(base + "/ontology/context.jsonld")),
                "rdfs:seeAlso the context");
        for (String path : new String[] {"/ontology/shapes", "/ontology/context.jsonld"}) {
            assertTrue(voidGraph.contains(NodeFactory.createURI(base + path), DCTerms.title.asNode(), null), path + " has a title");
            assertEquals(200, get(path, null).statusCode(), path + " answers");
        }
    }

    private static HttpResponse<byte[]> get(String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        if (accept != null) b.header("Accept", accept);
        return HTTP.send(b.build(), BodyHandlers.ofByteArray());
    }

    private static String type(HttpResponse<?> r) {
        return r.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
    }

    private static Graph parse(byte[] bytes, Lang lang) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.create().source(new ByteArrayInputStream(bytes)).lang(lang).base("https://w3id.org/ibcr/ontology").parse(g);
        return g;
    }
}
