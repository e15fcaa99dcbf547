package org.ibcr.kg.graph;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The file formats a {@link RelationshipGraph} is exported in, each with its file extension, its media type and
 * its writer. Every writer is deterministic: the same graph gives the same bytes.
 *
 * <pre>{@code
 * GraphFormat f = GraphFormat.byFileName(Path.of("actors.gexf")).orElseThrow();
 * f.writer().write(graph, out);
 * }</pre>
 */
public enum GraphFormat {
    /** GraphML with typed node and edge attributes (yEd, Gephi, NetworkX, igraph), through JGraphT. */
    GRAPHML("graphml", "application/graphml+xml"),
    /** GEXF 1.2draft (or 1.3, {@link #writer(GexfWriter.Version)}), dynamic: Gephi's timeline replays the years. */
    GEXF("gexf", "application/gexf+xml"),
    /** Cytoscape JSON: Cytoscape.js (web pages) and NetworkX's {@code cytoscape_graph} read it. */
    CYTOSCAPE("json", "application/json"),
    /** Neo4j bulk-import CSV: a nodes file and an edges file ({@link CsvGraphWriter}). */
    CSV("csv", "text/csv"),
    /** Graphviz DOT, through JGraphT. */
    DOT("dot", "text/vnd.graphviz");

    private final String extension;
    private final String mediaType;

    GraphFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** The file extension, without the dot; also the name {@code --format} takes. */
    public String extension() {
        return extension;
    }

    /** The media type, without parameters. */
    public String mediaType() {
        return mediaType;
    }

    /** The value of a Content-Type header: the media type, with the charset where the type takes one. */
    public String contentType() {
        return this == CYTOSCAPE ? mediaType : mediaType + "; charset=utf-8";
    }

    /**
     * The writer of the format. For {@link #CSV}, which is two files, it writes the edges file; the nodes file
     * comes from {@link CsvGraphWriter#writeNodes}.
     */
    public GraphWriter writer() {
        return switch (this) {
            case GRAPHML -> GraphMlWriter::write;
            case GEXF -> GexfWriter::write;
            case CYTOSCAPE -> CytoscapeJsonWriter::write;
            case CSV -> CsvGraphWriter::writeEdges;
            case DOT -> DotWriter::write;
        };
    }

    /** The writer of the format; for {@link #GEXF}, of that GEXF version (the others have one version). */
    public GraphWriter writer(GexfWriter.Version gexfVersion) {
        return this == GEXF ? GexfWriter.writer(gexfVersion) : writer();
    }

    /** By name: the extension ({@code graphml gexf json csv dot}) or the constant's name ({@code cytoscape}). */
    public static Optional<GraphFormat> byName(String name) {
        if (name == null) return Optional.empty();
        String n = name.toLowerCase(Locale.ROOT);
        for (GraphFormat f : values()) {
            if (f.extension.equals(n) || f.name().toLowerCase(Locale.ROOT).equals(n)) return Optional.of(f);
        }
        return n.equals("gv") ? Optional.of(DOT) : Optional.empty();
    }

    /** By the extension of a file name ({@code .graphml .gexf .json .csv .dot .gv}). */
    public static Optional<GraphFormat> byFileName(Path file) {
        if (file == null || file.getFileName() == null) return Optional.empty();
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? Optional.empty() : byExtension(name.substring(dot + 1));
    }

    private static Optional<GraphFormat> byExtension(String ext) {
        String e = ext.toLowerCase(Locale.ROOT);
        for (GraphFormat f : values()) if (f.extension.equals(e)) return Optional.of(f);
        return e.equals("gv") ? Optional.of(DOT) : Optional.empty();
    }
}
