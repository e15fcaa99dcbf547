package org.ibcr.kg.vocab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;

/**
 * The files of {@code ontology/}, packaged in the jar so that the tool needs nothing beside it:
 * the ontology, the SHACL shapes and the JSON-LD context.
 */
public final class OntologyFiles {
    private OntologyFiles() {}

    public static final String ONTOLOGY = "/ontology/ibcr.ttl";
    public static final String SHAPES = "/ontology/shapes.ttl";
    public static final String CONTEXT = "/ontology/context.jsonld";

    /** A fresh copy of the ontology graph. */
    public static Graph ontology() {
        return turtle(ONTOLOGY);
    }

    /** A fresh copy of the SHACL shapes graph. */
    public static Graph shapes() {
        return turtle(SHAPES);
    }

    /** The JSON-LD context document. */
    public static String context() {
        try (InputStream in = open(CONTEXT)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Graph turtle(String resource) {
        Graph graph = GraphFactory.createDefaultGraph();
        try (InputStream in = open(resource)) {
            RDFParser.create().source(in).lang(Lang.TURTLE).base(IBCR.ONTOLOGY).parse(graph);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    private static InputStream open(String resource) {
        InputStream in = OntologyFiles.class.getResourceAsStream(resource);
        if (in == null) throw new IllegalStateException(resource + " is not on the classpath: the build is incomplete");
        return in;
    }
}
