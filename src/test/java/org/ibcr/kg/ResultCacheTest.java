package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.apache.jena.fuseki.main.FusekiServer;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.store.TdbStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SPARQL endpoint's result cache as a client sees it: a repeated query (even written with other spacing and
 * prefix names, by GET or POST) is answered from the cache with the same ETag, and with 304 when the client names it;
 * after an update the old answer is never given again; queries that call the clock or chance are run every time; an
 * answer larger than the bound is not kept; a failed query is not kept.
 */
class ResultCacheTest {
    private static final String MILESTONE = "https://w3id.org/ibcr/ontology#Milestone";
    private static final String COUNT = "PREFIX ibcr: <https://w3id.org/ibcr/ontology#>\nSELECT (COUNT(*) AS ?n) { ?m a ibcr:Milestone }";
    private static final String COUNT_AGAIN = "prefix  x: <https://w3id.org/ibcr/ontology#>   select (count(*) as ?n)\n"
            + "# the same query, written otherwise\n{ ?m a x:Milestone . }";

    private TdbStore store;
    private FusekiServer server;
    private String endpoint;
    private Path passwd;
    private final HttpClient http = BundledStore.client(HttpClient.Redirect.NEVER);

    private void start(long resultCache) throws Exception {
        start(resultCache, Duration.ofSeconds(30));
    }

    private void start(long resultCache, Duration queryTimeout) throws Exception {
        store = BundledStore.open();
        passwd = Files.createTempFile("ibcr-passwd", ".txt", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwd, "admin: s3cret\n");
        server = IbcrServer.create().port(0).dataset(store.dataset()).updatesFor(passwd).resultCache(resultCache)
                .queryTimeout(queryTimeout).build().start();
        endpoint = "http://127.0.0.1:" + server.getHttpPort() + IbcrServer.DATASET + "/sparql";
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.stop();
        if (store != null) store.close();
        if (passwd != null) Files.deleteIfExists(passwd);
    }

    private HttpResponse<String> get(String query, String accept, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .header("Accept", accept).timeout(Duration.ofSeconds(30));
        if (ifNoneMatch != null) request.header("If-None-Match", ifNoneMatch);
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String query, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(endpoint)).header("Content-Type", "application/sparql-query")
                .header("Accept", accept).POST(BodyPublishers.ofString(query)).timeout(Duration.ofSeconds(30)).build(), BodyHandlers.ofString());
    }

    private static String cache(HttpResponse<?> r) {
        return r.headers().firstValue("X-Cache").orElse(null);
    }

    private static String etag(HttpResponse<?> r) {
        return r.headers().firstValue("ETag").orElse(null);
    }

    @Test
    void aRepeatedQueryIsAnsweredFromTheCacheWithItsEtagAnd304() throws Exception {
        start(IbcrServer.DEFAULT_RESULT_CACHE);
        HttpResponse<String> first = get(COUNT, "text/csv", null);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("miss", cache(first));
        String tag = etag(first);
        assertTrue(tag != null && tag.startsWith("\""), "a kept answer has a strong ETag: " + first.headers().map());
        long milestones = Long.parseLong(first.body().lines().skip(1).findFirst().orElseThrow().strip());
        assertTrue(milestones >= 18, first.body());

        // the same query by GET, written otherwise, and by POST: the kept answer, byte for byte
        for (HttpResponse<String> again : new HttpResponse[] {get(COUNT, "text/csv", null), get(COUNT_AGAIN, "text/csv", null),
                post(COUNT_AGAIN, "text/csv; q=0.9, application/xml; q=0.1")}) {
            assertEquals(200, again.statusCode(), again.body());
            assertEquals("hit", cache(again), again.headers().map().toString());
            assertEquals(tag, etag(again));
            assertEquals(first.body(), again.body());
            assertTrue(again.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), again.headers().map().toString());
            // Fuseki's no-store would forbid a browser or CDN to keep it and revalidate it with the ETag
            assertEquals(List.of("no-cache"), again.headers().allValues("Cache-Control"));
            assertTrue(again.headers().firstValue("Pragma").isEmpty(), again.headers().map().toString());
            assertTrue(again.headers().firstValue("Vary").orElse("").contains("Accept"), again.headers().map().toString());
        }
        // a form POST and a HEAD find it too
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(endpoint)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/csv").POST(BodyPublishers.ofString("query=" + URLEncoder.encode(COUNT, StandardCharsets.UTF_8))).build(),
                BodyHandlers.ofString());
        assertEquals("hit", cache(form));
        assertEquals(first.body(), form.body());
        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(endpoint + "?query=" + URLEncoder.encode(COUNT, StandardCharsets.UTF_8)))
                .header("Accept", "text/csv").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), BodyHandlers.discarding());
        assertEquals(200, head.statusCode());
        assertEquals("hit", cache(head));
        assertEquals(tag, etag(head));
        assertEquals(Long.toString(first.body().getBytes(StandardCharsets.UTF_8).length), head.headers().firstValue("Content-Length").orElse(""));

        HttpResponse<String> notModified = get(COUNT_AGAIN, "text/csv", tag);
        assertEquals(304, notModified.statusCode());
        assertEquals(tag, etag(notModified));
        assertEquals("", notModified.body());

        // another format is another answer, with its own tag
        HttpResponse<String> json = get(COUNT, "application/sparql-results+json", tag);
        assertEquals(200, json.statusCode());
        assertEquals("miss", cache(json));
        assertNotEquals(tag, etag(json));
        assertTrue(json.body().contains("\"" + milestones + "\""), json.body());
    }

    @Test
    void anUpdateIsNeverFollowedByTheOldAnswer() throws Exception {
        start(IbcrServer.DEFAULT_RESULT_CACHE);
        HttpResponse<String> before = get(COUNT, "text/csv", null);
        assertEquals("hit", cache(get(COUNT, "text/csv", null)));
        long count = Long.parseLong(before.body().lines().skip(1).findFirst().orElseThrow().strip());

        String insert = "INSERT DATA { GRAPH <https://w3id.org/ibcr/graph/data> { <urn:x-test:m> a <" + MILESTONE + "> } }";
        HttpResponse<String> update = http.send(HttpRequest.newBuilder(URI.create(endpoint.replace("/sparql", "/update")))
                .header("Content-Type", "application/sparql-update")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:s3cret".getBytes(StandardCharsets.UTF_8)))
                .POST(BodyPublishers.ofString(insert)).build(), BodyHandlers.ofString());
        assertTrue(update.statusCode() / 100 == 2, update.statusCode() + " " + update.body());

        HttpResponse<String> after = get(COUNT, "text/csv", etag(before));
        assertEquals(200, after.statusCode(), "the client's copy is of the old data: no 304");
        assertEquals("miss", cache(after));
        assertEquals(count + 1, Long.parseLong(after.body().lines().skip(1).findFirst().orElseThrow().strip()), after.body());
        assertNotEquals(etag(before), etag(after));
        assertEquals("hit", cache(get(COUNT, "text/csv", null)));
    }

    @Test
    void queriesThatCallTheClockOrChanceAreRunEveryTime() throws Exception {
        start(IbcrServer.DEFAULT_RESULT_CACHE);
        for (String query : new String[] {"SELECT (RAND() AS ?r) {}", "SELECT ?r { BIND(STRUUID() AS ?r) }",
                "SELECT (NOW() AS ?t) (SHA256(STR(?m)) AS ?x) { ?m a <" + MILESTONE + "> } LIMIT 1",
                "SELECT ?m { ?m a <" + MILESTONE + "> FILTER EXISTS { BIND(UUID() AS ?u) } } LIMIT 1",
                "SELECT (SAMPLE(BNODE()) AS ?b) {}",
                "SELECT ?t { BIND(<http://jena.apache.org/ARQ/function#now>() AS ?t) }"}) {
            HttpResponse<String> one = get(query, "application/sparql-results+json", null);
            HttpResponse<String> two = get(query, "application/sparql-results+json", null);
            assertEquals(200, one.statusCode(), query + "\n" + one.body());
            assertEquals("pass", cache(one), query);
            assertEquals("pass", cache(two), query);
            assertNull(etag(two), query);
        }
        // the answers really change: a kept one would not
        assertNotEquals(get("SELECT (RAND() AS ?r) {}", "text/csv", null).body(), get("SELECT (RAND() AS ?r) {}", "text/csv", null).body());
        // a name in a string is no call
        String literal = "SELECT ?x { BIND(\"NOW() RAND()\" AS ?x) }";
        get(literal, "text/csv", null);
        assertEquals("hit", cache(get(literal, "text/csv", null)));
    }

    @Test
    void anAnswerOverTheBoundIsNotKeptAndOneUnderItIs() throws Exception {
        start(256 << 10); // answers up to 16 KiB are kept
        String everything = "SELECT * { ?s ?p ?o }";
        HttpResponse<String> big = get(everything, "text/csv", null);
        assertEquals(200, big.statusCode());
        assertTrue(big.body().length() > 16 << 10, "the answer is " + big.body().length() + " characters");
        HttpResponse<String> bigAgain = get(everything, "text/csv", null);
        assertEquals("miss", cache(bigAgain));
        assertNull(etag(bigAgain));
        assertEquals(big.body(), bigAgain.body(), "an answer too large to keep still streams whole");
        get(COUNT, "text/csv", null);
        assertEquals("hit", cache(get(COUNT, "text/csv", null)));
    }

    @Test
    void aFailedQueryIsNotKept() throws Exception {
        start(IbcrServer.DEFAULT_RESULT_CACHE, Duration.ofSeconds(2));
        // a time-limited query: 503 each time, never a kept answer
        String slow = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
        HttpResponse<String> one = get(slow, "text/csv", null);
        assertEquals(503, one.statusCode(), one.body());
        HttpResponse<String> two = get(slow, "text/csv", null);
        assertEquals(503, two.statusCode(), two.body());
        assertEquals("miss", cache(two));
        // a query that does not parse: Fuseki's 400, untouched
        HttpResponse<String> bad = get("SELECT WHERE {", "text/csv", null);
        assertEquals(400, bad.statusCode());
        assertFalse(bad.headers().firstValue("X-Cache").isPresent());
        // two queries in one request: Fuseki judges it, nothing is kept under either
        String q = "query=" + URLEncoder.encode(COUNT, StandardCharsets.UTF_8);
        HttpResponse<String> twice = http.send(HttpRequest.newBuilder(URI.create(endpoint + "?" + q + "&" + q.replace("Milestone", "Work")))
                .header("Accept", "text/csv").build(), BodyHandlers.ofString());
        assertFalse(twice.headers().firstValue("X-Cache").isPresent(), twice.statusCode() + " " + twice.headers().map());
    }

    @Test
    void aSizeOfZeroTurnsItOff() throws Exception {
        start(0);
        get(COUNT, "text/csv", null);
        HttpResponse<String> again = get(COUNT, "text/csv", null);
        assertEquals(200, again.statusCode());
        assertNull(cache(again));
    }
}
