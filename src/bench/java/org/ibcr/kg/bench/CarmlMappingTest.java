package org.ibcr.kg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.stream.Collectors;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.graph.GraphFactory;
import org.ibcr.kg.CliRun;
import org.ibcr.kg.cli.Main;
import org.ibcr.kg.convert.HistoryConverter;
import org.ibcr.kg.source.CsvHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * The CARML peer is only a fair comparison if it writes what we write: its output over the same tables must be
 * isomorphic to our converter's data graph.
 */
class CarmlMappingTest {

    @Test
    void carmlMappingOfTheBundledDataIsIsomorphicToOurDataGraph() {
        assertSameGraph(Path.of("data"));
    }

    @Test
    void carmlMappingOfGeneratedDataAtScaleOneIsIsomorphicToOurs(@TempDir Path dir) {
        // the benchmark runs CARML over generated folders: the mapping must hold there too
        assumeTrue(new CommandLine(new Main()).getSubcommands().containsKey("generate"),
                "skipped: this build has no 'generate' command yet");
        Path data = dir.resolve("scale1");
        CliRun run = CliRun.of("generate", "--scale", "1", "--output", data.toString(), "--quiet");
        assertEquals(0, run.code(), run::toString);
        assertSameGraph(data);
    }

    static void assertSameGraph(Path data) {
        Graph ours = GraphFactory.createDefaultGraph();
        HistoryConverter.create().build().convert(CsvHistory.open(data), StreamRDFLib.graph(ours));
        Graph carml = GraphFactory.createDefaultGraph();
        CarmlConvert.create().data(data).build().run(StreamRDFLib.graph(carml));
        assertTrue(ours.size() > 0, "our converter wrote nothing for " + data);
        assertTrue(carml.isIsomorphicWith(ours), () -> "CARML's output over " + data + " differs from ours ("
                + carml.size() + " triples against " + ours.size() + ")\nonly in ours:\n" + sample(ours, carml)
                + "only in CARML's:\n" + sample(carml, ours));
    }

    /** A few triples of {@code a} not in {@code b} (the data graph has no blank nodes, so this is the difference). */
    private static String sample(Graph a, Graph b) {
        return a.stream().filter(t -> !b.contains(t)).limit(10).map(Triple::toString)
                .collect(Collectors.joining("\n  ", "  ", "\n"));
    }
}
