package org.ibcr.kg.publish.site;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.apache.jena.vocabulary.VOID;
import org.ibcr.kg.vocab.IBCR;

/**
 * Read access to the served dataset for the linked-data pages: labels in a language, the data document
 * of a resource, the classes in use. Every read runs in its own read transaction over the union of
 * the named graphs.
 */
final class SiteContent {
    private final DatasetGraph dataset;

    SiteContent(DatasetGraph dataset) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
    }

    DatasetGraph dataset() {
        return dataset;
    }

    <T> T read(Function<Graph, T> action) {
        return Txn.calculateRead(dataset, () -> action.apply(dataset.getUnionGraph()));
    }

    /** The canonical base the data was minted under, from the VoID description ({@code void:uriSpace}). */
    Optional<String> canonicalBase() {
        return read(g -> g.find(Node.ANY, VOID.uriSpace.asNode(), Node.ANY).nextOptional()
                .map(t -> t.getObject().getLiteralLexicalForm())
                .filter(s -> s.endsWith("id/"))
                .map(s -> s.substring(0, s.length() - 3)));
    }

    /**
     * How well a literal's language serves a reader of {@code lang}, lower is better: that language, then
     * English, then untagged, then any other. The one ranking of labels and texts on every page.
     */
    static int rank(String literalLang, String lang) {
        String l = literalLang.toLowerCase(java.util.Locale.ROOT);
        return l.equals(lang) ? 0 : l.equals("en") ? 1 : l.isEmpty() ? 2 : 3;
    }

    /** The best label of a node in {@code lang}: that language, then English, then untagged, then a short form. */
    static String label(Graph g, Node n, String lang) {
        if (n.isLiteral()) return n.getLiteralLexicalForm();
        String best = null;
        int bestRank = Integer.MAX_VALUE;
        for (Node p : List.of(RDFS.label.asNode(), SKOS.prefLabel.asNode())) {
            var it = g.find(n, p, Node.ANY);
            while (it.hasNext()) {
                Node o = it.next().getObject();
                if (!o.isLiteral()) continue;
                int rank = rank(o.getLiteralLanguage(), lang);
                if (rank < bestRank || (rank == bestRank && o.getLiteralLexicalForm().compareTo(best) < 0)) {
                    best = o.getLiteralLexicalForm();
                    bestRank = rank;
                }
            }
            if (best != null) return best;
        }
        // A participation has no label of its own: it is named by its agent, role and milestone.
        Node agent = objectOf(g, n, IBCR.agent.asNode());
        Node role = objectOf(g, n, IBCR.role.asNode());
        Node milestone = g.find(Node.ANY, IBCR.qualifiedParticipation.asNode(), n).nextOptional().map(Triple::getSubject).orElse(null);
        if (agent != null && role != null && milestone != null && !agent.equals(n)) {
            // French typography: a no-break space before the colon
            return label(g, agent, lang) + " (" + label(g, role, lang) + ")" + ("fr".equals(lang) ? "\u00a0: " : ": ") + label(g, milestone, lang);
        }
        return shortForm(n);
    }

    private static Node objectOf(Graph g, Node s, Node p) {
        var it = g.find(s, p, Node.ANY);
        return it.hasNext() ? it.next().getObject() : null;
    }

    /** A short form for a node without label: the local name of an IRI. */
    static String shortForm(Node n) {
        if (!n.isURI()) return n.toString();
        String iri = n.getURI();
        int cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'));
        String local = cut >= 0 && cut < iri.length() - 1 ? iri.substring(cut + 1) : iri;
        return local;
    }

    /** Whether the graph says anything about the node (as a subject). */
    boolean exists(Node n) {
        return read(g -> g.contains(n, Node.ANY, Node.ANY));
    }

    /** The most triples pointing at a resource that its data document holds; beyond, it links to the rest. */
    static final int INCOMING_LIMIT = 500;

    /**
     * The data document of a resource: its own triples, those of the nodes named inside its document
     * ({@code iri#...}), the triples that point at it (at most {@value #INCOMING_LIMIT}; when there are more,
     * the document says how many and links, as {@code hydra:next}, to the Triple Pattern Fragment of all of them,
     * {@code incoming}), and the labels of every resource it names.
     *
     * @param incoming the address of the fragment {@code ?object=iri}
     */
    Graph dataDocument(String iri, String incoming) {
        return read(g -> {
            Graph doc = GraphFactory.createDefaultGraph();
            Node s = NodeFactory.createURI(iri);
            // Its own triples, then those of the nodes inside the document (their IRI is iri#...), which may
            // link to each other (#time to #start and #end): followed until no new one turns up.
            Deque<Node> inside = new ArrayDeque<>(List.of(s));
            Set<Node> seen = new HashSet<>(inside);
            while (!inside.isEmpty()) {
                g.find(inside.pop(), Node.ANY, Node.ANY).forEachRemaining(t -> {
                    doc.add(t);
                    Node o = t.getObject();
                    if (o.isURI() && o.getURI().startsWith(iri + "#") && seen.add(o)) inside.add(o);
                });
            }
            // The triples that point at it, bounded: a hub such as the Bureau itself is named by many.
            long pointing = 0;
            var it = g.find(Node.ANY, Node.ANY, s);
            try {
                while (it.hasNext()) {
                    Triple t = it.next();
                    if (++pointing <= INCOMING_LIMIT) doc.add(t);
                }
            } finally {
                it.close();
            }
            if (pointing > INCOMING_LIMIT) {
                Node part = NodeFactory.createURI(incoming);
                doc.add(s, NodeFactory.createURI(FragmentRoutes.HYDRA + "next"), part);
                doc.add(part, NodeFactory.createURI(FragmentRoutes.HYDRA + "totalItems"),
                        NodeFactory.createLiteralDT(Long.toString(pointing), org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger));
                doc.add(part, RDFS.comment.asNode(), NodeFactory.createLiteralLang("This document holds " + INCOMING_LIMIT
                        + " of the " + pointing + " triples that point at " + iri + "; this fragment holds them all.", "en"));
                doc.add(part, RDFS.comment.asNode(), NodeFactory.createLiteralLang("Ce document contient " + INCOMING_LIMIT
                        + " des " + pointing + " triples qui désignent " + iri + "\u202f; ce fragment les contient tous.", "fr"));
            }
            Set<Node> named = new HashSet<>();
            doc.find().forEachRemaining(t -> {
                for (Node n : List.of(t.getSubject(), t.getPredicate(), t.getObject())) {
                    if (n.isURI() && !n.getURI().startsWith(iri + "#") && !n.getURI().equals(iri)) named.add(n);
                }
            });
            for (Node n : named) g.find(n, RDFS.label.asNode(), Node.ANY).forEachRemaining(doc::add);
            return doc;
        });
    }

    /** The ibcr classes that have members, for the index pages. */
    List<Node> classesInUse() {
        return read(g -> {
            List<Node> classes = new ArrayList<>();
            g.find(Node.ANY, RDF.type.asNode(), Node.ANY).forEachRemaining(t -> {
                Node c = t.getObject();
                if (c.isURI() && c.getURI().startsWith(IBCR.NS) && !classes.contains(c)) classes.add(c);
            });
            classes.sort(Comparator.comparing(Node::getURI));
            return classes;
        });
    }
}
