package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.riot.system.Prefixes;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.util.IsoMatcher;
import org.ibcr.kg.pipeline.BuiltGraph;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.vocab.Namespaces;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden cases, one folder each under src/test/resources/golden/: {@code data/} (small tables),
 * {@code expected.ttl} (the data graph they must give, compared by isomorphism) and optionally
 * {@code base.txt}. Run with {@code -Dgolden.update=true} to rewrite an expected graph, then review it.
 */
class GoldenTest {
    private static final Path CASES = Path.of("src/test/resources/golden");

    @TestFactory
    Stream<DynamicTest> everyCaseGivesItsExpectedGraph() throws IOException {
        return Files.list(CASES).filter(Files::isDirectory).sorted()
                .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
    }

    private static void check(Path dir) throws IOException {
        Path baseFile = dir.resolve("base.txt");
        String base = Files.exists(baseFile) ? Files.readString(baseFile).strip() : "https://w3id.org/ibcr/";
        BuiltGraph built = GraphBuild.from(CsvHistory.open(dir.resolve("data"))).base(base).build();
        Graph actual = built.data();
        Path expectedFile = dir.resolve("expected.ttl");
        if (Boolean.getBoolean("golden.update")) {
            actual.getPrefixMapping().setNsPrefixes(Prefixes.adapt(Namespaces.forBase(base)));
            try (OutputStream out = Files.newOutputStream(expectedFile)) {
                RDFWriter.source(actual).format(RDFFormat.TURTLE_PRETTY).output(out);
            }
        }
        Graph expected = GraphFactory.createDefaultGraph();
        RDFParser.source(expectedFile).parse(expected);
        if (!IsoMatcher.isomorphic(expected, actual)) {
            StringBuilder diff = new StringBuilder();
            expected.find().forEachRemaining(t -> { if (!actual.contains(t)) diff.append("missing: ").append(t).append('\n'); });
            actual.find().forEachRemaining(t -> { if (!expected.contains(t)) diff.append("unexpected: ").append(t).append('\n'); });
            fail(dir.getFileName() + " differs from expected.ttl:\n" + diff);
        }
        assertTrue(actual.size() > 0);
    }
}
