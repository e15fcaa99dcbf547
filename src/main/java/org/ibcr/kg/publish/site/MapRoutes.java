package org.ibcr.kg.publish.site;

import java.util.List;

import org.ibcr.kg.publish.http.Body;
import org.ibcr.kg.publish.http.Reply;
import org.ibcr.kg.publish.http.WebJars;

/**
 * The map of the places: {@code /map} (every country and city with its milestones), its data
 * {@code /map.geojson} (GeoJSON, labels in the reader's language) and its script {@code /map.js}. The base layer
 * is the graph's own country outlines: no tile server, the map works offline.
 */
final class MapRoutes {
    static final String GEOJSON = "application/geo+json";
    private static final Body SCRIPT = Site.resource("/static/map.js", "text/javascript; charset=utf-8");

    private final Site site;

    MapRoutes(Site site) {
        this.site = site;
    }

    /** The map part of a page; {@code focus} is the {@code kind/slug} of the place it opens on, or null. */
    static Pages.PlaceMap part(Site site, String lang, String focus) {
        return new Pages.PlaceMap(site.address().url("/map.geojson") + "?lang=" + lang, site.address().url(WebJars.LEAFLET),
                site.address().url(WebJars.LEAFLET_CSS), site.address().url("/map.js"), focus);
    }

    /** {@code /map}: every place on one map. */
    Reply page(Exchange x) {
        return site.html(x, "map", lang -> {
            PageModels models = new PageModels(site, lang, x.langInAddress());
            return new Pages.Page(models.frame(site.texts(lang).get("map"), "/map"), new Pages.MapPage(part(site, lang, null)));
        });
    }

    /** {@code /map.geojson}: the places as a FeatureCollection. */
    Reply geoJson(Exchange x) {
        String lang = x.lang();
        Body body = site.cached(List.of("map.geojson", lang),
                () -> Body.of(site.content().read(g -> PlacesGeoJson.geoJson(site, g, lang)), GEOJSON + "; charset=utf-8"));
        return Reply.of(body).lastModified(site.lastModified()).vary("Accept-Language").header("Content-Language", lang);
    }

    Reply script(Exchange x) {
        return Reply.of(SCRIPT).lastModified(site.lastModified());
    }
}
