package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraph;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.store.MemoryStore;
import org.ibcr.kg.store.TdbStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pages, data documents, graph files and dumps are kept between requests, and a reader never notices: each
 * keeps its language and its conditional GET, and after an update the next request shows the new data. On both
 * stores a server runs on: a TDB2 database (which tells of its commits) and the in-memory dataset {@code serve}
 * fills from the bundled data (whose commits the server counts).
 */
class CachedPagesTest {
    private static final String PAGE = "/page/milestone/tribunal-hearing-paris";
    private static final String IRI = "https://w3id.org/ibcr/id/milestone/tribunal-hearing-paris";
    private static final String DATA_GRAPH = "https://w3id.org/ibcr/graph/data";
    private static final String OLD_LABEL = "Tribunal hearing in Paris";
    private static final String NEW_LABEL = "Tribunal hearing held in Paris";
    private static final String RENAME = "DELETE { GRAPH <" + DATA_GRAPH + "> { <" + IRI + "> ?p ?old } }\n"
            + "INSERT { GRAPH <" + DATA_GRAPH + "> { <" + IRI + "> ?p \"" + NEW_LABEL + "\"@en } }\n"
            + "WHERE { GRAPH <" + DATA_GRAPH + "> { <" + IRI + "> ?p ?old FILTER(?old = \"" + OLD_LABEL + "\"@en) } }";

    /** The stores a server runs on. */
    enum Store { TDB2, MEMORY }

    private TdbStore store;
    private FusekiServer server;
    private String base;
    private Path passwd;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private void start(Store kind) throws Exception {
        DatasetGraph built = GraphBuild.from(CsvHistory.open(Path.of("data"))).build().dataset();
        DatasetGraph served;
        if (kind == Store.TDB2) {
            store = TdbStore.inMemory();
            store.replaceGraphs(built, (fmt, args) -> {});
            served = store.dataset();
        } else {
            served = MemoryStore.copyOf(built);
        }
        passwd = Files.createTempFile("ibcr-passwd", ".txt", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwd, "admin: s3cret\n");
        server = IbcrServer.create().port(0).dataset(served).updatesFor(passwd).build().start();
        base = "http://127.0.0.1:" + server.getHttpPort();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.stop();
        if (store != null) store.close();
        if (passwd != null) Files.deleteIfExists(passwd);
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void afterAnUpdateEveryKeptResponseShowsTheNewData(Store kind) throws Exception {
        start(kind);
        List<String> paths = List.of(PAGE, "/data/milestone/tribunal-hearing-paris.ttl", "/class/Milestone", "/", "/timeline",
                "/dumps/ibcr.ttl", "/graph/around/milestone/tribunal-hearing-paris.json");
        String[] etags = new String[paths.size()];
        String[] dates = new String[paths.size()];
        for (int i = 0; i < paths.size(); i++) {
            get(paths.get(i), null); // the first request fills the cache, the second is served from it
            HttpResponse<String> kept = get(paths.get(i), null);
            assertEquals(200, kept.statusCode(), paths.get(i));
            assertTrue(kept.body().contains(OLD_LABEL), paths.get(i) + " shows the label before the update");
            etags[i] = kept.headers().firstValue("ETag").orElseThrow();
            dates[i] = kept.headers().firstValue("Last-Modified").orElseThrow();
        }
        String actorsBefore = get("/graph/full.json", null).body();
        assertTrue(actorsBefore.contains(OLD_LABEL), "the full graph names the milestone");

        Thread.sleep(1100); // Last-Modified has a precision of a second
        BundledStore.update(http, base, RENAME);

        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            HttpResponse<String> fresh = get(path, null);
            assertTrue(fresh.body().contains(NEW_LABEL), path + " shows the new label after the update");
            assertFalse(fresh.body().contains(OLD_LABEL), path + " no longer shows the old label");
            assertNotEquals(etags[i], fresh.headers().firstValue("ETag").orElseThrow(), path + ": a new ETag for new content");
            // A client holding the old copy gets the new one, whether it asks by tag or by date.
            assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + path)).header("If-None-Match", etags[i])).statusCode(),
                    path + " with the old ETag");
            assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + path)).header("If-Modified-Since", dates[i])).statusCode(),
                    path + " with the old Last-Modified");
        }
        String actorsAfter = get("/graph/full.json", null).body();
        assertTrue(actorsAfter.contains(NEW_LABEL) && !actorsAfter.contains(OLD_LABEL), "the graph file shows the new label");
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void aKeptPageStillFollowsTheLanguageAndConditionalGet(Store kind) throws Exception {
        start(kind);
        for (int round = 0; round < 2; round++) { // the second round is served from the cache
            HttpResponse<String> en = get(PAGE, "en");
            HttpResponse<String> fr = get(PAGE, "fr");
            HttpResponse<String> frInAddress = send(HttpRequest.newBuilder(URI.create(base + PAGE + "?lang=fr")).header("Accept-Language", "en"));
            assertEquals("en", en.headers().firstValue("Content-Language").orElse(""), "round " + round);
            assertEquals("fr", fr.headers().firstValue("Content-Language").orElse(""), "round " + round);
            assertEquals("fr", frInAddress.headers().firstValue("Content-Language").orElse(""), "round " + round + ": ?lang= wins");
            assertTrue(en.body().contains("<h1>" + OLD_LABEL + "</h1>"), "round " + round + ": the English page");
            assertTrue(fr.body().contains("<h1>Audience du Tribunal à Paris</h1>"), "round " + round + ": the French page");
            // Only the page whose address names the language keeps ?lang= in its links.
            // (Mustache writes '=' in an attribute as &#61;.)
            assertTrue(frInAddress.body().replace("&#61;", "=").contains("?lang=fr\""), "round " + round + ": links keep ?lang=fr");
            // (The head's canonical and hreflang links name each language's address, ?lang=fr included.)
            assertTrue(org.jsoup.Jsoup.parse(fr.body()).select("a[href*=lang=fr]").isEmpty(), "round " + round + ": links of a page chosen by Accept-Language");
            assertNotEquals(fr.headers().firstValue("ETag"), frInAddress.headers().firstValue("ETag"), "round " + round);

            String etag = fr.headers().firstValue("ETag").orElseThrow();
            assertEquals(304, send(HttpRequest.newBuilder(URI.create(base + PAGE)).header("Accept-Language", "fr")
                    .header("If-None-Match", etag)).statusCode(), "round " + round + ": the French copy is current");
            assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + PAGE)).header("Accept-Language", "en")
                    .header("If-None-Match", etag)).statusCode(), "round " + round + ": the French tag does not match the English page");
        }
        assertEquals(404, get("/page/milestone/no-such-milestone", null).statusCode(), "an unknown resource");
        assertEquals(404, get("/data/milestone/no-such-milestone.ttl", null).statusCode(), "an unknown data document");
    }

    private HttpResponse<String> get(String path, String language) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (language != null) b.header("Accept-Language", language);
        return send(b);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
