package org.ibcr.kg.vocab;

import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.riot.system.PrefixMapFactory;

/** The prefixes every output uses, in a fixed order so that written files are byte-identical run to run. */
public final class Namespaces {
    private Namespaces() {}

    /** The prefixes for a graph minted under {@code base}; {@code id:} abbreviates the resources. */
    public static PrefixMap forBase(String base) {
        PrefixMap map = PrefixMapFactory.create();
        map.add("ibcr", IBCR.NS);
        map.add("id", base + "id/");
        map.add("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
        map.add("rdfs", "http://www.w3.org/2000/01/rdf-schema#");
        map.add("owl", "http://www.w3.org/2002/07/owl#");
        map.add("xsd", "http://www.w3.org/2001/XMLSchema#");
        map.add("skos", "http://www.w3.org/2004/02/skos/core#");
        map.add("dcterms", "http://purl.org/dc/terms/");
        map.add("schema", "https://schema.org/");
        map.add("org", "http://www.w3.org/ns/org#");
        map.add("prov", PROV.NS);
        map.add("time", TIME.NS);
        map.add("geo", GEO.NS);
        map.add("oa", OA.NS);
        map.add("foaf", "http://xmlns.com/foaf/0.1/");
        map.add("void", "http://rdfs.org/ns/void#");
        map.add("dcat", "http://www.w3.org/ns/dcat#");
        map.add("vann", "http://purl.org/vocab/vann/");
        map.add("wd", "http://www.wikidata.org/entity/");
        return map;
    }
}
