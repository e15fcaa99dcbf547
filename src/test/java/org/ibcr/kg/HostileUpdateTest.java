package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.jena.fuseki.main.FusekiServer;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.publish.LoadPolicy;
import org.ibcr.kg.store.TdbStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The update endpoint with valid credentials (issue 15, class 5): LOAD reads no file outside the folder the server
 * names and fetches no URL unless allowed, and its errors quote nothing of a refused source; wrong passwords are
 * met by 429 after a burst; malformed credentials are a 400; CLEAR of a graph that does not exist is a 400.
 */
class HostileUpdateTest {
    private static final String SECRET = "urn:x-test:secret-value-8c41";
    private static final String GOOD = "urn:x-test:loaded-value-5d2e";
    private static final String USER = basic("admin", "s3cret");

    @TempDir
    static Path root;
    private static Path loadDir;
    private static Path secret;
    private static TdbStore store;
    private static FusekiServer server;
    private static HttpClient http;
    private static ServerSocket trap;
    private static final AtomicInteger trapped = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        loadDir = Files.createDirectories(root.resolve("imports"));
        Files.writeString(loadDir.resolve("good.ttl"), "<urn:x-test:s> <urn:x-test:p> \"" + GOOD + "\" .\n");
        secret = root.resolve("secret.ttl");
        Files.writeString(secret, "<urn:x-test:s> <urn:x-test:p> \"" + SECRET + "\" .\n");
        Files.writeString(root.resolve("secret.txt"), "not turtle at all " + SECRET + "\n");
        Files.createSymbolicLink(loadDir.resolve("link.ttl"), secret);
        Path passwd = root.resolve("passwd.txt");
        Files.writeString(passwd, "admin: s3cret\n", StandardCharsets.UTF_8);
        store = BundledStore.open();
        server = IbcrServer.create().port(0).dataset(store.dataset()).updatesFor(passwd)
                .loadPolicy(LoadPolicy.of(loadDir, false)).build().start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        trap = new ServerSocket(0);
        Thread watcher = new Thread(() -> {
            while (!trap.isClosed()) {
                try (Socket s = trap.accept()) {
                    trapped.incrementAndGet();
                } catch (IOException e) {
                    // closed
                }
            }
        }, "load-trap");
        watcher.setDaemon(true);
        watcher.start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) server.stop();
        if (store != null) store.close();
        if (trap != null) trap.close();
    }

    @Test
    void loadFromFilesOutsideTheFolderIsRefusedWithoutReadingThem() throws Exception {
        List<String> sources = List.of("file:///etc/passwd", secret.toUri().toString(), root.resolve("secret.txt").toUri().toString(),
                loadDir.toUri() + "../secret.ttl", loadDir.resolve("link.ttl").toUri().toString(), loadDir.resolve("missing.ttl").toUri().toString(),
                "ftp://127.0.0.1:" + trap.getLocalPort() + "/x.ttl", "jar:file:///etc/passwd!/x");
        for (String source : sources) {
            for (String silent : List.of("", "SILENT ")) {
                HttpResponse<String> r = update(server, USER, "LOAD " + silent + "<" + source + "> INTO GRAPH <urn:x-test:g>");
                assertEquals(400, r.statusCode(), source + ": " + r.body());
                assertTrue(r.body().contains("refused"), source + ": the refusal says why: " + r.body());
                assertFalse(r.body().contains("root:") || r.body().contains(SECRET), source + ": the answer quotes the file: " + r.body());
            }
        }
        assertEquals("false", ask(server, "ASK { GRAPH ?g { ?s ?p \"" + SECRET + "\" } }"), "nothing of a refused file was loaded");
    }

    @Test
    void loadFromAFileInsideTheFolderWorks() throws Exception {
        HttpResponse<String> r = update(server, USER, "LOAD <" + loadDir.resolve("good.ttl").toUri() + "> INTO GRAPH <urn:x-test:good>");
        assertEquals(204, r.statusCode() == 200 ? 204 : r.statusCode(), r.body());
        assertEquals("true", ask(server, "ASK { GRAPH <urn:x-test:good> { ?s ?p \"" + GOOD + "\" } }"));
    }

    @Test
    void loadFromTheNetworkIsRefusedWithoutConnecting() throws Exception {
        for (String source : List.of("http://127.0.0.1:" + trap.getLocalPort() + "/data.ttl", "https://127.0.0.1:" + trap.getLocalPort() + "/data.ttl")) {
            for (String silent : List.of("", "SILENT ")) {
                HttpResponse<String> r = update(server, USER, "LOAD " + silent + "<" + source + ">");
                assertEquals(400, r.statusCode(), source + ": " + r.body());
            }
        }
        Thread.sleep(300);
        assertEquals(0, trapped.get(), "the server connected to the listener");
    }

    @Test
    void clearingAGraphThatDoesNotExistIsAClientError() throws Exception {
        for (String op : List.of("CLEAR GRAPH <urn:x-test:nowhere>")) {
            HttpResponse<String> r = update(server, USER, op);
            assertEquals(400, r.statusCode(), op + ": " + r.body());
            assertTrue(r.body().contains("urn:x-test:nowhere"), op + ": the message names the graph: " + r.body());
        }
        HttpResponse<String> r = update(server, USER, "CLEAR DEFAULT");
        assertTrue(r.statusCode() < 500, "CLEAR DEFAULT: " + r.statusCode() + " " + r.body());
    }

    @Test
    void malformedCredentialsAreABadRequest() throws Exception {
        for (String credentials : List.of("Basic !!!", "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)), "Basic")) {
            HttpResponse<String> r = update(server, credentials, "CLEAR SILENT GRAPH <urn:x-test:g>");
            assertEquals(400, r.statusCode(), credentials + ": " + r.body());
            assertFalse(r.body().contains("java.lang"), r.body());
        }
    }

    /** A burst of wrong passwords: 401 at first, then 429 with Retry-After, even for the right password, from that address. */
    @Test
    void aBurstOfWrongPasswordsIsMetBy429() throws Exception {
        Path passwd = root.resolve("passwd-burst.txt");
        Files.writeString(passwd, "admin: s3cret\n", StandardCharsets.UTF_8);
        TdbStore ownStore = TdbStore.inMemory();
        ownStore.replaceGraphs(GraphBuild.from(CsvHistory.open(Path.of("data"))).build().dataset(), (fmt, args) -> {});
        FusekiServer own = IbcrServer.create().port(0).dataset(ownStore.dataset()).updatesFor(passwd).build().start();
        try {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 50; i++) statuses.add(update(own, basic("admin", "guess" + i), "CLEAR SILENT GRAPH <urn:x-test:g>").statusCode());
            assertEquals(401, statuses.get(0), statuses.toString());
            int first429 = statuses.indexOf(429);
            assertTrue(first429 > 0 && first429 <= 20, "429 after a few failures: " + statuses);
            assertTrue(statuses.subList(first429, statuses.size()).stream().allMatch(s -> s == 429), statuses.toString());
            HttpResponse<String> right = update(own, USER, "CLEAR SILENT GRAPH <urn:x-test:g>");
            assertEquals(429, right.statusCode(), "locked out: the password is not even checked");
            String retry = right.headers().firstValue("Retry-After").orElse("");
            assertTrue(retry.matches("\\d+") && Long.parseLong(retry) >= 1, "Retry-After: " + retry);
        } finally {
            own.stop();
            ownStore.close();
        }
    }

    private static HttpResponse<String> update(FusekiServer target, String credentials, String update) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.getHttpPort() + IbcrServer.DATASET + "/update"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/sparql-update")
                .POST(BodyPublishers.ofString(update));
        if (credentials != null) b.header("Authorization", credentials);
        return http.send(b.build(), BodyHandlers.ofString());
    }

    private static String ask(FusekiServer target, String query) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.getHttpPort() + IbcrServer.DATASET + "/sparql"))
                .header("Content-Type", "application/sparql-query").header("Accept", "application/sparql-results+json")
                .POST(BodyPublishers.ofString(query)).build(), BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body().replaceAll("\\s", "").contains("\"boolean\":true") ? "true" : "false";
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
