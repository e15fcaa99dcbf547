package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.util.IsoMatcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convert} writes five formats that say the same thing, byte-identically run after run. */
class ConvertFormatsTest {
    private static final List<String> EXTENSIONS = List.of("ttl", "nt", "jsonld", "rdf", "trig");

    @TempDir
    static Path dir;

    @BeforeAll
    static void convertAll() {
        for (String ext : EXTENSIONS) {
            CliRun run = CliRun.of("convert", "--output", dir.resolve("ibcr." + ext).toString());
            assertEquals(0, run.code(), run::toString);
        }
    }

    private static Graph read(String ext) {
        Graph graph = GraphFactory.createDefaultGraph();
        Path file = dir.resolve("ibcr." + ext);
        if (ext.equals("trig")) {
            DatasetGraph ds = DatasetGraphFactory.createGeneral();
            RDFParser.source(file).parse(ds);
            ds.find().forEachRemaining(q -> graph.add(q.asTriple()));
        } else {
            RDFParser.source(file).parse(graph);
        }
        return graph;
    }

    @Test
    void allFiveFormatsAreIsomorphic() {
        Graph reference = read("nt");
        assertTrue(reference.size() > 3000, "the graph has " + reference.size() + " triples");
        for (String ext : EXTENSIONS) {
            assertTrue(IsoMatcher.isomorphic(reference, read(ext)), ext + " differs from N-Triples");
        }
    }

    @Test
    void trigKeepsOntologyDataAndDescriptionApart() {
        DatasetGraph ds = DatasetGraphFactory.createGeneral();
        RDFParser.source(dir.resolve("ibcr.trig")).parse(ds);
        Set<String> names = new TreeSet<>();
        ds.listGraphNodes().forEachRemaining(n -> names.add(n.getURI()));
        assertEquals(Set.of("https://w3id.org/ibcr/graph/data", "https://w3id.org/ibcr/graph/ontology",
                "https://w3id.org/ibcr/graph/dataset"), names);
        assertTrue(ds.getDefaultGraph().isEmpty(), "nothing outside the named graphs");
        Node ontology = NodeFactory.createURI("https://w3id.org/ibcr/ontology");
        assertTrue(ds.getGraph(NodeFactory.createURI("https://w3id.org/ibcr/graph/ontology")).contains(ontology, Node.ANY, Node.ANY));
        assertTrue(!ds.getGraph(NodeFactory.createURI("https://w3id.org/ibcr/graph/data")).contains(ontology, Node.ANY, Node.ANY));
        Node dataset = NodeFactory.createURI("https://w3id.org/ibcr/dataset");
        assertTrue(ds.getGraph(NodeFactory.createURI("https://w3id.org/ibcr/graph/dataset")).contains(dataset, Node.ANY, Node.ANY));
    }

    @Test
    void jsonLdIsCompactedWithThePublishedContext() throws IOException {
        String json = Files.readString(dir.resolve("ibcr.jsonld"));
        String context = Files.readString(Path.of("ontology/context.jsonld"));
        assertTrue(json.contains("\"@context\""), "has a context");
        assertTrue(json.contains("\"ibcr\": \"https://w3id.org/ibcr/ontology#\""), "context defines the ibcr prefix");
        assertTrue(context.contains("\"startYear\""));
        assertTrue(json.contains("\"startYear\": \"1995\""), "terms of the context are used: " + json.substring(0, 200));
    }

    @Test
    void convertingTwiceGivesIdenticalBytes() throws IOException {
        for (String ext : EXTENSIONS) {
            Path again = dir.resolve("again." + ext);
            assertEquals(0, CliRun.of("convert", "--output", again.toString()).code());
            assertArrayEquals(Files.readAllBytes(dir.resolve("ibcr." + ext)), Files.readAllBytes(again), ext + " differs between runs");
        }
    }

    @Test
    void gzipOutputAndStreamingWithoutValidationGiveTheSameGraph() throws IOException {
        Path gz = dir.resolve("streamed.nt.gz");
        CliRun run = CliRun.of("convert", "--no-validate", "--output", gz.toString());
        assertEquals(0, run.code(), run::toString);
        Graph streamed = GraphFactory.createDefaultGraph();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            RDFParser.source(in).lang(Lang.NTRIPLES).parse(streamed);
        }
        assertTrue(IsoMatcher.isomorphic(read("nt"), streamed));
    }

    @Test
    void formatOptionWinsAndStandardOutputWorks() {
        CliRun run = CliRun.of("convert", "--format", "ntriples");
        assertEquals(0, run.code(), run::toString);
        Graph graph = GraphFactory.createDefaultGraph();
        RDFParser.fromString(run.out(), Lang.NTRIPLES).parse(graph);
        assertTrue(IsoMatcher.isomorphic(read("nt"), graph));
    }

    @Test
    void anotherBaseChangesEveryMintedIri() {
        Path out = dir.resolve("rebased.nt");
        CliRun run = CliRun.of("convert", "--base", "http://example.org/hist/", "--output", out.toString());
        assertEquals(0, run.code(), run::toString);
        Graph graph = GraphFactory.createDefaultGraph();
        RDFParser.source(out).parse(graph);
        assertTrue(graph.contains(NodeFactory.createURI("http://example.org/hist/id/city/paris"), Node.ANY, Node.ANY));
        graph.find().forEachRemaining(t -> {
            for (Node n : List.of(t.getSubject(), t.getObject())) {
                if (n.isURI()) assertTrue(!n.getURI().startsWith("https://w3id.org/ibcr/id/"), "left behind: " + n);
            }
        });
    }

    @Test
    void independentParsersReadEveryFormat() throws IOException {
        ExternalTool.requirePythonModule("rdflib", "python3-rdflib");
        String script = """
                import sys, rdflib
                from rdflib.compare import isomorphic
                d = sys.argv[1]
                ref = rdflib.Graph().parse(d + '/ibcr.nt', format='nt')
                for ext, fmt in [('ttl', 'turtle'), ('jsonld', 'json-ld'), ('rdf', 'xml')]:
                    g = rdflib.Graph().parse(d + '/ibcr.' + ext, format=fmt)
                    print(ext, len(g), isomorphic(ref, g))
                ds = rdflib.Dataset()
                ds.parse(d + '/ibcr.trig', format='trig')
                union = rdflib.Graph()
                for ctx in ds.graphs():
                    for t in ctx:
                        union.add(t)
                print('trig', len(union), isomorphic(ref, union))
                """;
        ExternalTool.Result result = ExternalTool.run(List.of(ExternalTool.PYTHON, "-c", script, dir.toString()));
        assertEquals(0, result.code(), result.err());
        long size = read("nt").size();
        for (String ext : List.of("ttl", "jsonld", "rdf", "trig")) {
            assertTrue(result.out().contains(ext + " " + size + " True"), "rdflib on " + ext + ": " + result.out());
        }
    }

    @Test
    void rapperParsesTurtleRdfXmlAndNTriples() throws IOException {
        ExternalTool.require("rapper", "raptor2-utils");
        long size = read("nt").size();
        for (String[] f : new String[][] {{"ttl", "turtle"}, {"rdf", "rdfxml"}, {"nt", "ntriples"}, {"trig", "trig"}}) {
            ExternalTool.Result r = ExternalTool.run(List.of("rapper", "-i", f[1], "-c", dir.resolve("ibcr." + f[0]).toString()));
            assertEquals(0, r.code(), r.err());
            assertTrue(r.err().contains("returned " + size + " triples"), f[0] + ": " + r.err());
        }
    }
}
