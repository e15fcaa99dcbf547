package org.ibcr.kg.cli;

import java.util.concurrent.Callable;

import org.ibcr.kg.pipeline.BuiltGraph;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.validate.CitationCoverage;
import org.ibcr.kg.validate.ShapeValidator;
import org.ibcr.kg.validate.ValidationResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ibcr-kg validate}: SHACL over the converted data, with each problem traced to its row. */
@Command(name = "validate", mixinStandardHelpOptions = true, usageHelpWidth = 110,
        header = "Check the data against the SHACL shapes.",
        description = {
            "Converts the data tables and validates the graph against the SHACL shapes of",
            "ontology/shapes.ttl. Prints each problem with the file and line of the row it comes from,",
            "the focus node, the path and the message. Exits 0 when the data conforms, 3 when it does not.",
            "With --coverage, also reports how the facts cover the source's sentences (data/sentences.csv):",
            "the sentences no fact cites, with the reason each states no fact, the facts that cite no sentence",
            "and the facts with a basis other than the source; exits 3 on a fact with neither a sentence nor a",
            "basis, or a sentence no fact cites that gives no reason."},
        footerHeading = "%nExamples:%n",
        footer = {"  ibcr-kg validate", "  ibcr-kg validate --data my-data/", "  ibcr-kg validate --coverage"})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--coverage", description = "Also check that every fact cites a sentence of the source or gives a basis, and list the sentences no fact cites.")
    boolean coverage;

    @Override
    public Integer call() {
        BuiltGraph graph = data.build().build();
        ValidationResult result = ShapeValidator.create().validate(graph.dataWithOntology(), graph.origins());
        spec.commandLine().getOut().print(result.describe());
        if (result.conforms()) spec.commandLine().getOut().println();
        boolean covered = true;
        if (coverage) {
            CitationCoverage.Report report = CitationCoverage.of(CsvHistory.open(data.data));
            spec.commandLine().getOut().println();
            spec.commandLine().getOut().print(report.describe());
            covered = report.passes();
        }
        spec.commandLine().getOut().flush();
        return result.conforms() && covered ? ExitCode.OK : ExitCode.NOT_CONFORMING;
    }
}
