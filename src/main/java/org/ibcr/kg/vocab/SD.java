package org.ibcr.kg.vocab;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/** The SPARQL 1.1 Service Description terms the server states (Jena ships no class for them). */
public final class SD {
    private SD() {}

    public static final String NS = "http://www.w3.org/ns/sparql-service-description#";
    /** The W3C's IRIs for media formats, the values of {@link #resultFormat}. */
    public static final String FORMATS = "http://www.w3.org/ns/formats/";

    public static final Resource Service = ResourceFactory.createResource(NS + "Service");
    public static final Resource Dataset = ResourceFactory.createResource(NS + "Dataset");
    public static final Resource Graph = ResourceFactory.createResource(NS + "Graph");
    public static final Resource NamedGraph = ResourceFactory.createResource(NS + "NamedGraph");
    public static final Resource SPARQL10Query = ResourceFactory.createResource(NS + "SPARQL10Query");
    public static final Resource SPARQL11Query = ResourceFactory.createResource(NS + "SPARQL11Query");
    public static final Resource UnionDefaultGraph = ResourceFactory.createResource(NS + "UnionDefaultGraph");
    public static final Property endpoint = ResourceFactory.createProperty(NS, "endpoint");
    public static final Property supportedLanguage = ResourceFactory.createProperty(NS, "supportedLanguage");
    public static final Property resultFormat = ResourceFactory.createProperty(NS, "resultFormat");
    public static final Property feature = ResourceFactory.createProperty(NS, "feature");
    public static final Property defaultEntailmentRegime = ResourceFactory.createProperty(NS, "defaultEntailmentRegime");
    public static final Property defaultDataset = ResourceFactory.createProperty(NS, "defaultDataset");
    public static final Property defaultGraph = ResourceFactory.createProperty(NS, "defaultGraph");
    public static final Property namedGraph = ResourceFactory.createProperty(NS, "namedGraph");
    public static final Property name = ResourceFactory.createProperty(NS, "name");
    public static final Property graph = ResourceFactory.createProperty(NS, "graph");
}
