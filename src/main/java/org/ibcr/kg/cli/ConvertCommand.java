package org.ibcr.kg.cli;

import java.util.concurrent.Callable;

import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.ibcr.kg.convert.ConversionStats;
import org.ibcr.kg.model.Kind;
import org.ibcr.kg.pipeline.BuiltGraph;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.vocab.Namespaces;
import org.ibcr.kg.write.BackgroundStreamRDF;
import org.ibcr.kg.write.RdfFormat;
import org.ibcr.kg.write.RdfWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ibcr-kg convert}: the data tables to RDF, validated first. */
@Command(name = "convert", mixinStandardHelpOptions = true, usageHelpWidth = 110,
        header = "Convert the data tables to RDF (Turtle, N-Triples, JSON-LD, RDF/XML, TriG).",
        description = {
            "Converts the data tables to RDF: the data, the ontology and a VoID/DCAT description of the",
            "dataset. Validates with SHACL first and writes nothing if the data does not conform.",
            "The file is written whole or not at all: on any error an existing file is left as it was.",
            "TriG keeps data, ontology and description in three named graphs; the other formats write",
            "their union."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ibcr-kg convert --output ibcr.ttl",
            "  ibcr-kg convert --output ibcr.jsonld --base https://example.org/ibcr/",
            "  ibcr-kg convert --no-validate --output big.nt.gz --data generated/"})
final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Mixin
    DataOptions data;

    @Mixin
    RdfOutput output;

    @Option(names = "--no-validate",
            description = "Skip SHACL validation. With N-Triples output the triples then stream straight to the "
                    + "file, so memory stays flat however large the tables are.")
    boolean noValidate;

    @Override
    public Integer call() throws Exception {
        RdfFormat rdfFormat = output.format();
        GraphBuild build = data.build();
        long started = System.nanoTime();
        var err = spec.commandLine().getErr();
        if (noValidate && rdfFormat == RdfFormat.NTRIPLES) {
            ConversionStats[] stats = new ConversionStats[1];
            output.write(main.stdout, out -> {
                // conversion on this thread, writing on another: the two halves cost about the same
                BackgroundStreamRDF stream = BackgroundStreamRDF.around(StreamRDFWriter.getWriterStream(out, RDFFormat.NTRIPLES_UTF8));
                try {
                    stats[0] = build.stream(stream);
                } catch (RuntimeException | Error e) {
                    stream.abort();
                    throw e;
                }
            });
            report(err, stats[0], started);
            return ExitCode.OK;
        }
        BuiltGraph graph = data.buildChecked(!noValidate);
        RdfWriter writer = RdfWriter.create(graph.dataset(), graph.union()).prefixes(Namespaces.forBase(graph.iris().base()));
        output.write(main.stdout, out -> writer.write(rdfFormat, out));
        report(err, graph.stats(), started);
        return ExitCode.OK;
    }

    private void report(java.io.PrintWriter err, ConversionStats stats, long started) {
        long ms = (System.nanoTime() - started) / 1_000_000;
        err.printf("Converted %d data triples (%d milestones, %d organisations, %d people, %d works) in %d ms%s%n",
                stats.triples(), stats.count(Kind.MILESTONE), stats.count(Kind.ORGANISATION), stats.count(Kind.PERSON),
                stats.count(Kind.WORK), ms, output.file() == null ? "" : " to " + output.file());
    }
}
