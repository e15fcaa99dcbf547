package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SchemaDO;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.vocab.GEO;
import org.ibcr.kg.vocab.IBCR;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Places carry their coordinates the ways map tools read them: schema.org coordinates for search engines and
 * GeoSPARQL WKT (CRS84, longitude first) for GIS tools; and the geometries make sense to a stock GIS library.
 */
class GeometryTest {
    private static Model data;

    @TempDir
    Path dir;

    @BeforeAll
    static void build() {
        data = ModelFactory.createModelForGraph(GraphBuild.from(CsvHistory.open(Path.of("data"))).build().data());
    }

    @Test
    void everyCityWithCoordinatesHasThemAsGeoCoordinatesAndAsAPointLongitudeFirst() {
        List<Resource> cities = data.listSubjectsWithProperty(RDF.type, IBCR.City).toList();
        assertEquals(6, cities.size());
        for (Resource city : cities) {
            BigDecimal lat = decimal(city, SchemaDO.latitude), lon = decimal(city, SchemaDO.longitude);
            Resource geo = city.getPropertyResourceValue(SchemaDO.geo);
            assertTrue(geo.hasProperty(RDF.type, SchemaDO.GeoCoordinates), city + ": schema:geo is a GeoCoordinates");
            assertEquals(lat, decimal(geo, SchemaDO.latitude), city.getURI());
            assertEquals(lon, decimal(geo, SchemaDO.longitude), city.getURI());
            Statement wkt = wkt(city);
            assertEquals("POINT (" + lon.toPlainString() + " " + lat.toPlainString() + ")", wkt.getLiteral().getLexicalForm());
        }
        Statement paris = wkt(data.createResource("https://w3id.org/ibcr/id/city/paris"));
        assertEquals("POINT (2.3488 48.85341)", paris.getLiteral().getLexicalForm(), "longitude first (CRS84)");
        assertEquals(GEO.wktLiteral.getURI(), paris.getLiteral().getDatatypeURI());
    }

    @Test
    void everyCountryHasANaturalEarthOutlineAndARepresentativePoint() {
        List<Resource> countries = data.listSubjectsWithProperty(RDF.type, IBCR.Country).toList();
        assertEquals(12, countries.size());
        for (Resource country : countries) {
            assertTrue(wkt(country).getLiteral().getLexicalForm().startsWith("MULTIPOLYGON ((("), country.getURI());
            Resource geo = country.getPropertyResourceValue(SchemaDO.geo);
            assertTrue(geo.hasProperty(RDF.type, SchemaDO.GeoCoordinates), country.getURI());
            assertEquals(country.getURI() + "#coordinates", geo.getURI());
        }
    }

    /** Shapely (GEOS) reads every WKT as valid, and finds each city and representative point inside its country. */
    @Test
    void shapelyFindsEveryPointInsideItsCountry() throws IOException {
        ExternalTool.requirePythonModule("rdflib", "python3-rdflib");
        ExternalTool.requirePythonModule("shapely", "python3-shapely");
        Path out = dir.resolve("ibcr.ttl");
        CliRun run = CliRun.of("convert", "--output", out.toString());
        assertEquals(0, run.code(), run::toString);
        String script = """
                import sys, rdflib
                from shapely import wkt
                from shapely.geometry import Point
                GEO = rdflib.Namespace('http://www.opengis.net/ont/geosparql#')
                SDO = rdflib.Namespace('https://schema.org/')
                IBCR = rdflib.Namespace('https://w3id.org/ibcr/ontology#')
                g = rdflib.Graph().parse(sys.argv[1], format='turtle')
                def shape(place):
                    return wkt.loads(str(g.value(g.value(place, GEO.hasGeometry), GEO.asWKT)))
                def point(place):
                    c = g.value(place, SDO.geo)
                    return Point(float(g.value(c, SDO.longitude)), float(g.value(c, SDO.latitude)))
                for country in sorted(g.subjects(rdflib.RDF.type, IBCR.Country)):
                    outline = shape(country)
                    print('country', country, outline.geom_type, outline.is_valid, outline.contains(point(country)))
                for city in sorted(g.subjects(rdflib.RDF.type, IBCR.City)):
                    country = g.value(city, IBCR.within)
                    print('city', city, shape(city).geom_type, shape(country).contains(shape(city)), shape(city).equals(point(city)))
                """;
        ExternalTool.Result result = ExternalTool.run(List.of(ExternalTool.PYTHON, "-c", script, out.toString()));
        assertEquals(0, result.code(), result.err());
        List<String> lines = result.out().lines().toList();
        List<String> wrong = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("country ") && !line.endsWith(" MultiPolygon True True")) wrong.add(line);
            if (line.startsWith("city ") && !line.endsWith(" Point True True")) wrong.add(line);
        }
        assertEquals(12 + 6, lines.size(), result.out());
        assertEquals(List.of(), wrong, "valid outlines, each point inside its country");
    }

    private static BigDecimal decimal(Resource r, org.apache.jena.rdf.model.Property p) {
        Statement s = r.getProperty(p);
        assertEquals("http://www.w3.org/2001/XMLSchema#decimal", s.getLiteral().getDatatypeURI(), r + " " + p);
        return new BigDecimal(s.getLiteral().getLexicalForm());
    }

    private static Statement wkt(Resource place) {
        Resource geometry = place.getPropertyResourceValue(GEO.hasGeometry);
        assertTrue(geometry != null && geometry.hasProperty(RDF.type, GEO.Geometry), place + " has a geo:Geometry");
        assertEquals(place.getURI() + "#geometry", geometry.getURI());
        return geometry.getProperty(GEO.asWKT);
    }
}
