package org.ibcr.kg.graph;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.ibcr.kg.graph.RelationshipGraph.GraphEdge;
import org.ibcr.kg.graph.RelationshipGraph.GraphNode;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonGenerator;

/**
 * Cytoscape.js elements JSON, written with JSON-P ({@code jakarta.json}), ready for {@code cytoscape({elements})}:
 *
 * <pre>{@code
 * {"elements": {
 *   "nodes": [{"data": {"id": IRI, "label": ..., "kind": ..., "start": 1995, "end": 2000, "degree": 3}}],
 *   "edges": [{"data": {"id": "e0", "source": IRI, "target": IRI, "type": ..., "label": ..., "weight": 1,
 *                       "start": 2008, "end": 2010, "roles": ..., "milestones": ...}}]}}
 * }</pre>
 *
 * {@code start} and {@code end} are left out where the history gives no year; {@code degree} counts a node's
 * edges; {@code roles} and {@code milestones} are "" where the view has none.
 */
public final class CytoscapeJsonWriter {
    private CytoscapeJsonWriter() {}

    public static void write(RelationshipGraph graph, OutputStream out) throws IOException {
        Map<String, Integer> degrees = Exports.degrees(graph);
        try {
            JsonGenerator json = Json.createGeneratorFactory(Map.of()).createGenerator(out, StandardCharsets.UTF_8);
            json.writeStartObject().writeStartObject("elements");
            json.writeStartArray("nodes");
            for (GraphNode n : graph.nodes()) {
                json.writeStartObject().writeStartObject("data")
                        .write("id", n.id())
                        .write("label", n.label())
                        .write("kind", n.kind());
                n.start().ifPresent(y -> json.write("start", y));
                n.end().ifPresent(y -> json.write("end", y));
                json.write("degree", degrees.getOrDefault(n.id(), 0));
                json.writeEnd().writeEnd();
            }
            json.writeEnd();
            json.writeStartArray("edges");
            for (GraphEdge e : graph.edges()) {
                json.writeStartObject().writeStartObject("data")
                        .write("id", e.id())
                        .write("source", e.source())
                        .write("target", e.target())
                        .write("type", e.type())
                        .write("label", e.label())
                        .write("weight", e.weight());
                e.start().ifPresent(y -> json.write("start", y));
                e.end().ifPresent(y -> json.write("end", y));
                json.write("roles", Exports.attribute(e, "roles"))
                        .write("milestones", Exports.attribute(e, "milestones"));
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
}
