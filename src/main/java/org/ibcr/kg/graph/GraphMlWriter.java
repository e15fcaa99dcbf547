package org.ibcr.kg.graph;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ibcr.kg.graph.RelationshipGraph.GraphEdge;
import org.ibcr.kg.graph.RelationshipGraph.GraphNode;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.AttributeType;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.ExportException;
import org.jgrapht.nio.graphml.GraphMLExporter;
import org.jgrapht.nio.graphml.GraphMLExporter.AttributeCategory;

/**
 * GraphML through JGraphT's {@link GraphMLExporter}, with typed attributes: nodes have {@code label}, {@code kind},
 * {@code iri} and, where known, {@code start} and {@code end} (int); edges have {@code type}, {@code label},
 * {@code weight} (int), {@code start}, {@code end} and the projection's own attributes ({@code milestones},
 * {@code roles}...) as strings. Node ids are short forms of the IRIs ({@code organisation:ibcr}: GraphML's schema
 * allows no '/' in an id), the IRIs themselves are the {@code iri} attribute. The full view is directed, the others
 * undirected.
 */
public final class GraphMlWriter {
    private GraphMlWriter() {}

    public static void write(RelationshipGraph graph, OutputStream out) throws IOException {
        Map<String, GraphNode> nodes = new LinkedHashMap<>();
        for (GraphNode n : graph.nodes()) nodes.put(n.id(), n);
        List<String> extra = Exports.attributeNames(graph);

        Map<String, String> ids = ids(graph);
        GraphMLExporter<String, GraphEdge> exporter = new GraphMLExporter<>(ids::get);
        // JGraphT reserves "weight" for its own double weights, which we do not use; the name goes to our int weight.
        exporter.setEdgeWeightAttributeName("jgrapht-weight");
        exporter.setExportEdgeWeights(false);
        exporter.setEdgeIdProvider(GraphEdge::id);
        // label, start and end are both node and edge attributes; GraphML declares them once, for "all".
        exporter.registerAttribute("label", AttributeCategory.ALL, AttributeType.STRING);
        exporter.registerAttribute("kind", AttributeCategory.NODE, AttributeType.STRING);
        exporter.registerAttribute("iri", AttributeCategory.NODE, AttributeType.STRING);
        exporter.registerAttribute("start", AttributeCategory.ALL, AttributeType.INT);
        exporter.registerAttribute("end", AttributeCategory.ALL, AttributeType.INT);
        exporter.registerAttribute("type", AttributeCategory.EDGE, AttributeType.STRING);
        exporter.registerAttribute("weight", AttributeCategory.EDGE, AttributeType.INT);
        for (String name : extra) exporter.registerAttribute(name, AttributeCategory.EDGE, AttributeType.STRING);

        exporter.setVertexAttributeProvider(id -> {
            Map<String, Attribute> a = new LinkedHashMap<>();
            GraphNode n = nodes.get(id);
            if (n == null) return a;
            a.put("label", text(n.label()));
            a.put("kind", text(n.kind()));
            a.put("iri", text(n.id()));
            n.start().ifPresent(y -> a.put("start", DefaultAttribute.createAttribute(y)));
            n.end().ifPresent(y -> a.put("end", DefaultAttribute.createAttribute(y)));
            return a;
        });
        exporter.setEdgeAttributeProvider(e -> {
            Map<String, Attribute> a = new LinkedHashMap<>();
            a.put("type", text(e.type()));
            a.put("label", text(e.label()));
            a.put("weight", DefaultAttribute.createAttribute(e.weight()));
            e.start().ifPresent(y -> a.put("start", DefaultAttribute.createAttribute(y)));
            e.end().ifPresent(y -> a.put("end", DefaultAttribute.createAttribute(y)));
            for (String name : extra) {
                String value = e.attributes().get(name);
                if (value != null) a.put(name, text(value));
            }
            return a;
        });
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try {
            exporter.exportGraph(Exports.jgrapht(graph), writer);
        } catch (ExportException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("GraphML export failed: " + e.getMessage(), e);
        }
        writer.flush();
    }

    private static final java.util.regex.Pattern NMTOKEN = java.util.regex.Pattern.compile("[\\p{L}\\p{N}._:-]+");

    /**
     * GraphML node ids, which its schema types as NMTOKEN (no '/'): {@code {base}id/organisation/ibcr} is
     * {@code organisation:ibcr}, the same in every export of the same data; a node whose IRI does not give a
     * unique NMTOKEN that way is {@code n} and its position. The IRI itself is the {@code iri} attribute.
     */
    static Map<String, String> ids(RelationshipGraph graph) {
        Map<String, String> ids = new LinkedHashMap<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        List<GraphNode> nodes = graph.nodes();
        for (GraphNode n : nodes) {
            String iri = n.id();
            int at = iri.lastIndexOf("/id/");
            String id = at < 0 ? "" : iri.substring(at + 4).replace('/', ':');
            if (id.contains(":") && NMTOKEN.matcher(id).matches() && used.add(id)) ids.put(iri, id);
        }
        for (int i = 0; i < nodes.size(); i++) {
            if (!ids.containsKey(nodes.get(i).id())) ids.put(nodes.get(i).id(), "n" + i);
        }
        for (GraphEdge e : graph.edges()) {
            for (String end : List.of(e.source(), e.target())) {
                if (!ids.containsKey(end)) ids.put(end, "n" + ids.size());
            }
        }
        return ids;
    }

    private static Attribute text(String s) {
        return DefaultAttribute.createAttribute(Exports.xml(s));
    }
}
