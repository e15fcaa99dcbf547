package org.ibcr.kg;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;

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

    /** An HTTP/1.1 client (so responses are read as a browser's connection reads them) with the given redirects. */
    public static HttpClient client(HttpClient.Redirect redirects) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(redirects).build();
    }
}
