package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.publish.site.StoreMirror;
import org.ibcr.kg.store.SparqlStore;
import org.junit.jupiter.api.Test;

/**
 * {@code serve --sparql} over a stock Apache Jena Fuseki (in memory, its default graph not the union of the named
 * ones), filled by {@code load --endpoint}: a store that needs no outside tool, so this runs everywhere. The
 * endpoint's answers equal the embedded store's (the union of the served graphs as default graph, whatever the
 * store's own), the pages are served, reading with the Graph Store Protocol gives the same as with CONSTRUCT.
 */
class StockFusekiStoreTest {
    private static final HttpClient HTTP = BundledStore.client(HttpClient.Redirect.NORMAL);

    @Test
    void servesAStockFusekiFilledByLoad() throws Exception {
        FusekiServer fuseki = FusekiServer.create().port(0).add("/ds", DatasetGraphFactory.createTxnMem(), true).build().start();
        String ds = "http://localhost:" + fuseki.getHttpPort() + "/ds";
        try {
            CliRun load = CliRun.of("load", "--quiet", "--endpoint", ds + "/data");
            assertEquals(0, load.code(), load::toString);
            for (String gsp : new String[] {null, ds + "/get"}) {
                SparqlStore store = SparqlStore.of(ds + "/sparql");
                if (gsp != null) store.gsp(gsp);
                try (StoreMirror mirror = StoreMirror.open(store, Duration.ofHours(1), line -> {})) {
                    FusekiServer ours = IbcrServer.create().port(0).store(store, mirror).build().start();
                    try {
                        String base = "http://127.0.0.1:" + ours.getHttpPort();
                        String expected = Files.readString(Path.of("src/test/resources/queries/02-founders.csv"), StandardCharsets.UTF_8);
                        String query = Files.readString(Path.of("queries/02-founders.rq"), StandardCharsets.UTF_8);
                        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + IbcrServer.DATASET + "/sparql?query="
                                + URLEncoder.encode(query, StandardCharsets.UTF_8))).header("Accept", "text/csv").build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertEquals(200, r.statusCode(), r::body);
                        assertEquals(expected.replace("\r\n", "\n").strip(), r.body().replace("\r\n", "\n").strip(), "02-founders over Fuseki");

                        // Asked again, as a form POST: the answer kept for this version of the store.
                        for (int i = 0; i < 4; i++) {
                            HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(URI.create(base + IbcrServer.DATASET + "/sparql"))
                                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/csv")
                                    .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            assertEquals(200, again.statusCode(), again::body);
                            assertEquals(expected.replace("\r\n", "\n").strip(), again.body().replace("\r\n", "\n").strip(), "asked again");
                            assertEquals("hit", again.headers().firstValue("X-Cache").orElse(""), "asked again " + i);
                        }

                        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/id/organisation/ibcr"))
                                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
                        assertEquals(200, page.statusCode());
                        assertTrue(page.body().contains("International Bureau for Children's Rights"), "the Bureau's page");
                    } finally {
                        ours.stop();
                    }
                }
            }
        } finally {
            fuseki.stop();
        }
    }
}
