package org.ibcr.kg.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.ibcr.kg.graph.CsvGraphWriter;
import org.ibcr.kg.graph.GexfWriter;
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
            "  actors         organisations, groups and people; an edge when two",
            "                 take part in the same milestone (weight: how many; the",
            "                 milestones and the roles of each as attributes)",
            "  organisations  the same for organisations only, with the years shared",
            "  full           actors, milestones, places, works and topics, every",
            "                 typed link of the ontology (directed)",
            "  geography      actors and the countries or regions they act in",
            "Formats: graphml (yEd, Gephi, NetworkX, igraph), gexf (GEXF 1.2draft with",
            "the years, for Gephi's timeline; 1.3 with --gexf-version 1.3), json",
            "(Cytoscape.js, NetworkX's cytoscape_graph), csv (Neo4j bulk import:",
            "FILE-nodes.csv and FILE-edges.csv), dot (Graphviz).",
            "Every node carries its years (start, end, spells) and the figures analysts",
            "compute first: degree, weighted_degree, betweenness, closeness, pagerank,",
            "community. --around IRI keeps the network around one resource; --by-year",
            "writes one file per year.",
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
            "  ibcr-kg graph --around https://w3id.org/ibcr/id/organisation/sida \\",
            "                --depth 2 --output around-sida.gexf",
            "  ibcr-kg graph --by-year --output years/actors.gexf",
            "                                          (years/actors-1995.gexf, ...)",
            "  ibcr-kg graph --view organisations --output organisations.graphml",
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

    /** The GEXF versions of {@code --gexf-version}. */
    static final class GexfVersions extends Choice<GexfWriter.Version> {
        GexfVersions() {
            super("GEXF version", GexfWriter.Version.values(), GexfWriter.Version::code, GexfWriter.Version::byCode);
        }
    }

    /** The languages of the labels. */
    enum Language { en, fr }

    @Option(names = "--view", paramLabel = "VIEW", converter = Views.class, completionCandidates = Views.class,
            description = "${COMPLETION-CANDIDATES} (default: actors; full with --around).")
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

    @Option(names = "--gexf-version", paramLabel = "VERSION", defaultValue = "1.2draft", converter = GexfVersions.class,
            completionCandidates = GexfVersions.class,
            description = "GEXF version: ${COMPLETION-CANDIDATES}; 1.2draft is read by NetworkX, graphology and Gephi, "
                    + "1.3 by Gephi and NetworkX after 3.5 (default: ${DEFAULT-VALUE}).")
    GexfWriter.Version gexfVersion;

    @Option(names = "--around", paramLabel = "IRI",
            description = "Only the network around this resource (its IRI): the nodes at most --depth links away and the "
                    + "edges between them. The view is full unless --view says otherwise.")
    String around;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "1",
            description = "With --around: how many links away a node may be (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--by-year", description = "Write one file per year, the graph as it stood that year: FILE-YEAR.EXT beside "
            + "--output (for CSV, FILE-YEAR-nodes.csv and FILE-YEAR-edges.csv).")
    boolean byYear;

    @Override
    public Integer call() throws Exception {
        View v = view != null ? view : around != null ? View.FULL : View.ACTORS;
        GraphFormat f = output.format();
        Path file = output.file();
        if (depth < 0) throw usage("--depth " + depth + " is negative: give 0 or more links");
        if (around != null) checkIri(around);
        if (byYear && file == null) throw usage("--by-year writes one file per year: give --output FILE to name them");
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
        if (around != null) {
            if (graph.node(around).isEmpty()) {
                throw usage("--around " + around + " is no node of the " + v.code() + " view" + (from != null || to != null || role != null
                        ? " with these filters" : "") + ": give the IRI of a resource it holds (the full view holds every linked resource)");
            }
            graph = graph.around(around, depth);
        }

        var err = spec.commandLine().getErr();
        if (byYear) {
            // Every file is rendered before any is written (an export error writes none); each is replaced atomically.
            Map<Path, byte[]> files = new LinkedHashMap<>();
            for (int year : graph.years()) {
                RelationshipGraph snapshot = graph.snapshot(year);
                Path yearFile = yearFile(file, f, year);
                if (f == GraphFormat.CSV) {
                    Path[] csv = csvFiles(yearFile);
                    files.put(csv[0], ((org.ibcr.kg.graph.GraphWriter) CsvGraphWriter::writeNodes).toBytes(snapshot));
                    files.put(csv[1], ((org.ibcr.kg.graph.GraphWriter) CsvGraphWriter::writeEdges).toBytes(snapshot));
                } else {
                    files.put(yearFile, f.writer(gexfVersion).toBytes(snapshot));
                }
            }
            for (var e : files.entrySet()) AtomicFile.write(e.getKey(), out -> out.write(e.getValue()));
            List<Integer> years = graph.years();
            err.printf("Wrote the %s graph of each year %s to %d files beside %s%n", v.code(),
                    years.isEmpty() ? "(none: no node has a year)" : years.get(0) + "-" + years.get(years.size() - 1), files.size(), file);
            return ExitCode.OK;
        }
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
        byte[] bytes = f.writer(gexfVersion).toBytes(graph);
        output.write(main.stdout, out -> out.write(bytes));
        if (file != null) {
            err.printf("Wrote the %s graph (%d nodes, %d edges) to %s%n", v.code(), graph.nodes().size(), graph.edges().size(), file);
        }
        return ExitCode.OK;
    }

    /** FILE-YEAR.EXT beside FILE.EXT (for CSV, FILE-YEAR.csv, which names FILE-YEAR-nodes.csv and FILE-YEAR-edges.csv). */
    static Path yearFile(Path output, GraphFormat format, int year) {
        String name = output.getFileName().toString();
        String ext = "." + format.extension();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return output.resolveSibling(stem + "-" + year + ext);
    }

    private void checkIri(String iri) {
        try {
            URI uri = new URI(iri);
            if (uri.isAbsolute()) return;
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw usage("Invalid --around '" + iri + "': give the IRI of a resource, such as https://w3id.org/ibcr/id/organisation/ibcr");
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
