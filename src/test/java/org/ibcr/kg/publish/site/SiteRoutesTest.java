package org.ibcr.kg.publish.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.publish.http.HttpError;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.store.MemoryStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one route table: each path declared once, the format table's documents all routed, valid servlet specs. */
class SiteRoutesTest {
    private static List<String> specs;

    @BeforeAll
    static void table() {
        var dataset = MemoryStore.copyOf(GraphBuild.from(CsvHistory.open(Path.of("data"))).build().dataset());
        specs = SiteModule.create(dataset).build().pathSpecs();
    }

    @Test
    void eachPathIsDeclaredOnce() {
        assertEquals(specs.size(), new HashSet<>(specs).size(), "a path spec twice: " + specs);
    }

    @Test
    void specsAreServletPathSpecs() {
        for (String spec : specs) {
            assertTrue(spec.isEmpty() || spec.matches("/[A-Za-z0-9._/-]*(/\\*)?") && !spec.contains("*.") , "not a servlet path spec: " + spec);
        }
    }

    @Test
    void everyFormatOfTheTableIsRouted() {
        for (DocumentFormat f : DocumentFormat.ALL) {
            assertTrue(specs.contains("/ontology." + f.extension()), "/ontology." + f.extension());
            assertTrue(specs.contains("/dataset." + f.extension()), "/dataset." + f.extension());
        }
    }

    @Test
    void theSitesUrlsAreRouted() {
        for (String spec : List.of("", "/id/*", "/page/*", "/data/*", "/class/*", "/ontology", "/dataset", "/.well-known/void", "/dumps/*",
                "/sitemap.xml", "/robots.txt", "/timeline", "/graph", "/graph/*", "/graph/data", "/graph/ontology", "/graph/dataset",
                "/query", "/webjars/*", "/site.css", "/graph.js", "/map", "/map.geojson", "/map.js")) {
            assertTrue(specs.contains(spec), spec + " is not in the route table");
        }
    }

    @Test
    void formatTableComesFromTheConverter() {
        for (org.ibcr.kg.write.RdfFormat f : org.ibcr.kg.write.RdfFormat.values()) {
            assertEquals(f, DocumentFormat.byExtension(f.extension()).orElseThrow().converterFormat(), f.extension());
        }
        assertEquals("application/n-quads", DocumentFormat.byExtension("nq").orElseThrow().mediaType());
        assertEquals("jsonld", DocumentFormat.byMediaType("application/json").orElseThrow().extension(), "JSON is JSON-LD");
        assertTrue(DocumentFormat.byMediaType("text/html").isEmpty());
    }

    @Test
    void errorsCarryAnErrorStatus() {
        assertEquals(404, HttpError.notFound("status.404").status());
        assertEquals(400, HttpError.badRequest("status.400").status());
        assertThrows(IllegalArgumentException.class, () -> new HttpError(200, "status.404"));
        assertEquals(0, HttpError.notFound("status.404").getStackTrace().length, "a refusal carries no stack trace");
    }
}
