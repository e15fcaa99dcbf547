package org.ibcr.kg.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * The W3C Web Annotation terms the graph states (Jena ships no class for them): a sentence of the source is a
 * {@code oa:SpecificResource} of the source page, found by a {@code oa:TextPositionSelector}.
 */
public final class OA {
    private OA() {}

    public static final String NS = "http://www.w3.org/ns/oa#";

    public static final Resource SpecificResource = ResourceFactory.createResource(NS + "SpecificResource");
    public static final Resource TextPositionSelector = ResourceFactory.createResource(NS + "TextPositionSelector");
    public static final Property hasSource = ResourceFactory.createProperty(NS, "hasSource");
    public static final Property hasSelector = ResourceFactory.createProperty(NS, "hasSelector");
    public static final Property start = ResourceFactory.createProperty(NS, "start");
    public static final Property end = ResourceFactory.createProperty(NS, "end");
}
