package org.ibcr.kg.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/** The PROV-O terms the graph states (Jena ships no PROV vocabulary class). */
public final class PROV {
    private PROV() {}

    public static final String NS = "http://www.w3.org/ns/prov#";

    public static final Resource Agent = ResourceFactory.createResource(NS + "Agent");
    public static final Resource Activity = ResourceFactory.createResource(NS + "Activity");
    public static final Resource Entity = ResourceFactory.createResource(NS + "Entity");
    public static final Resource Association = ResourceFactory.createResource(NS + "Association");
    public static final Property wasDerivedFrom = ResourceFactory.createProperty(NS, "wasDerivedFrom");
    public static final Property hadPrimarySource = ResourceFactory.createProperty(NS, "hadPrimarySource");
    public static final Property wasAssociatedWith = ResourceFactory.createProperty(NS, "wasAssociatedWith");
    public static final Property qualifiedAssociation = ResourceFactory.createProperty(NS, "qualifiedAssociation");
    public static final Property agent = ResourceFactory.createProperty(NS, "agent");
    public static final Property hadRole = ResourceFactory.createProperty(NS, "hadRole");
    public static final Property wasGeneratedBy = ResourceFactory.createProperty(NS, "wasGeneratedBy");
}
