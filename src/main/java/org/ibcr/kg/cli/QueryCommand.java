package org.ibcr.kg.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.apache.jena.query.Query;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.text.TextQuery;
import org.ibcr.kg.publish.SearchIndex;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.query.Syntax;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.resultset.ResultsWriter;
import org.ibcr.kg.pipeline.BuiltGraph;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ibcr-kg query}: a SPARQL query over the converted graph, in memory. */
@Command(name = "query", mixinStandardHelpOptions = true, usageHelpWidth = 110,
        header = "Run a SPARQL query over the graph.",
        description = {
            "Runs a SPARQL 1.1 query over the graph converted from the data tables, in memory.",
            "The default graph is the union of the data, the ontology and the dataset description;",
            "each is also a named graph ({base}graph/data, .../ontology, .../dataset).",
            "SELECT and ASK results print as a table, CSV, TSV or SPARQL JSON; CONSTRUCT and DESCRIBE",
            "print Turtle. With --output the results go to a file, written whole or not at all."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ibcr-kg query queries/01-timeline.rq",
            "  ibcr-kg query --format csv queries/03-hearings.rq",
            "  ibcr-kg query --output hearings.json queries/03-hearings.rq",
            "  ibcr-kg query --query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'"})
final class QueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Mixin
    DataOptions data;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Parameters(paramLabel = "FILE.rq", description = "File holding the query.")
        Path file;

        @Option(names = {"-q", "--query"}, paramLabel = "TEXT", description = "The query itself.")
        String text;
    }

    @Mixin
    ResultOutput output;

    @Override
    public Integer call() throws Exception {
        String text = source.text;
        if (text == null) {
            try {
                text = Files.readString(source.file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                spec.commandLine().getErr().println("error: no such query file: " + source.file);
                return ExitCode.FAILURE;
            }
        }
        Query query = QueryFactory.create(text, Syntax.syntaxSPARQL_11);
        BuiltGraph graph = data.build().build();
        ResultOutput.Format format = output.format();
        Dataset dataset = graph.queryDataset();
        // text:query (full-text search) needs the index; it is built only for a query that asks it.
        if (text.contains(TextQuery.NS)) SearchIndex.of(dataset.asDatasetGraph()).registerWith(dataset.getContext());
        try (QueryExecution exec = QueryExecution.create(query, dataset)) {
            if (query.isSelectType()) {
                ResultSet results = exec.execSelect();
                output.write(main.stdout, out -> {
                    switch (format) {
                        case table -> out.write(ResultSetFormatter.asText(results, query).getBytes(StandardCharsets.UTF_8));
                        case csv -> ResultsWriter.create().lang(ResultSetLang.RS_CSV).write(out, results);
                        case tsv -> ResultsWriter.create().lang(ResultSetLang.RS_TSV).write(out, results);
                        case json -> ResultsWriter.create().lang(ResultSetLang.RS_JSON).write(out, results);
                    }
                });
            } else if (query.isAskType()) {
                boolean answer = exec.execAsk();
                output.write(main.stdout, out -> {
                    if (format == ResultOutput.Format.json) ResultsWriter.create().lang(ResultSetLang.RS_JSON).write(out, answer);
                    else out.write(((answer ? "yes" : "no") + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
                });
            } else {
                var model = query.isConstructType() ? exec.execConstruct() : exec.execDescribe();
                output.write(main.stdout, out -> RDFDataMgr.write(out, model, RDFFormat.TURTLE_PRETTY));
            }
        }
        return ExitCode.OK;
    }
}
