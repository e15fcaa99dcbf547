package org.ibcr.kg.publish.site;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.http.Service;
import org.apache.jena.sparql.util.Context;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.ibcr.kg.publish.ExampleQuery;
import org.ibcr.kg.publish.SearchIndex;
import org.ibcr.kg.publish.http.ErrorReply;

/**
 * The linked-data site as a Fuseki module: dereferenceable IRIs with content negotiation, HTML pages in English
 * and French, data documents, the ontology, VoID and DCAT, the named graphs, dumps, sitemap and robots.txt, the
 * timeline, network, search and query pages, the relationship graph files, and the WebJars the pages use. Each route of
 * {@link SiteRoutes} is a servlet of its own; the site's error page is also Jetty's, so an unknown path or an
 * error Jetty answers itself (even a malformed address, refused before any servlet runs) gets the same page as a
 * route's 404. An IRI appended to {@code /id/} as it is goes to the lookup ({@link IriInPath}).
 *
 * <pre>{@code
 * FusekiModule site = SiteModule.create(dsg).publicBase("").datasetPath("/ibcr").build();
 * FusekiServer.create().fusekiModules(FusekiModules.create(site)).add("/ibcr", dsg).build();
 * }</pre>
 */
public final class SiteModule implements FusekiModule {
    /** Default values per property, and rows per list, on an HTML page. */
    public static final int DEFAULT_MAX_VALUES = PageModels.MAX_VALUES;
    /** Default number of the newest versions whose dated dumps are served. */
    public static final int DEFAULT_KEPT_VERSIONS = Dumps.DEFAULT_KEPT;
    /** Default memory for kept responses: 64 MiB. */
    public static final long DEFAULT_CACHE = 64L << 20;

    private final List<Route> routes;
    private final SiteAddress address;
    private final ErrorReply errors;

    private SiteModule(List<Route> routes, SiteAddress address, ErrorReply errors) {
        this.routes = routes;
        this.address = address;
        this.errors = errors;
    }

    /** @param dataset the served dataset, with its description (void:uriSpace names the base the IRIs were minted under) */
    public static Builder create(DatasetGraph dataset) {
        return new Builder(dataset);
    }

    /** Configures a {@link SiteModule}. */
    public static final class Builder {
        private final DatasetGraph dataset;
        private String publicBase = "";
        private String datasetPath = "/ibcr";
        private String uiPath;
        private int maxValues = DEFAULT_MAX_VALUES;
        private long cacheBytes = DEFAULT_CACHE;
        private List<ExampleQuery> examples = List.of();
        private int keptVersions = DEFAULT_KEPT_VERSIONS;
        private SearchIndex search;
        private Context queryContext;

        private Builder(DatasetGraph dataset) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
        }

        /** The external URL of the server when behind a proxy, or "" for links relative to this server. */
        public Builder publicBase(String publicBase) {
            this.publicBase = Objects.requireNonNull(publicBase, "publicBase");
            return this;
        }

        /** The path of the SPARQL dataset the pages link to, such as {@code /ibcr}. */
        public Builder datasetPath(String datasetPath) {
            this.datasetPath = Objects.requireNonNull(datasetPath, "datasetPath");
            return this;
        }

        /** Where the Fuseki UI is, for the query page's link; null when not served. */
        public Builder uiPath(String uiPath) {
            this.uiPath = uiPath;
            return this;
        }

        /** Values listed per property, and rows per list, on a page. */
        public Builder maxValues(int maxValues) {
            this.maxValues = maxValues;
            return this;
        }

        /** The most bytes of pages, data documents and graph files kept for the current data version; 0 keeps none. */
        public Builder cache(long bytes) {
            this.cacheBytes = bytes;
            return this;
        }

        /** How many of the newest versions have dated dumps ({@code /dumps/{version}/...}); at least 1. */
        public Builder keptVersions(int versions) {
            this.keptVersions = versions;
            return this;
        }

        /** The example queries of the query page. */
        public Builder examples(List<ExampleQuery> examples) {
            this.examples = List.copyOf(examples);
            return this;
        }

        /** The full-text index the search page asks; by default one of the dataset's own. */
        public Builder search(SearchIndex search) {
            this.search = Objects.requireNonNull(search, "search");
            return this;
        }

        /**
         * The context the query page runs queries with: the SPARQL endpoint's, so that they have its limits (time,
         * engine, no SERVICE). By default a 10 s limit and no SERVICE.
         */
        public Builder queryContext(Context context) {
            this.queryContext = Objects.requireNonNull(context, "context");
            return this;
        }

        public SiteModule build() {
            SiteContent content = new SiteContent(dataset);
            String base = content.canonicalBase().orElseThrow(() -> new IllegalStateException(
                    "the dataset has no description (void:uriSpace): load it with 'ibcr-kg load'"));
            SiteAddress address = new SiteAddress(base, publicBase);
            Site site = new Site(content, address, maxValues, cacheBytes, keptVersions);
            ErrorReply errors = ErrorReply.create(new ErrorPages(site));
            PageRoutes pages = new PageRoutes(site, datasetPath);
            QueryRoutes query = new QueryRoutes(site, datasetPath, examples, uiPath, queryContext != null ? queryContext : defaultQueryContext());
            SearchRoutes searchRoutes = new SearchRoutes(site, search != null ? search : SearchIndex.over(dataset, site.version()::current));
            return new SiteModule(SiteRoutes.of(site, datasetPath, pages, query, searchRoutes), address, errors);
        }
    }

    private static Context defaultQueryContext() {
        Context context = new Context();
        context.set(ARQ.queryTimeout, "10000");
        context.set(Service.httpServiceAllowed, false);
        return context;
    }

    /** The path specs of the routes, in the table's order. */
    public List<String> pathSpecs() {
        return routes.stream().map(Route::pathSpec).toList();
    }

    @Override
    public String name() {
        return "ibcr-site";
    }

    @Override
    public void prepare(FusekiServer.Builder builder, Set<String> datasetNames, org.apache.jena.rdf.model.Model configModel) {
        for (Route route : routes) builder.addServlet(route.pathSpec(), new RouteServlet(route, address, errors));
        builder.addServlet(ErrorPages.PATH, new ErrorPages.JettyErrors(errors));
    }

    @Override
    public void server(FusekiServer server) {
        // Fuseki's own error handler writes plain text; the site's page answers instead, for every path.
        ServletContextHandler context = server.getJettyServer().getDescendant(ServletContextHandler.class);
        ErrorPageErrorHandler handler = new ErrorPageErrorHandler();
        handler.addErrorPage(ErrorPageErrorHandler.GLOBAL_ERROR_PAGE, ErrorPages.PATH);
        context.setErrorHandler(handler);
        // What Jetty refuses before the context (a malformed address) gets the site's reply too.
        var jetty = server.getJettyServer();
        jetty.setErrorHandler(errors.jettyErrors());
        // An IRI appended to /id/ as it is: accepted by the connectors, then sent to the lookup (IriInPath).
        for (var connector : jetty.getConnectors()) {
            var http = connector.getConnectionFactory(HttpConnectionFactory.class);
            if (http != null) IriInPath.allowOn(http.getHttpConfiguration());
        }
        jetty.setHandler(new IriInPath(jetty.getHandler(), address, errors));
    }
}
