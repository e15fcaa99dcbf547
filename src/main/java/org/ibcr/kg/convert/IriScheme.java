package org.ibcr.kg.convert;

import java.util.Objects;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.irix.IRIs;
import org.apache.jena.irix.IRIException;
import org.ibcr.kg.model.Kind;
import org.ibcr.kg.model.Ref;

/**
 * How IRIs are minted: {@code {base}id/{kind}/{slug}} for things, {@code {base}dataset} for the dataset,
 * {@code {base}graph/{name}} for named graphs. Changing the base changes every IRI consistently.
 *
 * <pre>{@code
 * IriScheme iris = IriScheme.of("https://w3id.org/ibcr/");
 * iris.node(Kind.CITY, "paris"); // <https://w3id.org/ibcr/id/city/paris>
 * }</pre>
 */
public final class IriScheme {
    /** The base of the published IBCR graph. */
    public static final String DEFAULT_BASE = "https://w3id.org/ibcr/";

    private final String base;

    private IriScheme(String base) {
        this.base = base;
    }

    /**
     * @param base an absolute http(s) IRI ending with {@code /}
     * @throws IllegalArgumentException when the base is not such an IRI
     */
    public static IriScheme of(String base) {
        Objects.requireNonNull(base, "base");
        try {
            IRIs.checkEx(base);
        } catch (IRIException e) {
            throw new IllegalArgumentException("base '" + base + "' is not a valid IRI: " + e.getMessage());
        }
        if (!(base.startsWith("http://") || base.startsWith("https://")) || !base.endsWith("/")
                || base.contains("?") || base.contains("#")) {
            throw new IllegalArgumentException("base '" + base
                    + "' must be an absolute http(s) IRI ending with '/', without query or fragment");
        }
        return new IriScheme(base);
    }

    public String base() {
        return base;
    }

    public Node node(Kind kind, String slug) {
        return NodeFactory.createURI(base + "id/" + kind.segment() + "/" + slug);
    }

    public Node node(Ref ref) {
        return node(ref.kind(), ref.slug());
    }

    /**
     * A sentence of the source document, under its section: {@code {base}id/section/{section}/{n}}, where
     * {@code n} is its number in the section (0 for the heading). A resource of its own, with its own page and
     * data, so that a fact's citation leads to the sentence and the sentence to the facts citing it.
     */
    public Node sentence(String section, int n) {
        return NodeFactory.createURI(base + "id/" + Kind.SECTION.segment() + "/" + section + "/" + n);
    }

    /** A node inside a resource's document, such as a milestone's time interval. */
    public Node part(Node resource, String fragment) {
        return NodeFactory.createURI(resource.getURI() + "#" + fragment);
    }

    /** A concept scheme of the data (topics, roles). */
    public Node scheme(String name) {
        return NodeFactory.createURI(base + "id/scheme/" + name);
    }

    public Node dataset() {
        return NodeFactory.createURI(base + "dataset");
    }

    public Node graph(String name) {
        return NodeFactory.createURI(base + "graph/" + name);
    }

    /** The named graph of the data. */
    public Node dataGraph() {
        return graph("data");
    }

    /** The named graph of the ontology. */
    public Node ontologyGraph() {
        return graph("ontology");
    }

    /** The named graph of the dataset description (VoID, DCAT). */
    public Node descriptionGraph() {
        return graph("dataset");
    }
}
