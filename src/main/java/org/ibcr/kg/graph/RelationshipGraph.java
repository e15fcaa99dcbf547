package org.ibcr.kg.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A relationship graph for analysts, projected from the RDF graph: typed, dated edges between nodes that
 * each carry their IRI, so an analyst can go back to the linked data.
 *
 * <pre>{@code
 * RelationshipGraph g = GraphProjector.over(dataset).project(View.FULL);
 * RelationshipGraph ego = g.around("https://w3id.org/ibcr/id/organisation/ibcr", 1); // the network around the IBCR
 * RelationshipGraph in2010 = g.snapshot(2010);                                        // what was active in 2010
 * }</pre>
 *
 * @param view  the projection it comes from (actors, organisations, full, geography)
 * @param nodes the nodes, in a stable order
 * @param edges the edges, in a stable order
 */
public record RelationshipGraph(String view, List<GraphNode> nodes, List<GraphEdge> edges) {
    public RelationshipGraph {
        Objects.requireNonNull(view, "view");
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /**
     * A closed interval of years in which a node or an edge is active (both ends included), as a GEXF spell.
     *
     * @param start the first year
     * @param end   the last year, not before {@code start}
     */
    public record Spell(int start, int end) {
        public Spell {
            if (end < start) throw new IllegalArgumentException("spell ends (" + end + ") before it starts (" + start + ")");
        }

        public boolean contains(int year) {
            return start <= year && year <= end;
        }

        /** {@code 2008} for a single year, {@code 2009-2012} for several. */
        @Override
        public String toString() {
            return start == end ? Integer.toString(start) : start + "-" + end;
        }

        /** The spells as text, such as {@code 2008 2010-2012}. */
        public static String format(List<Spell> spells) {
            return String.join(" ", spells.stream().map(Spell::toString).toList());
        }

        /** The spells merged: sorted, and overlapping or adjoining ones (2008-2009 and 2010) made one. */
        public static List<Spell> merge(List<Spell> spells) {
            List<Spell> sorted = new ArrayList<>(spells);
            sorted.sort((a, b) -> a.start != b.start ? Integer.compare(a.start, b.start) : Integer.compare(a.end, b.end));
            List<Spell> merged = new ArrayList<>();
            for (Spell s : sorted) {
                Spell last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && s.start <= last.end + 1) merged.set(merged.size() - 1, new Spell(last.start, Math.max(last.end, s.end)));
                else merged.add(s);
            }
            return List.copyOf(merged);
        }

        /** The years both lists of merged spells cover, merged. */
        public static List<Spell> intersect(List<Spell> a, List<Spell> b) {
            List<Spell> out = new ArrayList<>();
            for (Spell x : a) {
                for (Spell y : b) {
                    int s = Math.max(x.start, y.start);
                    int e = Math.min(x.end, y.end);
                    if (s <= e) out.add(new Spell(s, e));
                }
            }
            return merge(out);
        }
    }

    /**
     * A node: {@code id} is its IRI; {@code kind} is what it is (organisation, group, person, milestone,
     * country, region, city, work, topic); {@code spells} are the years it is active in (merged, possibly with
     * gaps), {@code start} and {@code end} the first and last of them; {@code attributes} holds the rest
     * ({@code label_fr}, {@code lat}, {@code lon} where the data has them).
     */
    public record GraphNode(String id, String label, String kind, Optional<Integer> start, Optional<Integer> end,
                            List<Spell> spells, Map<String, String> attributes) {
        public GraphNode {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(kind, "kind");
            spells = List.copyOf(spells);
            attributes = Map.copyOf(attributes);
        }

        /** A node with no spells and no further attributes. */
        public GraphNode(String id, String label, String kind, Optional<Integer> start, Optional<Integer> end) {
            this(id, label, kind, start, end, List.of(), Map.of());
        }

        /** A node active in these spells (merged), its start and end their first and last year. */
        public static GraphNode of(String id, String label, String kind, List<Spell> spells, Map<String, String> attributes) {
            List<Spell> merged = Spell.merge(spells);
            return new GraphNode(id, label, kind, first(merged), last(merged), merged, attributes);
        }

        /** Whether the node is active in {@code year}. */
        public boolean activeIn(int year) {
            return spells.stream().anyMatch(s -> s.contains(year));
        }
    }

    /**
     * An edge: {@code type} is the relation (such as {@code shared-milestone}, {@code acts-in}, or a property of
     * the ontology); {@code label} says it in words; {@code spells} are the years of the milestones behind it,
     * {@code start}/{@code end} the first and last of them; {@code weight} counts what it aggregates;
     * {@code attributes} holds the rest ({@code role}, {@code roles}, {@code milestones}...).
     */
    public record GraphEdge(String id, String source, String target, String type, String label, Optional<Integer> start,
                            Optional<Integer> end, int weight, Map<String, String> attributes, List<Spell> spells) {
        public GraphEdge {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(label, "label");
            attributes = Map.copyOf(attributes);
            spells = List.copyOf(spells);
        }

        /** An edge with no spells. */
        public GraphEdge(String id, String source, String target, String type, String label, Optional<Integer> start,
                         Optional<Integer> end, int weight, Map<String, String> attributes) {
            this(id, source, target, type, label, start, end, weight, attributes, List.of());
        }

        /** An edge active in these spells (merged), its start and end their first and last year. */
        public static GraphEdge of(String id, String source, String target, String type, String label, int weight,
                                   Map<String, String> attributes, List<Spell> spells) {
            List<Spell> merged = Spell.merge(spells);
            return new GraphEdge(id, source, target, type, label, first(merged), last(merged), weight, attributes, merged);
        }

        /** Whether the edge is active in {@code year}. */
        public boolean activeIn(int year) {
            return spells.stream().anyMatch(s -> s.contains(year));
        }
    }

    private static Optional<Integer> first(List<Spell> merged) {
        return merged.isEmpty() ? Optional.empty() : Optional.of(merged.get(0).start());
    }

    private static Optional<Integer> last(List<Spell> merged) {
        return merged.isEmpty() ? Optional.empty() : Optional.of(merged.get(merged.size() - 1).end());
    }

    /** The node with this IRI. */
    public Optional<GraphNode> node(String iri) {
        return nodes.stream().filter(n -> n.id().equals(iri)).findFirst();
    }

    /**
     * The ego network of a node, as NetworkX's {@code ego_graph(G, n, radius=depth, undirected=True)}: the nodes
     * at most {@code depth} links away from it (whatever the links' direction) and every edge between two of them.
     *
     * @throws IllegalArgumentException if the graph has no node {@code iri} or {@code depth} is negative
     */
    public RelationshipGraph around(String iri, int depth) {
        Objects.requireNonNull(iri, "iri");
        if (depth < 0) throw new IllegalArgumentException("depth must not be negative");
        if (node(iri).isEmpty()) throw new IllegalArgumentException("the " + view + " graph has no node " + iri);
        Map<String, List<String>> neighbours = new HashMap<>();
        for (GraphEdge e : edges) {
            neighbours.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(e.target());
            neighbours.computeIfAbsent(e.target(), k -> new ArrayList<>()).add(e.source());
        }
        Map<String, Integer> distance = new LinkedHashMap<>();
        distance.put(iri, 0);
        Deque<String> queue = new ArrayDeque<>(List.of(iri));
        while (!queue.isEmpty()) {
            String n = queue.poll();
            int d = distance.get(n);
            if (d == depth) continue;
            for (String m : neighbours.getOrDefault(n, List.of())) {
                if (distance.putIfAbsent(m, d + 1) == null) queue.add(m);
            }
        }
        return induced(distance.keySet());
    }

    /**
     * The graph as it stood in {@code year}: the nodes and edges active then (an undated one is left out), each
     * edge only if both its ends are kept.
     */
    public RelationshipGraph snapshot(int year) {
        List<GraphNode> kept = nodes.stream().filter(n -> n.activeIn(year)).toList();
        Set<String> ids = new java.util.HashSet<>();
        for (GraphNode n : kept) ids.add(n.id());
        List<GraphEdge> keptEdges = edges.stream()
                .filter(e -> e.activeIn(year) && ids.contains(e.source()) && ids.contains(e.target())).toList();
        return new RelationshipGraph(view, kept, keptEdges);
    }

    /** The years some node or edge of the graph is active in, in order. */
    public List<Integer> years() {
        java.util.SortedSet<Integer> years = new java.util.TreeSet<>();
        for (GraphNode n : nodes) for (Spell s : n.spells()) for (int y = s.start(); y <= s.end(); y++) years.add(y);
        for (GraphEdge e : edges) for (Spell s : e.spells()) for (int y = s.start(); y <= s.end(); y++) years.add(y);
        return List.copyOf(years);
    }

    private RelationshipGraph induced(Set<String> ids) {
        List<GraphNode> kept = nodes.stream().filter(n -> ids.contains(n.id())).toList();
        List<GraphEdge> keptEdges = edges.stream().filter(e -> ids.contains(e.source()) && ids.contains(e.target())).toList();
        return new RelationshipGraph(view, kept, keptEdges);
    }
}
