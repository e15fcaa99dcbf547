package org.ibcr.kg.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.ibcr.kg.graph.GraphProjector.View;
import org.ibcr.kg.graph.RelationshipGraph.GraphEdge;
import org.ibcr.kg.graph.RelationshipGraph.GraphNode;
import org.jgrapht.Graph;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.graph.Pseudograph;

/** What the writers share: direction, the JGraphT form of a graph, attribute names, XML-safe text. */
final class Exports {
    private Exports() {}

    /** The names every writer gives its own meaning; an edge attribute of the same name is not exported. */
    static final Set<String> RESERVED = Set.of("id", "source", "target", "label", "kind", "iri", "type", "weight", "start",
            "end", "degree");

    /** The full view's links have a direction (subject to object); actors and geography are symmetric. */
    static boolean directed(RelationshipGraph graph) {
        return View.FULL.code().equals(graph.view());
    }

    /**
     * The graph in JGraphT, vertices by IRI in the graph's order, edges in the graph's order. A pseudograph: the
     * full view may link two nodes by several properties.
     */
    static Graph<String, GraphEdge> jgrapht(RelationshipGraph graph) {
        Graph<String, GraphEdge> g = directed(graph) ? new DirectedPseudograph<>(null, null, false) : new Pseudograph<>(null, null, false);
        for (GraphNode n : graph.nodes()) g.addVertex(n.id());
        for (GraphEdge e : graph.edges()) {
            g.addVertex(e.source());
            g.addVertex(e.target());
            g.addEdge(e.source(), e.target(), e);
        }
        return g;
    }

    /** The edge attributes beyond the fixed ones, sorted by name (an edge's own map has no stable order). */
    static List<String> attributeNames(RelationshipGraph graph) {
        Set<String> names = new TreeSet<>();
        for (GraphEdge e : graph.edges()) names.addAll(e.attributes().keySet());
        names.removeAll(RESERVED);
        return new ArrayList<>(names);
    }

    /** For each node, the number of edges incident to it (a loop counts once). */
    static Map<String, Integer> degrees(RelationshipGraph graph) {
        Map<String, Integer> degree = new HashMap<>();
        for (GraphNode n : graph.nodes()) degree.put(n.id(), 0);
        for (GraphEdge e : graph.edges()) {
            degree.merge(e.source(), 1, Integer::sum);
            if (!e.target().equals(e.source())) degree.merge(e.target(), 1, Integer::sum);
        }
        return degree;
    }

    /** An edge attribute, or "" when the edge does not have it. */
    static String attribute(GraphEdge e, String name) {
        return e.attributes().getOrDefault(name, "");
    }

    /** The text without the characters XML 1.0 cannot carry (control characters other than tab and line ends). */
    static String xml(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
            if (!ok && b == null) b = new StringBuilder(s.substring(0, i));
            else if (ok && b != null) b.append(c);
        }
        return b == null ? s : b.toString();
    }
}
