package org.ibcr.kg.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.query.Query;
import org.ibcr.kg.publish.http.CutResponseAbort;
import org.ibcr.kg.publish.http.ErrorReply;
import org.ibcr.kg.publish.http.HttpError;

/**
 * Fuseki's SPARQL query processor with {@link QueryLimits}: a query text over the length limit is refused before it is
 * parsed, a parsed query that selects too much or nests too deeply before it is planned, each with a 400 and a message
 * in the language of Accept-Language ({@link ErrorReply}, as every other refusal). A query that still runs a parse, a plan or Fuseki's
 * logging out of stack is answered the same way, never with a 500 and an empty body.
 *
 * <pre>{@code
 * builder.registerOperation(Operation.Query, WebContent.contentTypeSPARQLQuery, new LimitedQueryProcessor(QueryLimits.defaults()));
 * }</pre>
 *
 * <p>Open for {@link RemoteQueryProcessor}, which sends the query on to a store with the same limits.
 */
class LimitedQueryProcessor extends SPARQL_QueryDataset {
    private static final ErrorReply ERRORS = ErrorReply.create(null);
    private final QueryLimits limits;

    LimitedQueryProcessor(QueryLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    protected void execute(String queryString, HttpAction action) {
        try {
            HttpError refused = limits.refusal(queryString);
            if (refused != null) throw refused;
            super.execute(queryString, action);
        } catch (HttpError e) {
            refuse(action, e);
        } catch (StackOverflowError e) {
            // The depth count is a bound on the algebra, not on every recursion of Jena and Fuseki: a shape it lets
            // through may still overflow. Before any row went out that is a refusal; after, the stream is cut.
            if (action.getResponse().isCommitted()) {
                CutResponseAbort.markIncomplete();
            } else {
                refuse(action, limits.tooDeep());
            }
        }
    }

    @Override
    protected void validateQuery(HttpAction action, Query query) {
        HttpError refused = limits.refusal(query);
        if (refused != null) throw refused;
    }

    private static void refuse(HttpAction action, HttpError error) {
        try {
            ERRORS.send(action.getRequest(), action.getResponse(), error);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
