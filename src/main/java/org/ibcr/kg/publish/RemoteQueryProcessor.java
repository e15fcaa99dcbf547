package org.ibcr.kg.publish;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.jena.atlas.lib.Pair;
import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.OpWalker;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.http.QueryExceptionHTTP;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecResult;
import org.apache.jena.sparql.exec.http.QueryExecHTTPBuilder;
import org.ibcr.kg.store.SparqlStore;

/**
 * Fuseki's SPARQL query operation with the query sent on to a remote store ({@link SparqlStore}, through Jena's
 * {@code QueryExecHTTP}) instead of run here: Fuseki still reads the request (GET, POST, form or body, under the
 * server's body size and rate limits) and writes the answer in the negotiated format. The store answers over the
 * named graphs the IBCR data is in (default graph their union, as here), unless the query names its own with FROM;
 * SERVICE is refused (400), as on the embedded store, and a query the store takes longer than the timeout for
 * gets 503.
 *
 * <pre>{@code
 * Endpoint.create().operation(Operation.Query).processor(new RemoteQueryProcessor(store, mirror::graphs, timeout, QueryLimits.defaults()))
 * }</pre>
 */
public final class RemoteQueryProcessor extends LimitedQueryProcessor {
    private final SparqlStore store;
    private final Supplier<List<Node>> graphs;
    private final Duration timeout;

    /**
     * @param graphs  the named graphs a query without FROM is answered over (those of the version being served)
     * @param timeout the longest the store may take to answer
     * @param limits  the bounds on the query's text, projection and nesting, as on the embedded store
     */
    public RemoteQueryProcessor(SparqlStore store, Supplier<List<Node>> graphs, Duration timeout, QueryLimits limits) {
        super(limits);
        this.store = Objects.requireNonNull(store, "store");
        this.graphs = Objects.requireNonNull(graphs, "graphs");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    protected void validateQuery(HttpAction action, Query query) {
        super.validateQuery(action, query);
        // Not an open proxy: the store may allow SERVICE, this server does not send queries anywhere else.
        boolean[] service = {false};
        OpWalker.walk(Algebra.compile(query), new OpVisitorBase() {
            @Override
            public void visit(OpService op) {
                service[0] = true;
            }
        });
        if (service[0]) ServletOps.errorBadRequest("SERVICE is not allowed: this endpoint queries only its own data");
    }

    /** The query as it came, FROM and all: the store, not this server, builds the dataset. */
    @Override
    protected Pair<DatasetGraph, Query> decideDataset(HttpAction action, Query query, String queryStringLog) {
        return Pair.create(getDataset(action), query);
    }

    @Override
    protected QueryExec createQueryExec(HttpAction action, Query query, DatasetGraph dataset) {
        QueryExecHTTPBuilder builder = store.builder().query(query).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!query.hasDatasetDescription()) {
            for (Node g : graphs.get()) {
                builder.addDefaultGraphURI(g.getURI()).addNamedGraphURI(g.getURI());
            }
        }
        return builder.build();
    }

    @Override
    protected QueryExecResult executeQuery(HttpAction action, QueryExec exec, Query query, String queryStringLog) {
        try {
            return super.executeQuery(action, exec, query, queryStringLog);
        } catch (QueryExceptionHTTP e) {
            refused(e, e.getStatusCode(), e.getResponse());
        } catch (HttpException e) {
            refused(e, e.getStatusCode(), e.getResponse());
        }
        return null; // not reached: refused always throws
    }

    private static void refused(RuntimeException e, int status, String response) {
        if (timedOut(e)) ServletOps.error(503, "The query took longer than the time limit");
        String reason = firstLine(response == null || response.isBlank() ? e.getMessage() : response.strip());
        if (status >= 400 && status < 500) ServletOps.errorBadRequest("The store refused the query: " + reason);
        ServletOps.error(502, "The store failed on the query" + (status > 0 ? " (HTTP " + status + ")" : "") + ": " + reason);
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException) return true;
        }
        return false;
    }

    private static String firstLine(String message) {
        if (message == null) return "no reason given";
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
