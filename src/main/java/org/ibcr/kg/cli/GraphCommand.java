package org.ibcr.kg.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.ibcr.kg.graph.CsvGraphWriter;
import org.ibcr.kg.graph.GraphFormat;
import org.ibcr.kg.graph.GraphProjector;
import org.ibcr.kg.graph.GraphProjector.View;
import org.ibcr.kg.graph.RelationshipGraph;
import org.ibcr.kg.write.AtomicFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ibcr-kg graph}: a relationship graph for network analysis tools. */
@Command(name = "graph", mixinStandardHelpOptions = true, usageHelpWidth = 110,
        header = "Export a relationship graph (GraphML, GEXF, Cytoscape JSON, CSV, DOT).",
        description = {
            "Exports a relationship graph projected from the linked data, for network",
            "analysis tools. Views:",
            "  actors     organisations, groups and people; an edge when two take part",
            "             in the same milestone (weight: how many; the milestones and",
            "             the roles of each as attributes)",
            "  full       actors, milestones, places, works and topics, every typed",
            "             link of the ontology (directed)",
            "  geography  actors and the countries or regions they act in",
            "Formats: graphml (yEd, Gephi, NetworkX), gexf (GEXF 1.3 with the years,",
            "for Gephi's timeline), json (Cytoscape.js), csv (Neo4j bulk import:",
            "FILE-nodes.csv and FILE-edges.csv), dot (Graphviz).",
            "Nodes are identified by their IRIs. The graph comes from the data tables",
            "converted in memory or, with --endpoint, from a SPARQL endpoint. A file is",
            "written whole or not at all; the same data always gives the same bytes."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ibcr-kg graph --view actors --output actors.graphml",
            "  ibcr-kg graph --output actors.gexf       (Gephi: play the timeline)",
            "  ibcr-kg graph --view geography --format json > geography.json",
            "  ibcr-kg graph --view full --format csv --output ibcr",
            "                                          (ibcr-nodes.csv, ibcr-edges.csv)",
            "  ibcr-kg graph --from 2008 --to 2015 --role funder --output funders.gexf",
            "  ibcr-kg graph --format dot | sfdp -Tsvg > actors.svg",
            "  ibcr-kg graph --endpoint http://127.0.0.1:3030/ibcr/sparql --lang fr \\",
            "                --output acteurs.gexf"})
final class GraphCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Mixin
    DataOptions data;

    /** The view names of {@code --view}. */
    static final class Views extends Choice<View> {
        Views() {
            super("view", View.values(), View::code, View::byCode);
        }
    }

    /** The languages of the labels. */
    enum Language { en, fr }

    @Option(names = "--view", paramLabel = "VIEW", defaultValue = "actors", converter = Views.class, completionCandidates = Views.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    View view;

    @Mixin
    GraphOutput output;

    @Option(names = "--from", paramLabel = "YEAR",
            description = "Only milestones of this year or later (one with no end year counts by its start year).")
    Integer from;

    @Option(names = "--to", paramLabel = "YEAR", description = "Only milestones that began in this year or earlier.")
    Integer to;

    @Option(names = "--role", paramLabel = "ROLE",
            description = "Only participations in this role, by its id (such as funder, partner, lead).")
    String role;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "en",
            description = "Language of the labels: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; a missing French label falls back to English).")
    Language lang;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "Project what this SPARQL endpoint serves (such as http://127.0.0.1:3030/ibcr/sparql; its "
                    + "default graph must be the union of the named graphs) instead of the data tables.")
    String endpoint;

    @Override
    public Integer call() throws Exception {
        View v = view;
        GraphFormat f = output.format();
        Path file = output.file();
        if (from != null && to != null && from > to) throw usage("--from " + from + " is after --to " + to);
        if (role != null && !role.matches("[a-z0-9][a-z0-9-]*")) {
            throw usage("Invalid --role '" + role + "': a role id is lower-case letters, digits and hyphens, such as funder");
        }
        if (f == GraphFormat.CSV && file == null) {
            throw usage("CSV is two files (nodes and edges): give --output FILE to write FILE-nodes.csv and FILE-edges.csv");
        }
        if (endpoint != null) checkEndpoint();

        GraphProjector projector = endpoint != null ? GraphProjector.remote(endpoint)
                : GraphProjector.over(data.build().build().queryDataset());
        if (role != null) {
            List<String> roles = projector.roles();
            if (!roles.contains(role)) throw usage("Unknown --role '" + role + "': use one of " + String.join(", ", roles));
        }
        RelationshipGraph graph = projector.lang(lang.name()).from(from).to(to).role(role).project(v);

        var err = spec.commandLine().getErr();
        if (f == GraphFormat.CSV) {
            Path[] files = csvFiles(file);
            // Both files are rendered before either is written, so a failure leaves both as they were.
            byte[] nodes = ((org.ibcr.kg.graph.GraphWriter) CsvGraphWriter::writeNodes).toBytes(graph);
            byte[] edges = ((org.ibcr.kg.graph.GraphWriter) CsvGraphWriter::writeEdges).toBytes(graph);
            AtomicFile.write(files[0], out -> out.write(nodes));
            AtomicFile.write(files[1], out -> out.write(edges));
            err.printf("Wrote the %s graph (%d nodes, %d edges) to %s and %s%n", v.code(), graph.nodes().size(),
                    graph.edges().size(), files[0], files[1]);
            return ExitCode.OK;
        }
        byte[] bytes = f.writer().toBytes(graph);
        output.write(main.stdout, out -> out.write(bytes));
        if (file != null) {
            err.printf("Wrote the %s graph (%d nodes, %d edges) to %s%n", v.code(), graph.nodes().size(), graph.edges().size(), file);
        }
        return ExitCode.OK;
    }

    /** FILE-nodes.csv and FILE-edges.csv beside FILE, without its .csv extension. */
    static Path[] csvFiles(Path output) {
        String name = output.getFileName().toString();
        if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) name = name.substring(0, name.length() - 4);
        return new Path[] {output.resolveSibling(name + "-nodes.csv"), output.resolveSibling(name + "-edges.csv")};
    }

    private void checkEndpoint() {
        try {
            URI uri = new URI(endpoint);
            if (uri.getScheme() != null && (uri.getScheme().equals("http") || uri.getScheme().equals("https")) && uri.getHost() != null) return;
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw usage("Invalid --endpoint '" + endpoint + "': give the http(s) URL of a SPARQL endpoint");
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
