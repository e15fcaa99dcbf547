package org.ibcr.kg.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.ibcr.kg.graph.RelationshipGraph.GraphEdge;
import org.ibcr.kg.graph.RelationshipGraph.GraphNode;
import org.jgrapht.Graph;
import org.jgrapht.alg.scoring.BetweennessCentrality;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;

/**
 * The most connected actors of a relationship graph (meant for the actors view), computed with JGraphT over the
 * simple undirected graph of its nodes: the degree (how many others a node shares a milestone with) and the
 * normalised betweenness centrality (Brandes; the share of shortest paths between two other nodes that pass
 * through it, from 0 to 1, as NetworkX's {@code betweenness_centrality(G, normalized=True)}).
 *
 * <pre>{@code
 * NetworkFigures figures = NetworkFigures.of(GraphProjector.over(dataset).project(View.ACTORS));
 * figures.topByDegree(5).forEach(a -> System.out.println(a.label() + " " + a.degree()));
 * }</pre>
 */
public final class NetworkFigures {
    /** One node with its figures. */
    public record Actor(String iri, String label, String kind, int degree, double betweenness) {}

    private final List<Actor> actors;

    private NetworkFigures(List<Actor> actors) {
        this.actors = actors;
    }

    public static NetworkFigures of(RelationshipGraph graph) {
        Objects.requireNonNull(graph, "graph");
        Graph<String, DefaultEdge> g = new SimpleGraph<>(DefaultEdge.class);
        for (GraphNode n : graph.nodes()) g.addVertex(n.id());
        for (GraphEdge e : graph.edges()) {
            if (e.source().equals(e.target())) continue;
            g.addVertex(e.source());
            g.addVertex(e.target());
            g.addEdge(e.source(), e.target()); // a second edge between the same two nodes is not added
        }
        // Raw scores (each pair of other nodes counted once), divided by the number of such pairs: the usual
        // normalisation, 1 for the centre of a star. (JGraphT's own divides an undirected graph's by twice that.)
        Map<String, Double> betweenness = new BetweennessCentrality<>(g, false).getScores();
        int n = g.vertexSet().size();
        double pairs = n > 2 ? (n - 1.0) * (n - 2.0) / 2.0 : 1.0;
        List<Actor> actors = new ArrayList<>();
        for (GraphNode node : graph.nodes()) {
            actors.add(new Actor(node.id(), node.label(), node.kind(), g.degreeOf(node.id()), betweenness.getOrDefault(node.id(), 0.0) / pairs));
        }
        return new NetworkFigures(List.copyOf(actors));
    }

    /** Every node with its figures, in the graph's order. */
    public List<Actor> all() {
        return actors;
    }

    /** The {@code n} nodes of highest degree (ties: higher betweenness, then label, then IRI). */
    public List<Actor> topByDegree(int n) {
        return top(n, Comparator.comparingInt(Actor::degree).reversed().thenComparing(Comparator.comparingDouble(Actor::betweenness).reversed()));
    }

    /** The {@code n} nodes of highest betweenness (ties: higher degree, then label, then IRI). */
    public List<Actor> topByBetweenness(int n) {
        return top(n, Comparator.comparingDouble(Actor::betweenness).reversed().thenComparing(Comparator.comparingInt(Actor::degree).reversed()));
    }

    private List<Actor> top(int n, Comparator<Actor> order) {
        if (n < 0) throw new IllegalArgumentException("n must not be negative");
        return actors.stream().sorted(order.thenComparing(Actor::label).thenComparing(Actor::iri)).limit(n).toList();
    }

    /**
     * A Markdown table of the top {@code n} by degree beside the top {@code n} by betweenness, labels linked to
     * their IRIs (the table of the README).
     */
    public String markdownTable(int n) {
        List<Actor> byDegree = topByDegree(n);
        List<Actor> byBetweenness = topByBetweenness(n);
        StringBuilder b = new StringBuilder("| # | most connected (degree) | degree | most between (betweenness) | betweenness |\n")
                .append("|---|---|---|---|---|\n");
        for (int i = 0; i < Math.max(byDegree.size(), byBetweenness.size()); i++) {
            b.append("| ").append(i + 1).append(" | ");
            if (i < byDegree.size()) b.append(link(byDegree.get(i))).append(" | ").append(byDegree.get(i).degree());
            else b.append(" | ");
            b.append(" | ");
            if (i < byBetweenness.size()) {
                b.append(link(byBetweenness.get(i))).append(" | ")
                        .append(String.format(Locale.ROOT, "%.3f", byBetweenness.get(i).betweenness()));
            } else {
                b.append(" | ");
            }
            b.append(" |\n");
        }
        return b.toString();
    }

    private static String link(Actor a) {
        String label = a.label().replace("\\", "\\\\").replace("|", "\\|").replace("[", "\\[").replace("]", "\\]");
        return "[" + label + "](" + a.iri() + ")";
    }
}
