package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.ibcr.kg.pipeline.BuiltGraph;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.store.TdbStore;

/** What server tests share: the bundled data in an in-memory TDB2 store, and an HTTP/1.1 client for it. */
public final class BundledStore {
    private BundledStore() {}

    /** An in-memory TDB2 store holding the graphs converted from {@code data/}; the caller closes it. */
    public static TdbStore open() {
        return open(build());
    }

    /** The graphs converted from {@code data/}. */
    public static BuiltGraph build() {
        return GraphBuild.from(CsvHistory.open(Path.of("data"))).build();
    }

    /** An in-memory TDB2 store holding {@code built}'s graphs; the caller closes it. */
    public static TdbStore open(BuiltGraph built) {
        TdbStore store = TdbStore.inMemory();
        store.replaceGraphs(built.dataset(), (fmt, args) -> {});
        return store;
    }

    /**
     * An authorised SPARQL update sent as a form to {@code base}'s update endpoint, as the tests' {@code admin:s3cret}
     * (the password file they start the server with); the test fails unless it is answered 2xx.
     */
    public static HttpResponse<String> update(HttpClient http, String base, String update) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/ibcr/update"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:s3cret".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("update=" + URLEncoder.encode(update, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(2, r.statusCode() / 100, "the update: " + r.body());
        return r;
    }

    /** An HTTP/1.1 client (so responses are read as a browser's connection reads them) with the given redirects. */
    public static HttpClient client(HttpClient.Redirect redirects) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(redirects).build();
    }
}
