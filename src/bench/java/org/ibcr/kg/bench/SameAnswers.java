package org.ibcr.kg.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;

/**
 * Which queries two SPARQL endpoints answer alike, asked once each before a comparison: a query one of them cannot
 * answer (stock Fuseki has no full-text index, so {@code text:query} gives it no rows) would otherwise be compared
 * as if both had done the same work, and a wrong answer must not count as a fast one. Answers are compared by their size: rows of a SELECT, the boolean of an ASK, triples of a DESCRIBE or
 * CONSTRUCT.
 *
 * <pre>{@code
 * List<String> differing = SameAnswers.differing(oursBase + "/ibcr/sparql", stockBase + "/ibcr/sparql", queries);
 * }</pre>
 */
final class SameAnswers {
    private SameAnswers() {}

    /** The queries of {@code queries} whose answers from the two endpoints differ (or fail at either). */
    static List<String> differing(String oursEndpoint, String peerEndpoint, List<String> queries) {
        Objects.requireNonNull(oursEndpoint, "oursEndpoint");
        Objects.requireNonNull(peerEndpoint, "peerEndpoint");
        List<String> differing = new ArrayList<>();
        for (String text : queries) {
            long ours = size(oursEndpoint, text);
            long peer = size(peerEndpoint, text);
            if (ours < 0 || ours != peer) {
                differing.add(text);
                System.out.println("  left out of the mix (ours " + ours + ", the peer " + peer + "): " + firstLine(text));
            }
        }
        return differing;
    }

    private static long size(String endpoint, String text) {
        Query query = QueryFactory.create(text);
        try (QueryExecution qe = QueryExecutionHTTP.service(endpoint).query(query).build()) {
            if (query.isSelectType()) return ResultSetFormatter.consume(qe.execSelect());
            if (query.isAskType()) return qe.execAsk() ? 1 : 0;
            if (query.isDescribeType()) return qe.execDescribe().size();
            return qe.execConstruct().size();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
