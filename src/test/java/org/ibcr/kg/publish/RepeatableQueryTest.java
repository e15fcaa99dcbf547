package org.ibcr.kg.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which queries the result cache may keep: one case per line, wherever the clock or chance hides in the query. */
class RepeatableQueryTest {
    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
        "SELECT * { ?s ?p ?o } LIMIT 10                                                        | true",
        "SELECT ?x { BIND('NOW() RAND() UUID()' AS ?x) }                                         | true",
        "SELECT * { ?s ?p ?o } ORDER BY DESC(?o)                                                 | true",
        "SELECT (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?p HAVING (COUNT(*) > 1)                  | true",
        "PREFIX fn: <http://www.w3.org/2005/xpath-functions#> SELECT (fn:upper-case('a') AS ?x) {} | true",
        "SELECT (NOW() AS ?t) {}                                                                 | false",
        "SELECT * { ?s ?p ?o FILTER(?o < NOW()) }                                                | false",
        "SELECT * { ?s ?p ?o } ORDER BY RAND()                                                   | false",
        "SELECT * { ?s ?p ?o } ORDER BY RAND() LIMIT 5                                           | false",
        "SELECT ?k (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY (RAND() < 0.5 AS ?k)                   | false",
        "SELECT (STRUUID() AS ?u) {}                                                             | false",
        "SELECT (UUID() AS ?u) {}                                                                | false",
        "SELECT (BNODE() AS ?b) {}                                                               | false",
        "SELECT (BNODE('x') AS ?b) {}                                                            | false",
        "SELECT ?s { { SELECT ?s (RAND() AS ?r) { ?s ?p ?o } } }                                 | false",
        "SELECT ?s { ?s ?p ?o FILTER NOT EXISTS { BIND(RAND() AS ?r) FILTER(?r > 0.5) } }         | false",
        "SELECT ?p (SAMPLE(RAND()) AS ?r) { ?s ?p ?o } GROUP BY ?p                               | false",
        "SELECT ?s { ?s ?p ?o } GROUP BY ?s HAVING (RAND() < 0.5)                                | false",
        "CONSTRUCT { ?s <urn:p> ?t } { ?s ?p ?o BIND(NOW() AS ?t) }                              | false",
        "PREFIX afn: <http://jena.apache.org/ARQ/function#> SELECT (afn:now() AS ?t) {}          | false",
        "PREFIX fn: <http://www.w3.org/2005/xpath-functions#> SELECT (fn:implicit-timezone() AS ?t) {} | false",
        "SELECT * { ?s ?p ?o OPTIONAL { ?o ?q ?r FILTER(RAND() < 0.5) } }                       | false",
        "SELECT * { ?s ?p ?o MINUS { ?s ?q ?r FILTER(RAND() < 0.5) } }                          | false",
        "ASK { ?s ?p ?o FILTER(YEAR(NOW()) > 2000) }                                             | false",
        "SELECT (CALL(<urn:f>, 1) AS ?x) {}                                                      | false",
    })
    void theClockAndChanceAreFoundInTheParsedQuery(String text, boolean repeatable) {
        assertEquals(repeatable, RepeatableQuery.test(QueryFactory.create(text, Syntax.syntaxARQ)), text);
    }

    @Test
    void aNameInACommentIsNoCall() {
        assertTrue(RepeatableQuery.test(QueryFactory.create("SELECT * # NOW() RAND()\n{ ?s ?p ?o }", Syntax.syntaxARQ)));
    }
}
