package org.ibcr.kg.publish.site;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdfpatch.RDFChanges;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.ibcr.kg.store.VersionLog;

/**
 * The history of the resources of the data graph, from the {@link VersionLog}: which resources each version changed
 * (the subjects of the triples it added or removed there), and the description of a resource (its triples in the
 * data graph) as of any version. A description is rebuilt backwards from the current data, undoing the patches
 * after the version asked for, so an old version costs the changes made since, not the whole history.
 *
 * <pre>{@code
 * History h = new History(log, dataset, dataGraph);
 * log.read(current -> h.describe(Set.of(resource), 3, current));
 * }</pre>
 */
final class History {
    /** A member of the change feed: the version of a resource, and its place in the feed (from 0). */
    record Member(long index, long version, Instant time, Node resource) {}

    private final VersionLog log;
    private final DatasetGraph dataset;
    private final Node graph;
    /** The resources each version changed, by IRI, for versions 1 to size. */
    private final List<List<Node>> changed = new ArrayList<>();
    /** The members before each version: starts.get(v - 1) is the index of version v's first member. */
    private final List<Long> starts = new ArrayList<>();

    History(VersionLog log, DatasetGraph dataset, Node graph) {
        this.log = Objects.requireNonNull(log, "log");
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.graph = Objects.requireNonNull(graph, "graph");
    }

    VersionLog log() {
        return log;
    }

    Node graph() {
        return graph;
    }

    /** Indexes the versions up to {@code version} not indexed yet. */
    private synchronized void indexTo(long version) {
        while (changed.size() < version) {
            long v = changed.size() + 1;
            Set<Node> subjects = new TreeSet<>(Comparator.comparing(Node::toString));
            log.replay(v, new Subjects(graph, subjects)); // streamed: version 1 holds the whole data
            long before = starts.isEmpty() ? 0 : starts.get(starts.size() - 1) + changed.get(changed.size() - 1).size();
            changed.add(List.copyOf(subjects));
            starts.add(before);
        }
    }

    /** The number of members up to version {@code latest}. */
    synchronized long memberCount(long latest) {
        indexTo(latest);
        if (latest == 0) return 0;
        return starts.get((int) latest - 1) + changed.get((int) latest - 1).size();
    }

    /** The members with index {@code from} (inclusive) to {@code to} (exclusive), of versions up to {@code latest}. */
    synchronized List<Member> members(long from, long to, long latest) {
        indexTo(latest);
        List<Member> out = new ArrayList<>();
        List<VersionLog.Version> versions = log.versions();
        for (int v = 1; v <= latest; v++) {
            long start = starts.get(v - 1);
            List<Node> subjects = changed.get(v - 1);
            if (start + subjects.size() <= from) continue;
            if (start >= to) break;
            for (int i = 0; i < subjects.size(); i++) {
                long index = start + i;
                if (index >= from && index < to) out.add(new Member(index, v, versions.get(v - 1).time(), subjects.get(i)));
            }
        }
        return out;
    }

    /** The versions up to {@code latest} that changed {@code resource}, oldest first. */
    synchronized List<VersionLog.Version> versionsOf(Node resource, long latest) {
        indexTo(latest);
        List<VersionLog.Version> versions = log.versions();
        List<VersionLog.Version> out = new ArrayList<>();
        for (int v = 1; v <= latest; v++) {
            if (java.util.Collections.binarySearch(changed.get(v - 1), resource, Comparator.comparing(Node::toString)) >= 0) {
                out.add(versions.get(v - 1));
            }
        }
        return out;
    }

    /**
     * The triples of each resource in the data graph as of {@code version}; call it inside {@link VersionLog#read},
     * with the version that read sees as {@code current}.
     */
    Map<Node, Graph> describe(Collection<Node> resources, long version, long current) {
        Map<Node, Graph> states = new HashMap<>();
        Graph now = dataset.getGraph(graph);
        for (Node r : resources) {
            Graph g = GraphFactory.createDefaultGraph();
            now.find(r, Node.ANY, Node.ANY).forEachRemaining(g::add);
            states.put(r, g);
        }
        Set<Node> wanted = new HashSet<>(resources);
        for (long v = current; v > version; v--) log.replay(v, new Undo(graph, wanted, states));
        return states;
    }

    /**
     * The triples of a resource's data document as of {@code version}: its own and those of the nodes inside its
     * document ({@code iri#...}, such as {@code #time}), followed from it as the current data document follows them.
     * Call it inside {@link VersionLog#read}, with the version that read sees as {@code current}.
     */
    Graph describeDocument(Node resource, long version, long current) {
        Graph doc = GraphFactory.createDefaultGraph();
        String inside = resource.getURI() + "#";
        Set<Node> seen = new HashSet<>(Set.of(resource));
        Set<Node> next = Set.of(resource);
        while (!next.isEmpty()) {
            Set<Node> found = new HashSet<>();
            for (Graph g : describe(next, version, current).values()) {
                g.find().forEachRemaining(t -> {
                    doc.add(t);
                    Node o = t.getObject();
                    if (o.isURI() && o.getURI().startsWith(inside) && seen.add(o)) found.add(o);
                });
            }
            next = found;
        }
        return doc;
    }

    /**
     * The whole dataset (every named graph) as of {@code version}: a copy of the current data with the patches after
     * it undone. Call it inside {@link VersionLog#read}, with the version that read sees as {@code current}.
     */
    DatasetGraph datasetAt(long version, long current) {
        DatasetGraph copy = org.apache.jena.sparql.core.DatasetGraphFactory.createGeneral();
        dataset.listGraphNodes().forEachRemaining(name -> dataset.getGraph(name).find().forEachRemaining(t -> copy.add(name, t.getSubject(),
                t.getPredicate(), t.getObject())));
        for (long v = current; v > version; v--) {
            log.replay(v, new org.apache.jena.rdfpatch.changes.RDFChangesApply(copy) {
                @Override
                public void add(Node g, Node s, Node p, Node o) {
                    super.delete(g, s, p, o);
                }

                @Override
                public void delete(Node g, Node s, Node p, Node o) {
                    super.add(g, s, p, o);
                }

                @Override public void txnBegin() {}
                @Override public void txnCommit() {}
                @Override public void txnAbort() {}
            });
        }
        return copy;
    }

    /** When each resource of the data graph last changed, up to version {@code latest}. */
    synchronized Map<Node, Instant> lastChanged(long latest) {
        indexTo(latest);
        List<VersionLog.Version> versions = log.versions();
        Map<Node, Instant> out = new HashMap<>();
        for (int v = 1; v <= latest; v++) {
            Instant time = versions.get(v - 1).time();
            for (Node r : changed.get(v - 1)) out.put(r, time);
        }
        return out;
    }

    /** Collects the IRI subjects a patch changes in one graph. */
    private record Subjects(Node graph, Set<Node> subjects) implements ChangesOfGraph {
        @Override
        public void change(Node s, Node p, Node o, boolean add) {
            if (s.isURI()) subjects.add(s);
        }
    }

    /** Undoes a patch on the descriptions of some resources: what it added is removed, what it removed comes back. */
    private record Undo(Node graph, Set<Node> wanted, Map<Node, Graph> states) implements ChangesOfGraph {
        @Override
        public void change(Node s, Node p, Node o, boolean add) {
            if (!wanted.contains(s)) return;
            Triple t = Triple.create(s, p, o);
            if (add) states.get(s).delete(t);
            else states.get(s).add(t);
        }
    }

    /** The adds and deletes of a patch in one graph; the rest is ignored. */
    private interface ChangesOfGraph extends RDFChanges {
        Node graph();

        void change(Node s, Node p, Node o, boolean add);

        @Override
        default void add(Node g, Node s, Node p, Node o) {
            if (graph().equals(g)) change(s, p, o, true);
        }

        @Override
        default void delete(Node g, Node s, Node p, Node o) {
            if (graph().equals(g)) change(s, p, o, false);
        }

        @Override default void header(String field, Node value) {}
        @Override default void addPrefix(Node gn, String prefix, String uriStr) {}
        @Override default void deletePrefix(Node gn, String prefix) {}
        @Override default void txnBegin() {}
        @Override default void txnCommit() {}
        @Override default void txnAbort() {}
        @Override default void segment() {}
        @Override default void start() {}
        @Override default void finish() {}
    }
}
