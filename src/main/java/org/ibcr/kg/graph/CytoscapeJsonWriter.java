package org.ibcr.kg.graph;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.ibcr.kg.graph.RelationshipGraph.GraphEdge;
import org.ibcr.kg.graph.RelationshipGraph.GraphNode;
import org.ibcr.kg.graph.RelationshipGraph.Spell;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonGenerator;

/**
 * Cytoscape JSON, written with JSON-P ({@code jakarta.json}), in the shape both Cytoscape.js
 * ({@code cytoscape({elements: json.elements})}, or Cytoscape desktop's import) and NetworkX's
 * {@code cytoscape_graph(json)} read:
 *
 * <pre>{@code
 * {"data": {"name": "ibcr-actors", "view": "actors"}, "directed": false, "multigraph": false,
 *  "elements": {
 *   "nodes": [{"data": {"id": IRI, "value": IRI, "name": label, "label": ..., "label_fr": ..., "kind": ..., "iri": IRI,
 *                       "start": 1995, "end": 2000, "spells": [[1995, 2000]], "lat": .., "lon": ..,
 *                       "degree": 3, "weighted_degree": 4, "betweenness": .., "closeness": .., "pagerank": .., "community": 0}}],
 *   "edges": [{"data": {"id": "e0", "key": "e0", "source": IRI, "target": IRI, "type": ..., "label": ..., "role": ...,
 *                       "weight": 1, "start": 2008, "end": 2010, "spells": [[2008, 2010]], "roles": ..., "milestones": ...}}]}}
 * }</pre>
 *
 * {@code value} is the node key NetworkX uses (the IRI), {@code name} its name; {@code key} tells parallel edges
 * apart in the full view, the one multigraph. Years, French labels and coordinates are left out where the data has
 * none; the projection's own attributes are "" where an edge has none.
 */
public final class CytoscapeJsonWriter {
    private CytoscapeJsonWriter() {}

    public static void write(RelationshipGraph graph, OutputStream out) throws IOException {
        NetworkFigures figures = NetworkFigures.of(graph);
        List<String> extra = Exports.attributeNames(graph);
        boolean directed = Exports.directed(graph);
        try {
            JsonGenerator json = Json.createGeneratorFactory(Map.of()).createGenerator(out, StandardCharsets.UTF_8);
            json.writeStartObject();
            json.writeStartObject("data").write("name", "ibcr-" + graph.view()).write("view", graph.view()).writeEnd();
            json.write("directed", directed).write("multigraph", directed);
            json.writeStartObject("elements");
            json.writeStartArray("nodes");
            for (GraphNode n : graph.nodes()) {
                json.writeStartObject().writeStartObject("data")
                        .write("id", n.id())
                        .write("value", n.id())
                        .write("name", n.label());
                for (var v : Exports.nodeValues(n, figures).entrySet()) {
                    if (v.getKey().equals("spells")) spells(json, n.spells());
                    else write(json, v.getKey(), v.getValue());
                }
                json.writeEnd().writeEnd();
            }
            json.writeEnd();
            json.writeStartArray("edges");
            for (GraphEdge e : graph.edges()) {
                json.writeStartObject().writeStartObject("data")
                        .write("id", e.id())
                        .write("source", e.source())
                        .write("target", e.target());
                if (directed) json.write("key", e.id());
                for (var v : Exports.edgeValues(e).entrySet()) {
                    if (v.getKey().equals("spells")) spells(json, e.spells());
                    else write(json, v.getKey(), v.getValue());
                }
                for (String name : extra) json.write(name, Exports.attribute(e, name));
                json.writeEnd().writeEnd();
            }
            json.writeEnd();
            json.writeEnd().writeEnd();
            json.flush();
            // Closing the generator would close the caller's stream: flush it instead, and end with a newline.
            out.write('\n');
            out.flush();
        } catch (JsonException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("JSON export failed: " + e.getMessage(), e);
        }
    }

    private static void write(JsonGenerator json, String name, Object value) {
        if (value instanceof Integer i) json.write(name, i);
        else if (value instanceof Long l) json.write(name, l);
        else if (value instanceof Double d) json.write(name, d);
        else json.write(name, value.toString());
    }

    private static void spells(JsonGenerator json, List<Spell> spells) {
        json.writeStartArray("spells");
        for (Spell s : spells) json.writeStartArray().write(s.start()).write(s.end()).writeEnd();
        json.writeEnd();
    }
}
