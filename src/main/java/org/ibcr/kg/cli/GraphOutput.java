package org.ibcr.kg.cli;

import org.ibcr.kg.graph.GraphFormat;

import picocli.CommandLine.Option;

/** {@code --output} and {@code --format} for relationship graphs ({@code graph}). */
final class GraphOutput extends OutputOptions {
    /** The format names of {@code --format}: the extensions (the lookup also takes {@code cytoscape} and {@code gv}). */
    static final class Formats extends Choice<GraphFormat> {
        Formats() {
            super("format", GraphFormat.values(), GraphFormat::extension, GraphFormat::byName);
        }
    }

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", converter = Formats.class, completionCandidates = Formats.class,
            description = "${COMPLETION-CANDIDATES} (default: from the file extension .graphml .gexf .json .csv .dot, "
                    + "else graphml). CSV writes two files: FILE-nodes.csv and FILE-edges.csv (for x.csv: x-nodes.csv "
                    + "and x-edges.csv).")
    GraphFormat format;

    /** The format asked for, or the one the file's extension implies; GraphML on standard output. */
    GraphFormat format() {
        if (format != null) return format;
        if (file() == null) return GraphFormat.GRAPHML;
        return GraphFormat.byFileName(file()).orElseThrow(() -> usage("Cannot tell the format from '" + file().getFileName()
                + "': use an extension .graphml .gexf .json .csv .dot, or --format"));
    }
}
