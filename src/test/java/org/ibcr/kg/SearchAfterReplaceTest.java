package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.apache.jena.fuseki.main.FusekiServer;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.store.TdbStore;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search index follows the data: after {@code ibcr-kg load} replaces the graphs of the TDB2 database a server
 * runs on, or after an authorised SPARQL update, the search page, the suggestions and {@code text:query} on the
 * endpoint find the new label and no longer the old one (jena-text's own incremental index would keep the old
 * one after a graph is replaced, apache/jena #1985).
 */
class SearchAfterReplaceTest {
    private static final String PARIS = "https://w3id.org/ibcr/id/milestone/tribunal-hearing-paris";
    private static final String OLD_LABEL = "Tribunal hearing in Paris";
    /** With markup in it: the snippet must show it as text. */
    private static final String NEW_LABEL = "Tribunal sitting in Paris <i>first</i>";
    private static final String TEXT_QUERY = "PREFIX text: <http://jena.apache.org/text#>\n"
            + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            + "SELECT DISTINCT ?s WHERE { ?s text:query (rdfs:label '%s' 'lang:en') } ORDER BY ?s";

    @TempDir
    Path dir;
    private FusekiServer server;
    private TdbStore store;
    private String base;
    private final HttpClient http = BundledStore.client(HttpClient.Redirect.NEVER);

    @AfterEach
    void stop() {
        if (server != null) server.stop();
        if (store != null) store.close();
    }

    @Test
    void aLoadIntoTheServedDatabaseReplacesWhatIsFound() throws Exception {
        Path db = dir.resolve("db");
        assertEquals(0, CliRun.of("load", "--quiet", "--tdb2", db.toString()).code());
        store = TdbStore.open(db);
        server = IbcrServer.create().port(0).dataset(store.dataset()).build().start();
        base = "http://127.0.0.1:" + server.getHttpPort();
        assertFound(OLD_LABEL, true);

        // The same tables with the Paris hearing renamed, loaded into the database while it is served.
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        try (Stream<Path> files = Files.list(Path.of("data"))) {
            for (Path f : files.toList()) Files.copy(f, data.resolve(f.getFileName()));
        }
        Path milestones = data.resolve("milestones.csv");
        String csv = Files.readString(milestones, StandardCharsets.UTF_8);
        assertTrue(csv.contains("," + OLD_LABEL + ","));
        Files.writeString(milestones, csv.replace("," + OLD_LABEL + ",", "," + NEW_LABEL + ","), StandardCharsets.UTF_8);
        CliRun load = CliRun.of("load", "--quiet", "--tdb2", db.toString(), "--data", data.toString());
        assertEquals(0, load.code(), load::toString);

        assertFound(NEW_LABEL, false);
    }

    @Test
    void anAuthorisedUpdateReplacesWhatIsFound() throws Exception {
        store = BundledStore.open();
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, "admin: s3cret\n");
        Files.setPosixFilePermissions(passwd, PosixFilePermissions.fromString("rw-------"));
        server = IbcrServer.create().port(0).dataset(store.dataset()).updatesFor(passwd).build().start();
        base = "http://127.0.0.1:" + server.getHttpPort();
        assertFound(OLD_LABEL, true);

        String graph = "https://w3id.org/ibcr/graph/data";
        String update = "DELETE { GRAPH <" + graph + "> { <" + PARIS + "> ?p ?old } }\n"
                + "INSERT { GRAPH <" + graph + "> { <" + PARIS + "> ?p \"" + NEW_LABEL + "\"@en } }\n"
                + "WHERE { GRAPH <" + graph + "> { <" + PARIS + "> ?p ?old FILTER(?old = \"" + OLD_LABEL + "\"@en) } }";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/ibcr/update"))
                .header("Content-Type", "application/sparql-update")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:s3cret".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(update)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(2, r.statusCode() / 100, r.body());

        assertFound(NEW_LABEL, false);
    }

    /** The Paris hearing is found by the words of {@code label} only, through every way in: page, suggestions, text:query. */
    private void assertFound(String label, boolean before) throws Exception {
        String word = before ? "hearing" : "sitting";
        String gone = before ? "sitting" : "hearing";
        assertTrue(searchIris("\"" + word + " in Paris\"").contains(PARIS), word);
        assertFalse(searchIris("\"" + gone + " in Paris\"").contains(PARIS), gone);
        assertTrue(suggestIris(word + " in par").contains(PARIS), word + " suggested");
        assertFalse(suggestIris(gone + " in par").contains(PARIS), gone + " no longer suggested");
        assertTrue(textQuery(word + " AND paris").contains(PARIS), "text:query " + word);
        assertFalse(textQuery(gone + " AND paris").contains(PARIS), "text:query " + gone);
        // the page shows the label as it is, markup as text, the matched word marked
        var page = Jsoup.parse(get("/search?q=" + SearchTest.encode(word) + "&lang=en", "text/html").body());
        Element link = page.selectFirst("a[href=/page/milestone/tribunal-hearing-paris?lang=en]");
        assertEquals(label, link.text());
        Element snippet = link.parent().selectFirst(".snippet");
        assertTrue(snippet.select("i").isEmpty(), "the label's markup is text, not an element");
        assertEquals(word, snippet.selectFirst("mark").text(), "the matched word is marked");
    }

    private List<String> searchIris(String q) throws Exception {
        JsonObject answer = JSON.parse(get("/search?q=" + SearchTest.encode(q) + "&lang=en", "application/json").body());
        List<String> iris = new ArrayList<>();
        for (JsonValue v : answer.get("results").getAsArray()) iris.add(v.getAsObject().get("iri").getAsString().value());
        return iris;
    }

    private List<String> suggestIris(String q) throws Exception {
        JsonObject answer = JSON.parse(get("/search/suggest?q=" + SearchTest.encode(q) + "&lang=en", null).body());
        List<String> iris = new ArrayList<>();
        for (JsonValue v : answer.get("suggestions").getAsArray()) iris.add(v.getAsObject().get("iri").getAsString().value());
        return iris;
    }

    private String textQuery(String words) throws Exception {
        HttpResponse<String> r = get("/ibcr/sparql?query=" + SearchTest.encode(TEXT_QUERY.formatted(words)), "text/csv");
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (accept != null) b.header("Accept", accept);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
