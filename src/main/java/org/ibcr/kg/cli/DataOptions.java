package org.ibcr.kg.cli;

import java.nio.file.Path;

import org.ibcr.kg.convert.IriScheme;
import org.ibcr.kg.pipeline.BuiltGraph;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.validate.ShapeValidator;
import org.ibcr.kg.validate.ValidationResult;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where the data is and which base IRI to mint under: shared by every command that reads data. */
public final class DataOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
            description = "Folder of CSV tables (default: ${DEFAULT-VALUE}); see data/README.md.")
    Path data;

    @Option(names = "--base", paramLabel = "IRI", defaultValue = IriScheme.DEFAULT_BASE,
            description = "Base IRI under which resources are minted as {base}id/{kind}/{slug} (default: ${DEFAULT-VALUE}).")
    String base;

    /** The pipeline over the data folder; a bad base IRI is a usage error. */
    GraphBuild build() {
        try {
            IriScheme.of(base);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--base': " + e.getMessage());
        }
        return GraphBuild.from(CsvHistory.open(data)).base(base);
    }

    /** The graph converted in memory and, unless {@code validate} is false, checked against the shapes. */
    BuiltGraph buildChecked(boolean validate) {
        BuiltGraph graph = build().build();
        if (validate) check(graph);
        return graph;
    }

    /** Checks a converted graph against the shapes; only reads it, so it may run beside other readers. */
    static void check(BuiltGraph graph) {
        ValidationResult result = ShapeValidator.create().validate(graph.dataWithOntology(), graph.origins());
        if (!result.conforms()) throw new NotConformingException(result);
    }
}
