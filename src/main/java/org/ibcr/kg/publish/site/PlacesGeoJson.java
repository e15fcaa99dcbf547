package org.ibcr.kg.publish.site;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.SchemaDO;
import org.ibcr.kg.vocab.GEO;
import org.ibcr.kg.vocab.IBCR;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

/**
 * The places of the graph as a GeoJSON FeatureCollection (RFC 7946), for the map pages: every country and
 * city with a geometry ({@code geo:hasGeometry}/{@code geo:asWKT}, CRS84 as GeoJSON wants it), its label in
 * the reader's language, its page, and the milestones located there ({@code ibcr:location}) with their years.
 * The WKT is read and the geometry written by JTS; the rest is Jena's JSON. Features come sorted by kind and
 * IRI, milestones by first year and label: the same graph gives the same bytes.
 */
final class PlacesGeoJson {
    private PlacesGeoJson() {}

    static byte[] geoJson(Site site, Graph g, String lang) {
        List<Node> places = new ArrayList<>();
        g.find(Node.ANY, GEO.hasGeometry.asNode(), Node.ANY).forEachRemaining(t -> {
            if (t.getSubject().isURI() && !places.contains(t.getSubject())) places.add(t.getSubject());
        });
        places.sort(Comparator.comparing(Node::getURI));
        JsonArray features = new JsonArray();
        GeoJsonWriter geometryWriter = new GeoJsonWriter();
        geometryWriter.setEncodeCRS(false);
        WKTReader reader = new WKTReader();
        for (Node place : places) {
            String path = site.address().resourcePath(place.getURI()).orElse(null);
            if (path == null) continue;
            String kind = path.substring(0, path.indexOf('/'));
            Geometry geometry = geometry(g, place, reader);
            if (geometry == null) continue;
            JsonObject properties = new JsonObject();
            properties.put("id", path);
            properties.put("kind", kind);
            properties.put("label", SiteContent.label(g, place, lang));
            properties.put("href", site.address().page(path) + "?lang=" + lang);
            JsonArray point = point(g, place);
            if (point != null) properties.put("point", point);
            properties.put("milestones", milestones(site, g, place, lang));
            JsonObject feature = new JsonObject();
            feature.put("type", "Feature");
            feature.put("id", path);
            feature.put("geometry", JSON.parseAny(geometryWriter.write(geometry)));
            feature.put("properties", properties);
            features.add(feature);
        }
        // Countries first, so that the cities' points are drawn over the outlines.
        List<JsonObject> sorted = new ArrayList<>();
        features.forEach(f -> sorted.add(f.getAsObject()));
        sorted.sort(Comparator.comparing((JsonObject f) -> !"country".equals(kindOf(f))));
        JsonArray ordered = new JsonArray();
        sorted.forEach(ordered::add);
        JsonObject collection = new JsonObject();
        collection.put("type", "FeatureCollection");
        collection.put("features", ordered);
        return JSON.toStringFlat(collection).getBytes(StandardCharsets.UTF_8);
    }

    private static String kindOf(JsonObject feature) {
        return feature.get("properties").getAsObject().get("kind").getAsString().value();
    }

    private static Geometry geometry(Graph g, Node place, WKTReader reader) {
        for (var it = g.find(place, GEO.hasGeometry.asNode(), Node.ANY); it.hasNext(); ) {
            var wkt = g.find(it.next().getObject(), GEO.asWKT.asNode(), Node.ANY).nextOptional();
            if (wkt.isEmpty() || !wkt.get().getObject().isLiteral()) continue;
            try {
                return reader.read(wkt.get().getObject().getLiteralLexicalForm());
            } catch (ParseException e) {
                // The converter checked every outline with the same reader: a literal it did not write is left off.
                continue;
            }
        }
        return null;
    }

    /**
     * The representative point ({@code schema:geo}, longitude first as in GeoJSON), where the map opens a
     * place's popup: a country's outline may have parts far away (France's French Guiana).
     */
    private static JsonArray point(Graph g, Node place) {
        var geo = g.find(place, SchemaDO.geo.asNode(), Node.ANY).nextOptional();
        if (geo.isEmpty()) return null;
        var lat = g.find(geo.get().getObject(), SchemaDO.latitude.asNode(), Node.ANY).nextOptional();
        var lon = g.find(geo.get().getObject(), SchemaDO.longitude.asNode(), Node.ANY).nextOptional();
        if (lat.isEmpty() || lon.isEmpty() || !lat.get().getObject().isLiteral() || !lon.get().getObject().isLiteral()) return null;
        JsonArray point = new JsonArray();
        point.add(org.apache.jena.atlas.json.JsonNumber.value(new java.math.BigDecimal(lon.get().getObject().getLiteralLexicalForm())));
        point.add(org.apache.jena.atlas.json.JsonNumber.value(new java.math.BigDecimal(lat.get().getObject().getLiteralLexicalForm())));
        return point;
    }

    private record Milestone(String label, String href, String years, Integer first, Integer last) {}

    private static JsonArray milestones(Site site, Graph g, Node place, String lang) {
        PageModels models = new PageModels(site, lang, true);
        List<Milestone> list = new ArrayList<>();
        java.util.Set<Node> seen = new java.util.HashSet<>();
        g.find(Node.ANY, IBCR.location.asNode(), place).forEachRemaining(t -> {
            Node m = t.getSubject();
            if (!m.isURI() || !seen.add(m)) return;
            Integer first = year(g, m, IBCR.startYear.asNode(), IBCR.notBefore.asNode());
            Integer last = year(g, m, IBCR.endYear.asNode(), IBCR.notAfter.asNode());
            list.add(new Milestone(SiteContent.label(g, m, lang), site.address().link(m.getURI()) + "?lang=" + lang,
                    models.years(g, m), first == null ? last : first, last == null ? first : last));
        });
        list.sort(Comparator.comparing((Milestone x) -> x.first() == null ? Integer.MAX_VALUE : x.first())
                .thenComparing(x -> x.label().toLowerCase(Locale.ROOT)).thenComparing(Milestone::href));
        JsonArray array = new JsonArray();
        for (Milestone x : list) {
            JsonObject o = new JsonObject();
            o.put("label", x.label());
            o.put("href", x.href());
            o.put("years", x.years());
            if (x.first() != null) o.put("first", x.first());
            if (x.last() != null) o.put("last", x.last());
            array.add(o);
        }
        return array;
    }

    /** The year of the first of the properties the milestone has (a gYear or integer literal). */
    private static Integer year(Graph g, Node m, Node... properties) {
        for (Node p : properties) {
            var o = g.find(m, p, Node.ANY).nextOptional();
            if (o.isPresent() && o.get().getObject().isLiteral()) {
                String lex = o.get().getObject().getLiteralLexicalForm();
                try {
                    return Integer.parseInt(lex.length() >= 4 ? lex.substring(0, 4) : lex);
                } catch (NumberFormatException e) {
                    continue;
                }
            }
        }
        return null;
    }
}
