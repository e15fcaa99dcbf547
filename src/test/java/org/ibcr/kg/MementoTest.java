package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.publish.http.Reply;
import org.ibcr.kg.store.TdbStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memento (RFC 7089) on data documents: after a label is changed by an authorised update, {@code Accept-Datetime}
 * before and after the change gives the old and the new label, the TimeMap lists both mementos, and all of it is the
 * same after the server is restarted on the same TDB2 database (as {@code serve --tdb2} opens it).
 */
class MementoTest {
    private static final String DATA = "https://w3id.org/ibcr/graph/data";
    private static final String IRI = "https://w3id.org/ibcr/id/milestone/tribunal-hearing-paris";
    private static final String DOC = "/data/milestone/tribunal-hearing-paris.ttl";
    private static final String PAGE = "/page/milestone/tribunal-hearing-paris";
    private static final String OLD_LABEL = "Tribunal hearing in Paris";
    private static final String NEW_LABEL = "Tribunal hearing held in Paris";
    private static final String RENAME = "DELETE { GRAPH <" + DATA + "> { <" + IRI + "> ?p ?old } }\n"
            + "INSERT { GRAPH <" + DATA + "> { <" + IRI + "> ?p \"" + NEW_LABEL + "\"@en } }\n"
            + "WHERE { GRAPH <" + DATA + "> { <" + IRI + "> ?p ?old FILTER(?old = \"" + OLD_LABEL + "\"@en) } }";
    private static final HttpClient HTTP = BundledStore.client(HttpClient.Redirect.NEVER);

    @TempDir
    Path dir;

    private TdbStore store;
    private FusekiServer server;
    private String base;
    private Path passwd;

    private void start(Path db) throws Exception {
        store = TdbStore.open(db);
        passwd = Files.createTempFile(dir, "passwd", ".txt", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwd, "admin: s3cret\n");
        server = IbcrServer.create().port(0).dataset(store.dataset()).updatesFor(passwd).build().start();
        base = "http://127.0.0.1:" + server.getHttpPort();
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop();
        if (store != null) {
            TDBInternal.expel(((DatasetGraphWrapper) store.dataset()).getWrapped(), true); // the next open reads the disk
            store.close();
        }
        server = null;
        store = null;
    }

    @Test
    void acceptDatetimeGivesTheLabelOfThatTimeAndARestartKeepsIt() throws Exception {
        Path db = bundledDatabase();
        start(db);
        Thread.sleep(1100); // HTTP dates count whole seconds: a second between the versions and the dates asked for
        Instant between = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Thread.sleep(1100);
        BundledStore.update(HTTP, base, RENAME);
        Instant after = Instant.now().plusSeconds(1);

        checkMementos(between, after);
        stop();
        start(db);
        checkMementos(between, after);
    }

    @Test
    void aResourceDeletedByAnUpdateIsGoneFromTheMementosOfLaterVersions() throws Exception {
        Path db = bundledDatabase();
        start(db);
        BundledStore.update(HTTP, base, "DELETE WHERE { GRAPH <" + DATA + "> { <" + IRI + "> ?p ?o } }");
        assertEquals(200, get("/memento/1" + DOC, null).statusCode(), "as it was before the update");
        HttpResponse<String> data = get("/memento/2" + DOC, null);
        assertEquals(410, data.statusCode(), data.body());
        assertTrue(data.body().contains("was deleted by version 2"), data.body());
        assertEquals(410, get("/memento/2" + PAGE, null).statusCode(), "the page as of version 2");
        assertEquals(404, get("/memento/2/data/city/atlantis.ttl", null).statusCode(), "a resource that never was");
    }

    /** A TDB2 database on disk holding the bundled data, closed and expelled so that the server reads it from the disk. */
    private Path bundledDatabase() {
        Path db = dir.resolve("db");
        try (TdbStore first = TdbStore.open(db)) {
            first.replaceGraphs(BundledStore.build().dataset(), (fmt, args) -> {});
            TDBInternal.expel(((DatasetGraphWrapper) first.dataset()).getWrapped(), true);
        }
        return db;
    }

    private void checkMementos(Instant between, Instant after) throws Exception {
        // The original: the current label, and where its TimeGate and TimeMap are.
        HttpResponse<String> original = get(DOC, null);
        assertEquals(200, original.statusCode());
        assertTrue(original.body().contains(NEW_LABEL));
        String links = original.headers().firstValue("Link").orElse("");
        assertTrue(links.contains("rel=\"original timegate\""), links);
        assertTrue(links.contains("/timemap" + DOC + ">; rel=\"timemap\""), links);
        assertTrue(original.headers().firstValue("Vary").orElse("").toLowerCase().contains("accept-datetime"));

        String oldMemento = negotiate(between, OLD_LABEL, NEW_LABEL);
        String newMemento = negotiate(after, NEW_LABEL, OLD_LABEL);
        assertFalse(oldMemento.equals(newMemento));

        HttpResponse<String> timeMap = get("/timemap" + DOC, null);
        assertEquals(200, timeMap.statusCode());
        assertTrue(timeMap.headers().firstValue("Content-Type").orElse("").startsWith("application/link-format"));
        List<String> mementos = timeMap.body().lines().filter(l -> l.contains("memento\"")).toList();
        assertEquals(2, mementos.size(), "a memento for each version of the resource:\n" + timeMap.body());
        assertTrue(mementos.get(0).startsWith("<" + oldMemento + ">") && mementos.get(0).contains("rel=\"first memento\""), timeMap.body());
        assertTrue(mementos.get(1).startsWith("<" + newMemento + ">") && mementos.get(1).contains("rel=\"last memento\""), timeMap.body());
        assertTrue(timeMap.body().contains("<" + base + DOC + ">; rel=\"original timegate\""), timeMap.body());

        // The HTML page is an original resource too: its TimeGate sends to the page as it was, in the reader's language.
        HttpResponse<String> pageGate = get(PAGE, Reply.HTTP_DATE.format(between));
        assertEquals(302, pageGate.statusCode());
        String pageMemento = pageGate.headers().firstValue("Location").orElseThrow();
        assertTrue(pageMemento.endsWith("/memento/1" + PAGE), pageMemento);
        HttpResponse<String> oldPage = get(pageMemento.substring(base.length()) + "?lang=en", null);
        assertEquals(200, oldPage.statusCode());
        org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(oldPage.body());
        assertEquals(OLD_LABEL, html.select("h1").text());
        // its statements are those of then (the values are named by today's labels: a participation names the milestone)
        assertTrue(html.select("td").eachText().contains(OLD_LABEL), "the label then, as a statement");
        assertFalse(html.select("td").eachText().contains(NEW_LABEL), "not the label of now");
        assertTrue(oldPage.headers().firstValue("Memento-Datetime").isPresent());
        assertTrue(get(PAGE + "?lang=fr", null).headers().firstValue("Link").orElse("").contains("/timemap" + PAGE + ">; rel=\"timemap\""));
        assertEquals(2, get("/timemap" + PAGE, null).body().lines().filter(l -> l.contains("memento\"")).count(), "the page's TimeMap");
        org.jsoup.nodes.Document french = org.jsoup.Jsoup.parse(get(pageMemento.substring(base.length()) + "?lang=fr", null).body());
        assertTrue(french.select("p.description").text().startsWith("Cette page telle qu'elle était à la version 1"), french.select("p.description").text());

        assertEquals(404, get("/timemap/data/city/atlantis.ttl", null).statusCode(), "no TimeMap for a resource that never was");
        assertEquals(404, get("/memento/99/data/milestone/tribunal-hearing-paris.ttl", null).statusCode(), "no version 99");

        HttpResponse<String> bad = get(DOC, "yesterday");
        assertEquals(400, bad.statusCode(), "an Accept-Datetime that is not an HTTP date");
    }

    /** Asks the TimeGate for a date; checks the redirect and the memento; returns the memento's URL. */
    private String negotiate(Instant when, String expected, String absent) throws Exception {
        HttpResponse<String> gate = get(DOC, Reply.HTTP_DATE.format(when));
        assertEquals(302, gate.statusCode(), "the TimeGate redirects: " + gate.body());
        assertTrue(gate.headers().firstValue("Vary").orElse("").toLowerCase().contains("accept-datetime"));
        String location = gate.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> memento = get(location.startsWith("http") ? location.substring(base.length()) : location, null);
        assertEquals(200, memento.statusCode(), location);
        assertTrue(memento.body().contains(expected), "the memento of " + when + " has '" + expected + "':\n" + memento.body());
        assertFalse(memento.body().contains(absent), "the memento of " + when + " lacks '" + absent + "'");
        Instant datetime = Reply.HTTP_DATE.parse(memento.headers().firstValue("Memento-Datetime").orElseThrow(), Instant::from);
        assertFalse(datetime.isAfter(when), "a memento no later than the date asked for");
        String links = memento.headers().firstValue("Link").orElse("");
        assertTrue(links.contains("<" + base + DOC + ">; rel=\"original timegate\""), links);
        assertTrue(memento.headers().firstValue("Cache-Control").orElse("").contains("immutable"));
        return location.startsWith("http") ? location : base + location;
    }

    private HttpResponse<String> get(String path, String acceptDatetime) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (acceptDatetime != null) b.header("Accept-Datetime", acceptDatetime);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
