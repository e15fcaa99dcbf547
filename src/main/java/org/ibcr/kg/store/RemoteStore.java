package org.ibcr.kg.store;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.Objects;
import java.util.function.BiConsumer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.http.HttpEnv;
import org.apache.jena.http.auth.AuthEnv;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.http.GSP;

/**
 * A store that speaks the SPARQL 1.1 Graph Store Protocol: a stock Fuseki or any other. Each named
 * graph is replaced with an HTTP PUT by Jena's GSP client; credentials go through Jena's own
 * authentication (basic and digest).
 *
 * <pre>{@code
 * RemoteStore.of("http://localhost:3030/ds/data").credentials("admin", pw).replace(dataset, (g, n) -> {});
 * }</pre>
 */
public final class RemoteStore {
    private final String endpoint;

    private RemoteStore(String endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * @param endpoint the GSP endpoint, such as {@code http://localhost:3030/ds/data}
     * @throws IllegalArgumentException when it is not an absolute http(s) URL
     */
    public static RemoteStore of(String endpoint) {
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
        return new RemoteStore(endpoint);
    }

    /** Registers a user and password for the endpoint with Jena's authentication environment. */
    public RemoteStore credentials(String user, String password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        AuthEnv.get().registerUsernamePassword(URI.create(endpoint), user, password);
        return this;
    }

    /**
     * Replaces, one PUT each, every named graph of {@code dataset} at the endpoint.
     *
     * @param done told each graph name and its size once it is stored
     */
    public void replace(DatasetGraph dataset, BiConsumer<Node, Long> done) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(done, "done");
        HttpClient client = HttpEnv.getDftHttpClient();
        dataset.listGraphNodes().forEachRemaining(name -> {
            var graph = dataset.getGraph(name);
            GSP.service(endpoint).httpClient(client).graphName(name).PUT(graph);
            done.accept(name, (long) graph.size());
        });
    }

    /**
     * Removes the version graph before a load: while it is absent readers keep the copy they have, and none takes
     * the graphs half replaced for a whole version (see {@link SparqlStore#version()}). Absent already is fine.
     */
    public void removeVersion(Node versionGraph) {
        try {
            GSP.service(endpoint).httpClient(HttpEnv.getDftHttpClient()).graphName(versionGraph).DELETE();
        } catch (org.apache.jena.atlas.web.HttpException e) {
            if (e.getStatusCode() != 404) throw e;
        }
    }

    /**
     * Puts the version of the data just stored, as {@code <dataset> owl:versionInfo "tag"} with the time of the load
     * ({@code dcterms:modified}, what the frontends' Last-Modified says), the graph {@code versionGraph}: after the other graphs, so a reader that sees the new version finds the new data
     * (see {@link SparqlStore#version()}).
     */
    public void putVersion(Node versionGraph, Node dataset, String tag, java.time.Instant loaded) {
        Graph g = GraphFactory.createDefaultGraph();
        g.add(dataset, OWL.versionInfo.asNode(), NodeFactory.createLiteralString(tag));
        g.add(dataset, org.apache.jena.vocabulary.DCTerms.modified.asNode(), NodeFactory.createLiteralDT(
                loaded.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                org.apache.jena.datatypes.xsd.XSDDatatype.XSDdateTime));
        GSP.service(endpoint).httpClient(HttpEnv.getDftHttpClient()).graphName(versionGraph).PUT(g);
    }

    /**
     * The version of a dataset's content: a SHA-256 of its quads in N-Quads, sorted, so the same data loaded twice
     * (or by two loaders) has the same version. Blank nodes are labelled afresh on each run, so data with blank
     * nodes gets a new version on every load.
     */
    public static String versionOf(DatasetGraph dataset) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        RDFDataMgr.write(out, dataset, Lang.NQUADS);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        Arrays.sort(lines);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String line : lines) {
                sha.update(line.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return "sha256-" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
