package org.ibcr.kg.vocab;

import org.apache.jena.datatypes.BaseDatatype;
import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * The OGC GeoSPARQL 1.1 terms the graph states for the geometry of places: a city's point and a country's
 * outline, as WKT in CRS84 (longitude latitude), the default reference system of {@code geo:wktLiteral}.
 */
public final class GEO {
    private GEO() {}

    public static final String NS = "http://www.opengis.net/ont/geosparql#";

    public static final Resource Feature = ResourceFactory.createResource(NS + "Feature");
    public static final Resource Geometry = ResourceFactory.createResource(NS + "Geometry");
    public static final Property hasGeometry = ResourceFactory.createProperty(NS, "hasGeometry");
    public static final Property hasDefaultGeometry = ResourceFactory.createProperty(NS, "hasDefaultGeometry");
    public static final Property asWKT = ResourceFactory.createProperty(NS, "asWKT");
    /** The datatype of WKT literals; without a leading CRS IRI the coordinates are CRS84. */
    public static final RDFDatatype wktLiteral = new BaseDatatype(NS + "wktLiteral");
}
