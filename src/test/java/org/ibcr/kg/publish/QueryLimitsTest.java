package org.ibcr.kg.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;
import org.ibcr.kg.publish.http.HttpError;
import org.junit.jupiter.api.Test;

/** The query limits let every published query through and stop each shape that costs work outside the time limit. */
class QueryLimitsTest {
    private static final QueryLimits LIMITS = QueryLimits.defaults();

    /** The refusal's English text, or null. */
    private static String refusal(String text) {
        HttpError byText = LIMITS.refusal(text);
        HttpError refused = byText != null ? byText : LIMITS.refusal(QueryFactory.create(text, Syntax.syntaxARQ));
        return refused == null ? null : refused.message("en");
    }

    @Test
    void everyQueryOfTheProjectIsWithinTheLimits() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("queries"))) {
            files = list.filter(p -> p.toString().endsWith(".rq")).sorted().toList();
        }
        assertTrue(files.size() >= 5, "queries: " + files);
        for (Path f : files) assertNull(refusal(Files.readString(f, StandardCharsets.UTF_8)), f.toString());
    }

    @Test
    void aLongTextIsRefusedByItsLengthInBothLanguages() {
        String vars = String.join(" ", IntStream.range(0, 100_000).mapToObj(i -> "?v" + i).toList());
        HttpError refusal = LIMITS.refusal("SELECT " + vars + " { ?s ?p ?o }");
        assertNotNull(refusal);
        assertEquals(400, refusal.status());
        assertTrue(refusal.message("en").contains("characters long"), refusal.message("en"));
        assertTrue(refusal.message("fr").contains("caractères\u202f;"), refusal.message("fr"));
    }

    @Test
    void aWideProjectionIsRefused() {
        String vars = String.join(" ", IntStream.range(0, LIMITS.maxProjection() + 1).mapToObj(i -> "?v" + i).toList());
        String refusal = refusal("SELECT " + vars + " { ?s ?p ?o }");
        assertNotNull(refusal);
        assertTrue(refusal.contains("selects " + (LIMITS.maxProjection() + 1)), refusal);
        assertNull(refusal("SELECT " + vars.substring(0, vars.lastIndexOf(" ?")) + " { ?s ?p ?o }"), "the limit itself is allowed");
    }

    @Test
    void eachDeepShapeIsRefusedAndTheSameShapeShallowIsNot() {
        for (int n : new int[] {LIMITS.maxDepth() + 10, 3000}) {
            List<String> deep = List.of(
                    "SELECT * { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o ".repeat(n) + "} ".repeat(n) + "}",
                    "SELECT * WHERE " + "{ ".repeat(n) + "?s ?p ?o " + "} ".repeat(n),
                    "SELECT * { { ?s ?p ?o }" + " UNION { ?s ?p ?o }".repeat(n) + " }",
                    "SELECT * { ?s ?p ?o FILTER (true" + " && true".repeat(n) + ") }",
                    "SELECT * { ?s <urn:p>" + "/<urn:p>".repeat(n) + " ?o }",
                    "SELECT * { ?s ?p ?o" + String.join("", IntStream.range(0, n).mapToObj(i -> " BIND (1 AS ?b" + i + ")").toList()) + " }");
            for (String q : deep) {
                String refusal = refusal(q);
                assertNotNull(refusal, q.substring(0, 60));
                // just past the depth limit, nothing else is over; 3,000 deep, the length or the projection may be first
                if (n < 3000) assertEquals(LIMITS.tooDeep().message("en"), refusal);
            }
        }
        assertNull(refusal("SELECT * { { ?s ?p ?o }" + " UNION { ?s ?p ?o }".repeat(20) + " FILTER (true" + " && true".repeat(20) + ") }"));
    }

    @Test
    void bracketsInStringsAndIrisAreNotCounted() {
        assertNull(LIMITS.refusal("SELECT * { ?s ?p \"" + "{".repeat(1000) + "\" } # " + "(".repeat(1000)));
    }
}
