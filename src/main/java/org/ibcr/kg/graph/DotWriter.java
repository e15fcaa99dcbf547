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
 * Graphviz DOT through JGraphT's {@link DOTExporter}: node ids are the IRIs as quoted DOT strings. Nodes carry
 * the attributes of every export ({@code label}, {@code label_fr}, {@code kind}, {@code iri}, {@code start},
 * {@code end}, {@code spells}, {@code lat}, {@code lon}, {@code degree}, {@code weighted_degree},
 * {@code betweenness}, {@code closeness}, {@code pagerank}, {@code community}) and {@code URL} (the IRI, a link in
 * SVG output). An edge's drawn {@code label} is short, the role (the roles of both ends for a shared milestone), so
 * a layout stays readable; the sentence that says it in full is its {@code tooltip}; then {@code type},
 * {@code role}, {@code weight}, {@code start}, {@code end}, {@code spells}. The full view is a {@code digraph},
 * the others a {@code graph}.
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
        NetworkFigures figures = NetworkFigures.of(graph);
        DOTExporter<String, GraphEdge> exporter = new DOTExporter<>(id -> "\"" + escape(id).replace("\"", "\\\"") + "\"");
        exporter.setGraphIdProvider(() -> "ibcr_" + graph.view().replaceAll("[^A-Za-z0-9_]", "_"));
        exporter.setVertexAttributeProvider(id -> {
            Map<String, Attribute> a = new LinkedHashMap<>();
            GraphNode n = nodes.get(id);
            if (n == null) return a;
            for (var v : Exports.nodeValues(n, figures).entrySet()) a.put(v.getKey(), attribute(v.getValue()));
            a.put("URL", text(n.id()));
            return a;
        });
        exporter.setEdgeAttributeProvider(e -> {
            Map<String, Attribute> a = new LinkedHashMap<>();
            for (var v : Exports.edgeValues(e).entrySet()) a.put(v.getKey(), attribute(v.getValue()));
            a.put("label", text(Exports.shortLabel(e)));
            a.put("tooltip", text(e.label()));
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

    private static Attribute attribute(Object value) {
        if (value instanceof Integer i) return DefaultAttribute.createAttribute(i);
        if (value instanceof Long l) return DefaultAttribute.createAttribute(l);
        if (value instanceof Double d) return DefaultAttribute.createAttribute(d);
        return text(value.toString());
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
