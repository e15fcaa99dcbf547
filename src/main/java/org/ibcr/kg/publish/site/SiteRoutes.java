package org.ibcr.kg.publish.site;

import java.util.ArrayList;
import java.util.List;

/**
 * The one route table of the linked-data site: every path the site answers, with its handler. Adding a
 * capability is adding a line here (and its handler); nothing else dispatches. Paths are servlet path specs:
 * {@code ""} is the root alone, {@code /x/*} also answers {@code /x}, and an exact path wins over a prefix
 * ({@code /graph} is the network page, {@code /graph/*} the graph files).
 */
final class SiteRoutes {
    private SiteRoutes() {}

    /**
     * @param datasetPath the SPARQL dataset's path ({@code /ibcr}), which pages link to
     * @param pages       the home and network pages
     * @param query       the query page and its script
     * @param search      the search page, its suggestions and its OpenSearch description
     */
    static List<Route> of(Site site, String datasetPath, PageRoutes pages, QueryRoutes query, SearchRoutes search) {
        MementoRoutes mementos = new MementoRoutes(site);
        ResourceRoutes resources = new ResourceRoutes(site, mementos);
        DocumentRoutes documents = new DocumentRoutes(site, datasetPath);
        FileRoutes files = new FileRoutes(site, datasetPath);
        GraphExportRoute graphFiles = new GraphExportRoute(site);
        FragmentRoutes fragments = new FragmentRoutes(site);
        MapRoutes map = new MapRoutes(site);
        FeedRoutes feed = new FeedRoutes(site);
        List<Route> routes = new ArrayList<>(List.of(
                new Route("", pages::home),
                new Route("/timeline", new TimelineRoutes(site)::timeline),
                new Route("/graph", pages::graph),
                new Route("/query", query::page),
                new Route("/query.js", query::script),
                new Route("/id/*", resources::id),
                new Route("/page/*", resources::page),
                new Route("/data/*", resources::data),
                new Route("/class/*", resources::classIndex),
                new Route("/ontology", documents::ontology),
                new Route("/dataset", documents::dataset),
                new Route("/.well-known/void", documents::dataset),
                new Route(DocumentRoutes.SHAPES, documents::shapes),
                new Route(DocumentRoutes.CONTEXT, documents::context),
                new Route("/ontology/context", documents::context),
                new Route("/graph/*", graphFiles::handle),
                new Route("/fragments", fragments::fragments),
                new Route("/feed", feed::feed),
                new Route("/memento/*", mementos::memento),
                new Route("/timemap/*", mementos::timeMap),
                new Route("/graph/around/*", graphFiles::around),
                new Route("/dumps/*", files::dumps),
                new Route("/sitemap.xml", files::sitemap),
                new Route("/sitemap/*", files::sitemapPart),
                new Route("/robots.txt", files::robots),
                new Route("/site.css", files::style),
                new Route("/graph.js", files::script),
                new Route("/favicon.ico", files::icon),
                new Route("/webjars/*", files::webJar),
                new Route("/map", map::page),
                new Route("/map.geojson", map::geoJson),
                new Route("/map.js", map::script),
                new Route("/search", search::page),
                new Route("/search/suggest", search::suggest),
                new Route("/search.js", search::script),
                new Route("/opensearch.xml", search::openSearch)));
        for (DocumentFormat f : DocumentFormat.ALL) {
            routes.add(new Route("/ontology." + f.extension(), documents.ontologyAs(f)));
            routes.add(new Route("/dataset." + f.extension(), documents.datasetAs(f)));
            routes.add(new Route(DocumentRoutes.SHAPES + "." + f.extension(), documents.shapesAs(f)));
        }
        for (String name : NamedGraphs.NAMES) routes.add(new Route("/graph/" + name, documents.namedGraph(name)));
        return List.copyOf(routes);
    }
}
