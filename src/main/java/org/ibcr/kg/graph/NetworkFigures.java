package org.ibcr.kg.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.ibcr.kg.graph.RelationshipGraph.GraphEdge;
import org.ibcr.kg.graph.RelationshipGraph.GraphNode;
import org.jgrapht.Graph;
import org.jgrapht.alg.clustering.LabelPropagationClustering;
import org.jgrapht.alg.scoring.BetweennessCentrality;
import org.jgrapht.alg.scoring.PageRank;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleGraph;
import org.jgrapht.graph.SimpleWeightedGraph;

/**
 * The figures analysts compute first, for every node of a relationship graph, computed with JGraphT over the
 * simple undirected graph of its nodes (directions dropped, parallel edges merged with their weights summed,
 * loops left out; the actors, organisations and geography views are such graphs already). Each is defined as
 * NetworkX defines it, and {@code GraphExportTest} checks them against NetworkX on the same graph:
 * <ul>
 * <li>{@code degree}: how many other nodes a node is linked to ({@code G.degree(n)});</li>
 * <li>{@code weighted_degree}: the sum of the weights of its edges, such as the milestones an actor shares with
 * others ({@code G.degree(n, weight="weight")});</li>
 * <li>{@code betweenness}: the share of shortest paths between two other nodes that pass through it, normalised
 * to 0..1, links unweighted ({@code betweenness_centrality(G)});</li>
 * <li>{@code closeness}: the inverse of its mean distance to the nodes it reaches, scaled by the share of the graph
 * it reaches (Wasserman and Faust; {@code closeness_centrality(G)});</li>
 * <li>{@code pagerank}: PageRank with damping 0.85 over the weighted links, a node with no link spreading its score
 * evenly ({@code pagerank(G, weight="weight")}); chosen over eigenvector centrality, which is not defined on a
 * graph of several components;</li>
 * <li>{@code community}: a community found by label propagation (Raghavan, Albert and Kumara; JGraphT's
 * {@link LabelPropagationClustering}), numbered from 0 in the order of the nodes; chosen as JGraphT's one
 * clustering that needs no number of communities given in advance and takes linear time; its random choices come
 * from a fixed seed, so the same graph gets the same communities.</li>
 * </ul>
 *
 * <pre>{@code
 * NetworkFigures figures = NetworkFigures.of(GraphProjector.over(dataset).project(View.ACTORS));
 * figures.topByDegree(5).forEach(a -> System.out.println(a.label() + " " + a.degree() + " " + a.pagerank()));
 * }</pre>
 */
public final class NetworkFigures {
    /** One node with its figures. */
    public record Actor(String iri, String label, String kind, int degree, double betweenness, long weightedDegree,
                        double closeness, double pagerank, int community) {}

    private static final long SEED = 20080101L;

    private final List<Actor> actors;
    private final Map<String, Actor> byIri = new HashMap<>();

    private NetworkFigures(List<Actor> actors) {
        this.actors = actors;
        for (Actor a : actors) byIri.put(a.iri(), a);
    }

    public static NetworkFigures of(RelationshipGraph graph) {
        Objects.requireNonNull(graph, "graph");
        Graph<String, DefaultEdge> g = new SimpleGraph<>(DefaultEdge.class);
        Graph<String, DefaultWeightedEdge> weighted = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        for (GraphNode n : graph.nodes()) {
            g.addVertex(n.id());
            weighted.addVertex(n.id());
        }
        Map<String, Long> weightedDegree = new HashMap<>();
        for (GraphEdge e : graph.edges()) {
            if (e.source().equals(e.target())) continue;
            g.addVertex(e.source());
            g.addVertex(e.target());
            weighted.addVertex(e.source());
            weighted.addVertex(e.target());
            g.addEdge(e.source(), e.target()); // a second edge between the same two nodes is not added
            DefaultWeightedEdge w = weighted.getEdge(e.source(), e.target());
            if (w == null) weighted.setEdgeWeight(weighted.addEdge(e.source(), e.target()), e.weight());
            else weighted.setEdgeWeight(w, weighted.getEdgeWeight(w) + e.weight());
            weightedDegree.merge(e.source(), (long) e.weight(), Long::sum);
            weightedDegree.merge(e.target(), (long) e.weight(), Long::sum);
        }
        // Raw scores (each pair of other nodes counted once), divided by the number of such pairs: the usual
        // normalisation, 1 for the centre of a star. (JGraphT's own divides an undirected graph's by twice that.)
        Map<String, Double> betweenness = new BetweennessCentrality<>(g, false).getScores();
        int n = g.vertexSet().size();
        double pairs = n > 2 ? (n - 1.0) * (n - 2.0) / 2.0 : 1.0;
        // Converged far past NetworkX's default tolerance, so both agree to 1e-6 whatever their iteration counts.
        Map<String, Double> pagerank = n == 0 ? Map.of() : new PageRank<>(weighted, PageRank.DAMPING_FACTOR_DEFAULT, 10_000, 1e-13).getScores();
        Map<String, Integer> community = communities(g, graph);
        Map<String, Double> closeness = closeness(g);
        List<Actor> actors = new ArrayList<>();
        for (GraphNode node : graph.nodes()) {
            String id = node.id();
            actors.add(new Actor(id, node.label(), node.kind(), g.degreeOf(id), betweenness.getOrDefault(id, 0.0) / pairs,
                    weightedDegree.getOrDefault(id, 0L), closeness.getOrDefault(id, 0.0), pagerank.getOrDefault(id, 0.0), community.get(id)));
        }
        return new NetworkFigures(List.copyOf(actors));
    }

    /**
     * NetworkX's closeness with the Wasserman-Faust scaling, (r / s) * (r / (n - 1)) for r nodes reached at a
     * distance sum s, for every node: one breadth-first search from each, over arrays (n searches of the graph).
     */
    private static Map<String, Double> closeness(Graph<String, DefaultEdge> g) {
        List<String> vertices = new ArrayList<>(g.vertexSet());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < vertices.size(); i++) index.put(vertices.get(i), i);
        int n = vertices.size();
        int[][] adjacent = new int[n][];
        for (int i = 0; i < n; i++) {
            String v = vertices.get(i);
            adjacent[i] = g.edgesOf(v).stream().mapToInt(e -> index.get(org.jgrapht.Graphs.getOppositeVertex(g, e, v))).toArray();
        }
        int[] distance = new int[n];
        int[] queue = new int[n];
        Map<String, Double> closeness = new HashMap<>();
        for (int source = 0; source < n; source++) {
            java.util.Arrays.fill(distance, -1);
            distance[source] = 0;
            int head = 0;
            int tail = 0;
            queue[tail++] = source;
            long sum = 0;
            while (head < tail) {
                int v = queue[head++];
                sum += distance[v];
                for (int w : adjacent[v]) {
                    if (distance[w] < 0) {
                        distance[w] = distance[v] + 1;
                        queue[tail++] = w;
                    }
                }
            }
            int reached = tail - 1;
            closeness.put(vertices.get(source), sum == 0 || n <= 1 ? 0.0 : ((double) reached / sum) * ((double) reached / (n - 1)));
        }
        return closeness;
    }

    /** Label propagation with a fixed seed; clusters numbered by the first of their nodes in the graph's order. */
    private static Map<String, Integer> communities(Graph<String, DefaultEdge> g, RelationshipGraph graph) {
        Map<String, Integer> clusterOf = new HashMap<>();
        List<Set<String>> clusters = new LabelPropagationClustering<>(g, 0, new Random(SEED)).getClustering().getClusters();
        for (int i = 0; i < clusters.size(); i++) for (String v : clusters.get(i)) clusterOf.put(v, i);
        Map<Integer, Integer> number = new HashMap<>();
        Map<String, Integer> community = new HashMap<>();
        Set<String> order = new java.util.LinkedHashSet<>();
        for (GraphNode node : graph.nodes()) order.add(node.id());
        order.addAll(g.vertexSet());
        for (String v : order) {
            int c = number.computeIfAbsent(clusterOf.get(v), k -> number.size());
            community.put(v, c);
        }
        return community;
    }

    /** The figures of one node. */
    public Optional<Actor> of(String iri) {
        return Optional.ofNullable(byIri.get(iri));
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
