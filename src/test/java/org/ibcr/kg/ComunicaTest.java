package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSetRewindable;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;
import org.apache.jena.sparql.resultset.ResultSetCompare;
import org.apache.jena.sparql.resultset.ResultsReader;
import org.apache.jena.sparql.resultset.SPARQLResult;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.store.MemoryStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Comunica, the JavaScript SPARQL client, as its users have it (npm {@code @comunica/query-sparql} 4, installed
 * under target/ by .ci/run), given only the server's bare URLs {@code /ibcr} and {@code /ibcr/query}: neither
 * ends in {@code /sparql}, so Comunica finds the endpoint only through the service description it reads there.
 * Its answer to every example query must equal our endpoint's own.
 */
class ComunicaTest {
    private static final Path QUERY_JS = Path.of("target", "comunica", "node_modules", "@comunica", "query-sparql", "bin", "query.js");

    private static FusekiServer server;
    private static String base;

    @BeforeAll
    static void start() throws IOException {
        ExternalTool.require("node", "nodejs");
        ExternalTool.requireFile(QUERY_JS, "Comunica (npm @comunica/query-sparql@4)");
        var built = GraphBuild.from(CsvHistory.open(Path.of("data"))).build();
        server = IbcrServer.create().port(0).dataset(MemoryStore.copyOf(built.dataset())).build().start();
        base = "http://127.0.0.1:" + server.getHttpPort();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.stop();
    }

    /**
     * Queries whose answers hold IRIs, typed and plain literals, aggregates over the union default graph and the
     * named graphs, and an ASK. No language-tagged literal: Comunica 4.5 as npm installs it today drops their
     * tags (its sparqljson-parse 3.3 hands {@code {language, direction}} to the rdf-data-factory 1.1 it passes in,
     * which takes the object for a datatype: {@code "Paris"^^undefined}), so labels come as STR() and LANG().
     * The comparison itself is exact.
     */
    private static final List<String> QUERIES = List.of(
            """
            PREFIX ibcr: <https://w3id.org/ibcr/ontology#>
            PREFIX schema: <https://schema.org/>
            SELECT ?milestone ?start WHERE { ?milestone a ibcr:Milestone ; schema:startDate ?start } ORDER BY ?start ?milestone""",
            """
            PREFIX ibcr: <https://w3id.org/ibcr/ontology#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            SELECT ?city (STR(?label) AS ?name) (LANG(?label) AS ?lang)
            WHERE { ?city a ibcr:City ; rdfs:label ?label } ORDER BY ?city ?lang""",
            "SELECT ?g (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
            "SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }");

    @TestFactory
    Stream<DynamicTest> comunicaFindsTheEndpointFromTheBareUrlAndGetsOurAnswers() throws IOException {
        String ask = Files.readString(Path.of("queries", "18-four-hearings.rq"), StandardCharsets.UTF_8);
        List<String> queries = Stream.concat(QUERIES.stream(), Stream.of(ask)).toList();
        return Stream.of(IbcrServer.DATASET, IbcrServer.DATASET + "/query").flatMap(path -> queries.stream().map(q ->
                DynamicTest.dynamicTest(path + " " + (queries.indexOf(q) + 1), () -> sameAnswer(base + path, q))));
    }

    private static void sameAnswer(String url, String queryText) throws IOException {
        ExternalTool.Result run = ExternalTool.run(List.of("node", QUERY_JS.toString(), url, "-q", queryText,
                "-t", "application/sparql-results+json", "-l", "info"));
        assertEquals(0, run.code(), "Comunica failed on " + url + ":\n" + run.err());
        // Its own log says how it took the source: as a SPARQL endpoint found by the description, not as a file.
        assertTrue(run.err().contains("Identified " + url + " as sparql source with service URL: " + url),
                "Comunica did not identify " + url + " as a SPARQL endpoint:\n" + run.err());
        SPARQLResult theirs = ResultsReader.create().lang(ResultSetLang.RS_JSON).build()
                .readAny(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
        Query query = QueryFactory.create(queryText);
        try (QueryExecutionHTTP ours = QueryExecutionHTTP.service(base + IbcrServer.DATASET + "/sparql").query(query).build()) {
            if (query.isAskType()) {
                assertTrue(theirs.isBoolean(), "Comunica gave no boolean");
                assertEquals(ours.execAsk(), theirs.getBooleanResult(), "ASK answer");
                return;
            }
            ResultSetRewindable expected = ours.execSelect().rewindable();
            ResultSetRewindable actual = theirs.getResultSet().rewindable();
            assertTrue(expected.size() > 0, "our endpoint gave no rows: the comparison would prove nothing");
            assertEquals(expected.size(), actual.size(), "row count from " + url);
            boolean same = query.hasOrderBy() ? ResultSetCompare.equalsByTermAndOrder(expected, actual)
                    : ResultSetCompare.equalsByTerm(expected, actual);
            assertTrue(same, "Comunica's rows differ from our endpoint's for " + url);
        }
    }
}
