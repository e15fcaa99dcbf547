package org.ibcr.kg.graph;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A relationship graph for analysts, projected from the RDF graph: typed, dated edges between nodes that
 * each carry their IRI, so an analyst can go back to the linked data.
 *
 * @param view  the projection it comes from (actors, full, geography)
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
     * A node: {@code id} is its IRI; {@code kind} is what it is (organisation, group, person, milestone,
     * country, region, city, work, topic).
     */
    public record GraphNode(String id, String label, String kind, Optional<Integer> start, Optional<Integer> end) {
        public GraphNode {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * An edge: {@code type} is the relation (such as {@code shared-milestone}, {@code acts-in}, or a property of
     * the ontology); {@code label} says it in words; {@code start}/{@code end} are its years where known;
     * {@code weight} counts what it aggregates; {@code attributes} holds the rest (roles, milestones).
     */
    public record GraphEdge(String id, String source, String target, String type, String label, Optional<Integer> start,
                            Optional<Integer> end, int weight, Map<String, String> attributes) {
        public GraphEdge {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(label, "label");
            attributes = Map.copyOf(attributes);
        }
    }
}
