package org.ibcr.kg.store;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.http.auth.AuthEnv;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.http.GSP;
import org.apache.jena.sparql.exec.http.QueryExecHTTP;
import org.apache.jena.sparql.exec.http.QueryExecHTTPBuilder;
import org.apache.jena.sparql.exec.http.QuerySendMode;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.OWL;

/**
 * A SPARQL 1.1 store read over HTTP (Virtuoso, GraphDB, QLever, a Fuseki fleet...), through Jena's
 * {@link QueryExecHTTP} and {@link GSP} clients: the version of the data it holds, the graphs {@code ibcr-kg load
 * --endpoint} put there, and any query sent on to it.
 *
 * <p>The version is the literal of {@code <{base}dataset> owl:versionInfo} in the graph {@code {base}graph/version},
 * which the loader writes after every other graph (see {@link #VERSION_GRAPH}): it moves with every load of other
 * data, so what was computed from the store can be kept until it moves.
 *
 * <pre>{@code
 * SparqlStore store = SparqlStore.of("http://localhost:8890/sparql").credentials("dba", pw);
 * Optional<SparqlStore.Version> v = store.version();
 * DatasetGraph copy = store.copy(v.get());
 * }</pre>
 */
public final class SparqlStore {
    /** The last segment of the graph that holds the version of the loaded data, {@code {base}graph/version}. */
    public static final String VERSION_GRAPH = "graph/version";
    /** The datatype Virtuoso gives WKT literals it stores (it keeps them as its own geometries). */
    static final String VIRTUOSO_GEOMETRY = "http://www.openlinksw.com/schemas/virtrdf#Geometry";
    private static final String WKT = "http://www.opengis.net/ont/geosparql#wktLiteral";

    /** HTTP/1.1, which every store speaks: Java's client would otherwise ask a plain-http store to upgrade to HTTP/2. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();

    private final String query;
    private String gsp;
    private String user;
    private String password;
    private long timeoutMillis = 60_000;

    private SparqlStore(String query) {
        this.query = query;
    }

    /**
     * @param queryEndpoint the store's SPARQL query endpoint, such as {@code http://localhost:8890/sparql}
     * @throws IllegalArgumentException when it is not an absolute http(s) URL
     */
    public static SparqlStore of(String queryEndpoint) {
        return new SparqlStore(checkedUrl(queryEndpoint));
    }

    /** Reads the graphs with the Graph Store Protocol at this endpoint instead of one CONSTRUCT query each. */
    public SparqlStore gsp(String gspEndpoint) {
        this.gsp = checkedUrl(gspEndpoint);
        if (user != null) AuthEnv.get().registerUsernamePassword(URI.create(gsp), user, password);
        return this;
    }

    /** Registers a user and password for both endpoints with Jena's authentication (basic and digest). */
    public SparqlStore credentials(String user, String password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        this.user = user;
        this.password = password;
        AuthEnv.get().registerUsernamePassword(URI.create(query), user, password);
        if (gsp != null) AuthEnv.get().registerUsernamePassword(URI.create(gsp), user, password);
        return this;
    }

    /** The longest the store may take over one request of this class's own reads (default 60 s). */
    public SparqlStore timeout(long millis) {
        if (millis < 1) throw new IllegalArgumentException("the timeout must be positive");
        this.timeoutMillis = millis;
        return this;
    }

    /** The query endpoint. */
    public String queryEndpoint() {
        return query;
    }

    /**
     * The version of the data and the graphs that hold it.
     *
     * @param tag    the version literal as the store gives it
     * @param loaded when it was loaded ({@code dcterms:modified} beside it), if the store says
     * @param graphs the named graphs under the same base as the version graph, the version graph left out, sorted
     */
    public record Version(String tag, Optional<Instant> loaded, List<Node> graphs) {
        public Version {
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(loaded, "loaded");
            graphs = List.copyOf(graphs);
        }
    }

    /**
     * The version of the loaded data, or empty if the store holds none (it was not filled by {@code ibcr-kg load
     * --endpoint}).
     *
     * @throws org.apache.jena.atlas.web.HttpException when the store cannot be reached or refuses the query
     */
    public Optional<Version> version() {
        String find = "SELECT ?g ?v ?m WHERE { GRAPH ?g { ?d <" + OWL.versionInfo.getURI() + "> ?v "
                + "OPTIONAL { ?d <" + DCTerms.modified.getURI() + "> ?m } } "
                + "FILTER(STRENDS(STR(?g), \"/" + VERSION_GRAPH + "\")) } ORDER BY ?g ?v ?m LIMIT 1";
        Node versionGraph;
        String tag;
        Optional<Instant> loaded = Optional.empty();
        try (QueryExec exec = exec(QueryFactory.create(find))) {
            RowSet rows = exec.select();
            if (!rows.hasNext()) return Optional.empty();
            var row = rows.next();
            versionGraph = row.get("g");
            tag = row.get("v").getLiteralLexicalForm();
            Node m = row.get("m");
            if (m != null && m.isLiteral()) {
                try {
                    loaded = Optional.of(java.time.OffsetDateTime.parse(m.getLiteralLexicalForm()).toInstant());
                } catch (java.time.format.DateTimeParseException e) {
                    // a date the store rewrote beyond reading: no load time
                }
            }
        }
        String base = versionGraph.getURI().substring(0, versionGraph.getURI().length() - VERSION_GRAPH.length());
        String list = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"" + base + "graph/\") "
                + "&& ?g != <" + versionGraph.getURI() + ">) } ORDER BY ?g";
        List<Node> graphs = new ArrayList<>();
        try (QueryExec exec = exec(QueryFactory.create(list))) {
            exec.select().forEachRemaining(row -> graphs.add(row.get("g")));
        }
        return Optional.of(new Version(tag, loaded, graphs));
    }

    /**
     * A copy in memory of the graphs of a version, read with GSP GET (with {@link #gsp}) or a CONSTRUCT query a
     * graph. WKT literals that Virtuoso gives back as its own geometry type are given their GeoSPARQL datatype again.
     */
    public DatasetGraph copy(Version version) {
        Objects.requireNonNull(version, "version");
        DatasetGraph copy = DatasetGraphFactory.create();
        List<Quad> quads = new ArrayList<>();
        for (Node name : version.graphs()) {
            Graph graph;
            if (gsp != null) {
                graph = GSP.service(gsp).httpClient(CLIENT).graphName(name).GET();
            } else {
                Query construct = QueryFactory.create("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <" + name.getURI() + "> { ?s ?p ?o } }");
                try (QueryExec exec = exec(construct)) {
                    graph = exec.construct(GraphFactory.createDefaultGraph());
                }
            }
            long expected = size(name);
            if (graph.size() != expected) {
                // A store may cut a long answer without saying so (Virtuoso: ResultSetMaxRows, 10000 by default).
                throw new IllegalStateException("the store gave " + graph.size() + " of the " + expected + " triples of <"
                        + name.getURI() + ">: raise its limit on results (Virtuoso: ResultSetMaxRows in [SPARQL] of virtuoso.ini)"
                        + (gsp == null ? " or read the graphs with --gsp" : ""));
            }
            graph.find().forEachRemaining(t -> quads.add(new Quad(name, restored(t))));
        }
        quads.forEach(copy::add);
        return copy;
    }

    /** How many triples the store holds in a graph. */
    private long size(Node graph) {
        Query count = QueryFactory.create("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <" + graph.getURI() + "> { ?s ?p ?o } }");
        try (QueryExec exec = exec(count)) {
            return ((Number) exec.select().next().get("n").getLiteralValue()).longValue();
        }
    }

    /** A query sent on to the store, as it is, with this class's timeout; the caller closes it. */
    public QueryExec exec(Query q) {
        return builder().query(q).build();
    }

    /** A builder for a query to the store: the endpoint, its timeout; the caller adds the query. */
    public QueryExecHTTPBuilder builder() {
        // A long query goes as an HTML form POST, which every store takes: Virtuoso 7 never answers a POST whose body
        // is the query itself (application/sparql-query, Jena's default for long queries).
        return QueryExecHTTP.newBuilder().endpoint(query).httpClient(CLIENT).sendMode(QuerySendMode.asGetWithLimitForm)
                .timeout(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * A triple as loaded, where the store changed it in a known way: Virtuoso keeps a WKT literal as its own geometry
     * and gives it back with that type and its own spacing ({@code MULTIPOLYGON(((1 2,3 4)))}); it gets its
     * GeoSPARQL datatype back and is written as JTS writes WKT ({@code MULTIPOLYGON (((1 2, 3 4)))}), the form of the
     * bundled data (see source/Wkt). A geometry written otherwise comes back as the same geometry in JTS's spacing.
     */
    static Triple restored(Triple t) {
        Node o = t.getObject();
        if (o.isLiteral() && VIRTUOSO_GEOMETRY.equals(o.getLiteralDatatypeURI())) {
            RDFDatatype wkt = TypeMapper.getInstance().getSafeTypeByName(WKT);
            String text = o.getLiteralLexicalForm();
            try {
                text = new WKTWriter().write(new WKTReader().read(text));
            } catch (ParseException | IllegalArgumentException e) {
                // not WKT JTS reads: kept as the store gave it
            }
            return Triple.create(t.getSubject(), t.getPredicate(), NodeFactory.createLiteralDT(text, wkt));
        }
        return t;
    }

    private static String checkedUrl(String endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + endpoint + "' is not a URL: " + e.getMessage());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + endpoint + "' is not an absolute http(s) URL");
        }
        return endpoint;
    }
}
