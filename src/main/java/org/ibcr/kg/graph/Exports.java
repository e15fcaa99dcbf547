package org.ibcr.kg.graph;

import java.util.ArrayList;
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
    static final Set<String> RESERVED = Set.of("id", "source", "target", "label", "label_fr", "kind", "iri", "type", "role",
            "weight", "start", "end", "spells", "lat", "lon", "degree", "weighted_degree", "betweenness", "closeness", "pagerank",
            "community", "key", "value", "name");

    /** The type of an attribute, as each format declares it. */
    enum Type { STRING, INT, DOUBLE }

    /** A node or edge attribute every format writes under the same name. */
    record Column(String name, Type type) {}

    /**
     * The node attributes, in the order every format writes them: the same names in GraphML, GEXF, Cytoscape JSON,
     * Neo4j CSV and DOT. {@code spells} is text ({@code 2008 2010-2012}) except in GEXF, which has its own spells
     * element, and in JSON, an array of [start, end] pairs.
     */
    static final List<Column> NODE_COLUMNS = List.of(new Column("label", Type.STRING), new Column("label_fr", Type.STRING),
            new Column("kind", Type.STRING), new Column("iri", Type.STRING), new Column("start", Type.INT), new Column("end", Type.INT),
            new Column("spells", Type.STRING), new Column("lat", Type.DOUBLE), new Column("lon", Type.DOUBLE),
            new Column("degree", Type.INT), new Column("weighted_degree", Type.INT), new Column("betweenness", Type.DOUBLE),
            new Column("closeness", Type.DOUBLE), new Column("pagerank", Type.DOUBLE), new Column("community", Type.INT));

    /** The fixed edge attributes, before the projection's own ({@link #attributeNames}). */
    static final List<Column> EDGE_COLUMNS = List.of(new Column("type", Type.STRING), new Column("label", Type.STRING),
            new Column("role", Type.STRING), new Column("weight", Type.INT), new Column("start", Type.INT), new Column("end", Type.INT),
            new Column("spells", Type.STRING));

    /**
     * A node's attributes by name, in {@link #NODE_COLUMNS} order; absent where the node has none (no years, no
     * French label, no coordinates). Values are String, Integer, Long or Double.
     */
    static Map<String, Object> nodeValues(GraphNode n, NetworkFigures figures) {
        Map<String, Object> v = new java.util.LinkedHashMap<>();
        v.put("label", n.label());
        String fr = n.attributes().get("label_fr");
        if (fr != null) v.put("label_fr", fr);
        v.put("kind", n.kind());
        v.put("iri", n.id());
        n.start().ifPresent(y -> v.put("start", y));
        n.end().ifPresent(y -> v.put("end", y));
        if (!n.spells().isEmpty()) v.put("spells", RelationshipGraph.Spell.format(n.spells()));
        String lat = n.attributes().get("lat");
        String lon = n.attributes().get("lon");
        if (lat != null && lon != null) {
            v.put("lat", Double.valueOf(lat));
            v.put("lon", Double.valueOf(lon));
        }
        figures.of(n.id()).ifPresent(a -> {
            v.put("degree", a.degree());
            v.put("weighted_degree", a.weightedDegree());
            v.put("betweenness", a.betweenness());
            v.put("closeness", a.closeness());
            v.put("pagerank", a.pagerank());
            v.put("community", a.community());
        });
        return v;
    }

    /** An edge's fixed attributes by name, in {@link #EDGE_COLUMNS} order; years absent where it has none. */
    static Map<String, Object> edgeValues(GraphEdge e) {
        Map<String, Object> v = new java.util.LinkedHashMap<>();
        v.put("type", e.type());
        v.put("label", e.label());
        v.put("role", e.attributes().getOrDefault("role", ""));
        v.put("weight", e.weight());
        e.start().ifPresent(y -> v.put("start", y));
        e.end().ifPresent(y -> v.put("end", y));
        if (!e.spells().isEmpty()) v.put("spells", RelationshipGraph.Spell.format(e.spells()));
        return v;
    }

    /**
     * A short label for an edge drawn in a layout: the role (the roles of both ends for a shared milestone, of the
     * actor for an actor acting in a place), or the relation's own label in the full view.
     */
    static String shortLabel(GraphEdge e) {
        String roles = e.attributes().get("roles");
        if (e.type().equals("role") || roles == null || roles.isEmpty()) return e.label();
        Set<String> distinct = new java.util.LinkedHashSet<>();
        for (String part : roles.split(" \\| | / |, ")) if (!part.isBlank()) distinct.add(part.strip());
        return String.join(", ", distinct);
    }

    /** A value as the text formats write it: an integer plainly, a double in Java's shortest form that reads back exactly. */
    static String text(Object value) {
        return value.toString();
    }

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
