package org.ibcr.kg.publish;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.apache.jena.atlas.web.AuthScheme;
import org.apache.jena.fuseki.auth.Auth;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.apache.jena.fuseki.main.sys.FusekiModules;
import org.apache.jena.fuseki.mod.admin.ActionServerStatus;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Endpoint;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.query.ARQ;
import org.apache.jena.riot.WebContent;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.http.Service;
import org.apache.jena.sparql.util.Context;
import org.eclipse.jetty.server.ServerConnector;
import org.ibcr.kg.publish.http.ChunkedBodyLimitFilter;
import org.ibcr.kg.publish.http.CorsHandler;
import org.ibcr.kg.publish.http.HandlerModule;
import org.ibcr.kg.publish.site.DataVersion;
import org.ibcr.kg.publish.site.SiteModule;
import org.ibcr.kg.publish.site.StoreMirror;
import org.ibcr.kg.store.SparqlStore;
import org.ibcr.kg.publish.http.CutResponseAbort;
import org.ibcr.kg.publish.http.InflatedBodyLimit;
import org.ibcr.kg.publish.http.LoginAttemptLimit;
import org.ibcr.kg.publish.http.RequestChecks;
import org.ibcr.kg.publish.http.SecurityHeaders;
import org.ibcr.kg.publish.http.SlowClientLimits;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The IBCR server: an embedded Apache Jena Fuseki serving one dataset, {@code /ibcr}, read-only unless
 * updates are turned on together with a password file. Endpoints: {@code /ibcr/sparql} and
 * {@code /ibcr/query} (SPARQL query; without a query, their SPARQL 1.1 Service Description, see
 * {@link QueryEndpointFilter}), {@code /ibcr/get} (Graph Store Protocol, read); with updates,
 * {@code /ibcr/update} and {@code /ibcr/data} for authenticated users. Also Fuseki's {@code /$/ping},
 * {@code /$/stats}, {@code /$/metrics} and the read-only {@code /$/server};
 * no admin endpoint that changes the server is exposed. The linked-data site ({@link SiteModule}, its routes in
 * {@code site/SiteRoutes}) serves the home page at {@code /}, every resource and the query page at {@code /query}, the search page at {@code /search} (its index, {@link SearchIndex}, also answers
 * SPARQL's {@code text:query});
 * {@code /index.html}, where a stock Fuseki has its UI, sends browsers there too (see {@link #UI}). Gzip is on; CORS lets any page read ({@link CorsHandler}) and only the
 * origins named with {@link #corsOrigins} write. Limits: request bodies ({@link #maxBody}), requests a second per
 * client ({@link #rateLimit}), rows on a page ({@link #maxPageRows}), query time ({@link #queryTimeout}, for every
 * query shape: see {@link #strictTimeout}); SERVICE to other endpoints is refused.
 *
 * <pre>{@code
 * FusekiServer server = IbcrServer.create().port(0).dataset(dsg).build();
 * server.start();
 * }</pre>
 */
public final class IbcrServer {
    /** The dataset's name, the first path segment of its endpoints. */
    public static final String DATASET = "/ibcr";
    /**
     * Where a stock Fuseki has its UI: here a permanent redirect to the {@link #QUERY_PAGE query page}. The Fuseki
     * UI is not served: it offers adding data, removing and backing up datasets, which a read-only server answers with
     * 405, and its query editor asks prefix.cc for prefixes, which fails offline.
     */
    public static final String UI = "/index.html";
    /** The HTML query page; browsers that dereference an endpoint are sent there. */
    public static final String QUERY_PAGE = "/query";

    private int port = DEFAULT_PORT;
    private String host = DEFAULT_HOST;
    private DatasetGraph dataset;
    private Duration timeout = Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);
    private Path passwordFile;
    private List<ExampleQuery> examples = List.of();
    private String publicBase = "";
    private long maxBody = DEFAULT_MAX_BODY;
    private double rateLimit = 0; // off for embedded use (tests, crawlers); `serve` turns it on by default
    private int rateBurst = -1;
    private int maxPageRows = SiteModule.DEFAULT_MAX_VALUES;
    private long cacheBytes = DEFAULT_CACHE;
    private long resultCacheBytes = DEFAULT_RESULT_CACHE;
    private boolean strictTimeout = true;
    private List<String> corsOrigins = List.of();
    private SlowClientLimits slowClients = SlowClientLimits.defaults();
    private int maxThreads = SlowClientLimits.DEFAULT_MAX_THREADS;
    private LoadPolicy loadPolicy = LoadPolicy.NONE;
    private int keptVersions = SiteModule.DEFAULT_KEPT_VERSIONS;
    private SparqlStore store;
    private boolean prepareSearch;
    private QueryLimits queryLimits = QueryLimits.defaults();

    /** Rows an ORDER BY or DISTINCT keeps in memory before it spills to disk ({@code arq:spillToDiskThreshold}). */
    static final long SPILL_ROWS = 100_000;
    /** Default HTTP port, Fuseki's. */
    public static final int DEFAULT_PORT = 3030;
    /** Default address to listen on: this machine only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Default longest a query may run, in seconds. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;
    /** Default largest request body: 1 MiB. */
    public static final long DEFAULT_MAX_BODY = 1L << 20;
    /** Default requests a second per client address of {@code ibcr-kg serve} (the builder leaves it off). */
    public static final double DEFAULT_RATE_LIMIT = 50;
    /** Default memory for the pages, data documents and graph files kept for the current data: 64 MiB. */
    public static final long DEFAULT_CACHE = SiteModule.DEFAULT_CACHE;
    /** Default memory for the SPARQL answers kept for the current data: 64 MiB. */
    public static final long DEFAULT_RESULT_CACHE = 64L << 20;
    /** Default values per property, and rows per list, on an HTML page. */
    public static final int DEFAULT_MAX_PAGE_ROWS = SiteModule.DEFAULT_MAX_VALUES;

    private IbcrServer() {}

    public static IbcrServer create() {
        return new IbcrServer();
    }

    /** The HTTP port; 0 picks a free one. Default 3030, like Fuseki. */
    public IbcrServer port(int port) {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port " + port + " is not 0 to 65535");
        this.port = port;
        return this;
    }

    /** The address to listen on: 127.0.0.1 by default; 0.0.0.0 for every interface. */
    public IbcrServer host(String host) {
        this.host = Objects.requireNonNull(host, "host");
        return this;
    }

    /**
     * The dataset to serve ({@link org.ibcr.kg.store.TdbStore} or {@link org.ibcr.kg.store.MemoryStore}); its
     * default graph should be the union of its named graphs. Their writes are recorded as versions
     * ({@link org.ibcr.kg.store.VersionLog}); any other dataset gets a log in memory whose version 1 is its content,
     * and must then be written only through the server while served.
     */
    public IbcrServer dataset(DatasetGraph dataset) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.store = null; // the last of dataset and store wins
        return this;
    }

    /**
     * Serves a remote SPARQL store: the site reads {@code mirror} (the store's current version, copied), and the
     * SPARQL endpoints send each query on to the store ({@link RemoteQueryProcessor}) with this server's limits.
     * Read only: not with {@link #updatesFor}.
     */
    public IbcrServer store(SparqlStore store, StoreMirror mirror) {
        this.store = Objects.requireNonNull(store, "store");
        this.dataset = Objects.requireNonNull(mirror, "mirror");
        return this;
    }

    /** How long a query may run before it is cancelled (503). Default 10 s. */
    public IbcrServer queryTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        this.timeout = timeout;
        return this;
    }

    /**
     * Whether the query timeout holds for every query shape (default true): queries then run on
     * {@link CancellableQueryEngine}, which stops work Jena's own timeout does not reach (property path closures).
     * False leaves Jena's engine and its timeout as they are, for comparison.
     */
    public IbcrServer strictTimeout(boolean strict) {
        this.strictTimeout = strict;
        return this;
    }

    /**
     * Turns on SPARQL Update ({@code /ibcr/update}) and Graph Store Protocol writes ({@code /ibcr/data}) for
     * the users of a Jetty password file ({@code user: password} lines), with HTTP basic authentication;
     * without credentials those requests get 401.
     */
    public IbcrServer updatesFor(Path passwordFile) {
        Objects.requireNonNull(passwordFile, "passwordFile");
        if (!Files.isReadable(passwordFile)) throw new IllegalArgumentException("cannot read password file " + passwordFile);
        this.passwordFile = passwordFile;
        return this;
    }

    /**
     * The external URL of the server (such as {@code https://data.example.org}) when it runs behind a proxy;
     * by default links are relative to this server.
     */
    public IbcrServer publicBase(String publicBase) {
        Objects.requireNonNull(publicBase, "publicBase");
        if (!publicBase.isEmpty() && !publicBase.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
            throw new IllegalArgumentException("public base '" + publicBase + "' is not an http(s) URL without query or fragment");
        }
        this.publicBase = publicBase.endsWith("/") ? publicBase.substring(0, publicBase.length() - 1) : publicBase;
        return this;
    }

    /**
     * The largest request body in bytes (default 1 MiB): a request that announces a larger Content-Length gets
     * 413 before its body is read, and a chunked body fails with 413 once it passes the limit.
     */
    public IbcrServer maxBody(long bytes) {
        if (bytes < 1) throw new IllegalArgumentException("the body limit must be at least 1 byte");
        this.maxBody = bytes;
        return this;
    }

    /**
     * Requests a second per client address, counted whole by Jetty's DoSHandler (a fraction is rounded up; 0, the
     * builder's default, turns the limit off; {@code serve} uses 50), with bursts of up to
     * {@code max(1, 2 * rate)} requests by default (see {@link #rateBurst}). A client over it gets 429 with
     * Retry-After.
     */
    public IbcrServer rateLimit(double requestsPerSecond) {
        if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("the rate limit must be 0 (off) or a positive number");
        }
        this.rateLimit = requestsPerSecond;
        return this;
    }

    /** How many requests a client may send at once before the rate limit applies. */
    public IbcrServer rateBurst(int requests) {
        if (requests < 1) throw new IllegalArgumentException("the burst must be at least 1");
        this.rateBurst = requests;
        return this;
    }

    /** Values listed per property, and rows per list, on an HTML page (default 500); the data has the rest. */
    public IbcrServer maxPageRows(int rows) {
        if (rows < 1) throw new IllegalArgumentException("the page row limit must be at least 1");
        this.maxPageRows = rows;
        return this;
    }

    /**
     * The most bytes of responses computed from the data (pages, data documents, graph files) kept in memory,
     * least recently used dropped first (default 64 MiB; 0 computes each anew). They are kept for one version of
     * the data: any committed write (an update, a load into the same TDB2 store) makes the next request compute
     * them again.
     */
    public IbcrServer cache(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("the cache size must not be negative");
        this.cacheBytes = bytes;
        return this;
    }

    /**
     * The most bytes of SPARQL answers kept in memory for the current data version (default 64 MiB; 0 runs every
     * query): a repeated query is answered without running it, with an ETag, until the next committed write. Not kept:
     * answers larger than a sixteenth of it or than 1 MiB, failed or cut answers, queries that call the clock or chance
     * ({@code NOW()}, {@code RAND()}, ...). See {@link ResultCache}.
     */
    public IbcrServer resultCache(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("the result cache size must not be negative");
        this.resultCacheBytes = bytes;
        return this;
    }

    /**
     * The origins ({@code https://host[:port]}) whose pages may send credentialed writes (updates, Graph Store
     * writes) across origins; by default none may, while any page may read.
     */
    public IbcrServer corsOrigins(List<String> origins) {
        for (String origin : Objects.requireNonNull(origins, "origins")) {
            if (!origin.matches("https?://[^\\s/?#]+")) throw new IllegalArgumentException("origin '" + origin + "' is not scheme://host[:port]");
        }
        this.corsOrigins = List.copyOf(origins);
        return this;
    }

    /**
     * The limits that keep the server answering while some clients send or read slowly: idle timeout, minimum
     * request and response data rates, connections per client address ({@link SlowClientLimits#defaults()} unless set).
     */
    public IbcrServer slowClients(SlowClientLimits limits) {
        this.slowClients = Objects.requireNonNull(limits, "limits");
        return this;
    }

    /** The most threads serving requests at once (default 200; Fuseki's own default is 20). */
    public IbcrServer maxThreads(int threads) {
        if (threads < 8) throw new IllegalArgumentException("the server needs at least 8 threads");
        this.maxThreads = threads;
        return this;
    }

    /**
     * Where SPARQL Update's LOAD may read from: by default nowhere ({@link LoadPolicy#NONE}); see {@link LoadPolicy#of}.
     * The policy goes with the served dataset: servers that share one dataset share the last policy built.
     */
    public IbcrServer loadPolicy(LoadPolicy policy) {
        this.loadPolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * How many of the newest versions of the data have dated dumps ({@code /dumps/{version}/ibcr.nt.gz, .ttl, .trig}),
     * described as DCAT versions (default 10). Every version stays in the change feed and as mementos.
     */
    public IbcrServer keptVersions(int versions) {
        if (versions < 1) throw new IllegalArgumentException("at least one version must be kept");
        this.keptVersions = versions;
        return this;
    }

    /**
     * Whether the full-text index is built at start-up, on a thread of its own, so that the first search finds it
     * ready (default false: built at the first search or {@code text:query}, which waits for it; a server that nobody
     * searches then never pays for it). Either way it is built again after each change of the data.
     */
    public IbcrServer prepareSearch(boolean prepare) {
        this.prepareSearch = prepare;
        return this;
    }

    /**
     * Bounds on a query's text, projection and nesting, checked before it is parsed and planned, outside the time
     * limit ({@link QueryLimits#defaults()} unless set); a query past one gets 400.
     */
    public IbcrServer queryLimits(QueryLimits limits) {
        this.queryLimits = Objects.requireNonNull(limits, "limits");
        return this;
    }

    /** The example queries the query page offers. */
    public IbcrServer examples(List<ExampleQuery> examples) {
        this.examples = List.copyOf(Objects.requireNonNull(examples, "examples"));
        return this;
    }

    public FusekiServer build() {
        if (dataset == null) throw new IllegalStateException("no dataset to serve");
        if (store != null && passwordFile != null) throw new IllegalStateException("a remote store is served read only: write it with its own endpoints");
        // The timeout goes on the query endpoints, not on the dataset's context: the dataset may be shared
        // (another server, the caller's own queries), and its context would carry this server's timeout there.
        Context queryContext = new Context();
        queryContext.set(ARQ.queryTimeout, Long.toString(timeout.toMillis()));
        // Not an open proxy: SERVICE to another endpoint is refused, no outgoing connection is made.
        queryContext.set(Service.httpServiceAllowed, false);
        // ORDER BY and DISTINCT keep their rows in memory until the limit stops them (a sort of a cross product grew past
        // 500 MB in 10 s); past this many rows Jena's sorted and distinct bags spill to temporary files, removed on close.
        queryContext.set(ARQ.spillToDiskThreshold, SPILL_ROWS);
        if (strictTimeout) {
            CancellableQueryEngine.register();
            queryContext.set(CancellableQueryEngine.SYMBOL, true);
        }
        // Writes go through the served dataset, so pages kept for a data version know when they are stale.
        DatasetGraph served = DataVersion.watched(dataset);
        // The full-text index, built for each version of the data (at once if asked, else at the first search);
        // text:query finds it here.
        SearchIndex search = SearchIndex.over(served, DataVersion.of(served)::current);
        if (prepareSearch) search.prepare();
        search.registerWith(queryContext);
        DataService.Builder service = DataService.newBuilder(served)
                .addEndpoint(queryEndpoint(null, queryContext))
                .addEndpoint(queryEndpoint("sparql", queryContext))
                .addEndpoint(queryEndpoint("query", queryContext))
                .addEndpoint(Operation.GSP_R, "get");
        if (passwordFile != null) {
            loadPolicy.applyTo(served);
            service.addEndpoint(Operation.Update, "update", Auth.ANY_USER)
                    .addEndpoint(Operation.GSP_RW, "data", Auth.ANY_USER);
        }
        SiteModule site = SiteModule.create(served).publicBase(publicBase).datasetPath(DATASET)
                .maxValues(maxPageRows).cache(cacheBytes).examples(examples).keptVersions(keptVersions)
                .search(search).queryContext(queryContext).build();
        FusekiServer.Builder builder = FusekiServer.create()
                .port(port)
                .numServerThreads(Math.min(8, maxThreads), maxThreads)
                .enableCors(false) // CorsHandler instead: Fuseki's filter lets every origin write with credentials
                .enablePing(true)
                .enableStats(true)
                .enableMetrics(true)
                // Each module wraps those before it: CORS innermost (before authentication), the rate limit outermost.
                .fusekiModules(FusekiModules.create(CorsHandler.allowing(corsOrigins, List.of(DATASET + "/update", DATASET + "/data")),
                        HandlerModule.bodyLimit(maxBody), HandlerModule.gzip(), site, rateLimit()))
                .registerOperation(Operation.Query, WebContent.contentTypeSPARQLQuery, new LimitedQueryProcessor(queryLimits))
                .add(DATASET, service)
                .addServlet("/$/server", new ActionServerStatus());
        builder.addServlet(UI, new QueryPageRedirect());
        builder.addFilter("/*", new RequestChecks()); // first: the others ask for the content type, which fails on a bad charset
        builder.addFilter("/*", new ChunkedBodyLimitFilter(maxBody));
        builder.addFilter("/*", new InflatedBodyLimit(maxBody));
        // Kept answers of the query endpoints: after the body limits, before CutResponseAbort, whose cut it must see.
        ResultCache results = ResultCache.create(DataVersion.of(served), resultCacheBytes, queryLimits);
        for (String path : QueryEndpointFilter.paths(DATASET)) builder.addFilter(path, results);
        builder.addFilter("/*", new CutResponseAbort());
        // Service description, HEAD and 406 on the query endpoints, after the limits above.
        QueryEndpointFilter queryEndpoints = new QueryEndpointFilter(ServiceDescription.of(served), QUERY_PAGE, publicBase);
        for (String path : QueryEndpointFilter.paths(DATASET)) builder.addFilter(path, queryEndpoints);
        if (passwordFile != null) builder.passwordFile(passwordFile.toString()).auth(AuthScheme.BASIC);
        FusekiServer server = builder.build();
        // Fuseki's builder knows only loopback or every interface; Jetty's connector takes any address.
        for (var connector : server.getJettyServer().getConnectors()) {
            if (connector instanceof ServerConnector sc) sc.setHost(host.equals("0.0.0.0") ? null : host);
        }
        slowClients.apply(server.getJettyServer());
        if (passwordFile != null) {
            var jetty = server.getJettyServer();
            jetty.setHandler(new LoginAttemptLimit(LoginAttemptLimit.DEFAULT_MAX_FAILURES, Duration.ofMinutes(1), Duration.ofMinutes(1),
                    jetty.getHandler()));
        }
        // outermost, so that every answer carries the headers, the other wrappers' refusals included
        SecurityHeaders.install(server.getJettyServer(), inlineStyleHashes());
        return server;
    }

    /** Jetty's DoSHandler around everything, or nothing when the limit is off. */
    private FusekiModule rateLimit() {
        if (rateLimit <= 0) return new FusekiModule() {
            @Override
            public String name() {
                return "no-rate-limit";
            }
        };
        int burst = rateBurst > 0 ? rateBurst : (int) Math.max(1, Math.ceil(2 * rateLimit));
        return HandlerModule.rateLimit((int) Math.ceil(rateLimit), burst);
    }

    /**
     * The style sheet Cytoscape.js (the graph page) adds to the document, by its CSP hash: version 3.33.1 of the WebJar
     * (GraphPageBrowserTest fails on a browser's CSP report if another version adds another).
     */
    private static final String CYTOSCAPE_STYLE = "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='";

    /** The CSP hashes of the inline style blocks: our templates have none (their CSS is /site.css); Cytoscape's. */
    private static List<String> inlineStyleHashes() {
        return List.of(CYTOSCAPE_STYLE);
    }

    /** Sends {@link #UI} to the query page with 301: a bookmark of Fuseki's UI finds the query form. */
    private static final class QueryPageRedirect extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) {
            resp.setStatus(301);
            resp.setHeader("Location", req.getContextPath() + QUERY_PAGE);
        }
    }

    private Endpoint queryEndpoint(String name, Context context) {
        Endpoint.Builder endpoint = Endpoint.create().operation(Operation.Query).endpointName(name).context(context);
        if (store != null) endpoint.processor(new RemoteQueryProcessor(store, ((StoreMirror) dataset)::graphs, timeout, queryLimits));
        return endpoint.build();
    }
}
