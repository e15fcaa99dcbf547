package org.ibcr.kg.publish;

import org.apache.jena.geosparql.InitGeoSPARQL;
import org.apache.jena.geosparql.configuration.GeoSPARQLConfig;
import org.apache.jena.sys.JenaSubsystemLifecycle;

/**
 * Registers the GeoSPARQL filter and property functions ({@code geof:sfWithin}, {@code geof:distance},
 * Jena's {@code spatialF:greatCircleGeom}, ...) wherever Jena starts: the endpoint, {@code ibcr-kg query}
 * and the tests run the same queries with the same functions. Jena finds this class through
 * {@code META-INF/services/org.apache.jena.sys.JenaSubsystemLifecycle}, after its own GeoSPARQL module
 * (which registers the {@code geo:wktLiteral} datatype but no functions).
 *
 * <p>With the in-memory index, each WKT literal (a country outline has hundreds of points) is parsed once
 * and kept, not once per comparison. No spatial index and no query rewriting: the graph holds a few dozen
 * geometries, and a filter over them is quicker than building an index at start-up.
 */
public final class GeoSparqlFunctions implements JenaSubsystemLifecycle {
    @Override
    public void start() {
        GeoSPARQLConfig.setupMemoryIndex();
    }

    @Override
    public void stop() {}

    /** After {@link InitGeoSPARQL}, whose datatypes the functions use. */
    @Override
    public int level() {
        return new InitGeoSPARQL().level() + 1;
    }
}
