package org.ibcr.kg.graph;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ibcr.kg.graph.RelationshipGraph.GraphEdge;
import org.ibcr.kg.graph.RelationshipGraph.GraphNode;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.ExportException;
import org.jgrapht.nio.dot.DOTExporter;

/**
 * Graphviz DOT through JGraphT's {@link DOTExporter}: node ids are the IRIs as quoted DOT strings; nodes carry
 * {@code label}, {@code kind} and {@code URL} (the IRI, a link in SVG output), edges {@code label}, {@code type},
 * {@code weight} and their years. The full view is a {@code digraph}, the others a {@code graph}.
 *
 * <pre>{@code
 * ibcr-kg graph --view actors --format dot | sfdp -Tsvg > actors.svg
 * }</pre>
 */
public final class DotWriter {
    private DotWriter() {}

    public static void write(RelationshipGraph graph, OutputStream out) throws IOException {
        Map<String, GraphNode> nodes = new LinkedHashMap<>();
        for (GraphNode n : graph.nodes()) nodes.put(n.id(), n);
        DOTExporter<String, GraphEdge> exporter = new DOTExporter<>(id -> "\"" + escape(id).replace("\"", "\\\"") + "\"");
        exporter.setGraphIdProvider(() -> "ibcr_" + graph.view().replaceAll("[^A-Za-z0-9_]", "_"));
        exporter.setVertexAttributeProvider(id -> {
            Map<String, Attribute> a = new LinkedHashMap<>();
            GraphNode n = nodes.get(id);
            if (n == null) return a;
            a.put("label", text(n.label()));
            a.put("kind", text(n.kind()));
            a.put("URL", text(n.id()));
            n.start().ifPresent(y -> a.put("start_year", DefaultAttribute.createAttribute(y)));
            n.end().ifPresent(y -> a.put("end_year", DefaultAttribute.createAttribute(y)));
            return a;
        });
        exporter.setEdgeAttributeProvider(e -> {
            Map<String, Attribute> a = new LinkedHashMap<>();
            a.put("label", text(e.label()));
            a.put("type", text(e.type()));
            a.put("weight", DefaultAttribute.createAttribute(e.weight()));
            e.start().ifPresent(y -> a.put("start_year", DefaultAttribute.createAttribute(y)));
            e.end().ifPresent(y -> a.put("end_year", DefaultAttribute.createAttribute(y)));
            return a;
        });
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try {
            exporter.exportGraph(Exports.jgrapht(graph), writer);
        } catch (ExportException e) {
            throw new IOException("DOT export failed: " + e.getMessage(), e);
        }
        writer.flush();
    }

    /**
     * A value for a DOT quoted string. JGraphT escapes double quotes; backslashes would start DOT escapes, so they
     * are doubled first, and line breaks become DOT's {@code \n}.
     */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
    }

    private static Attribute text(String s) {
        return DefaultAttribute.createAttribute(escape(s));
    }
}
