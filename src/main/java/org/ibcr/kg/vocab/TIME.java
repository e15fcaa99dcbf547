package org.ibcr.kg.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/** The OWL-Time terms the graph states for the years of milestones. */
public final class TIME {
    private TIME() {}

    public static final String NS = "http://www.w3.org/2006/time#";

    public static final Resource ProperInterval = ResourceFactory.createResource(NS + "ProperInterval");
    public static final Resource Instant = ResourceFactory.createResource(NS + "Instant");
    public static final Property hasTime = ResourceFactory.createProperty(NS, "hasTime");
    public static final Property hasBeginning = ResourceFactory.createProperty(NS, "hasBeginning");
    public static final Property hasEnd = ResourceFactory.createProperty(NS, "hasEnd");
    public static final Property inXSDgYear = ResourceFactory.createProperty(NS, "inXSDgYear");
}
