package org.ibcr.kg.bench;

import java.nio.file.Path;

import org.ibcr.kg.publish.SearchIndex;
import org.ibcr.kg.store.TdbStore;

/**
 * The search index built once from a TDB2 database, as a server builds it at start-up and after each change: the
 * literals indexed and the milliseconds the build took. Prints {@code literals=N millis=M}.
 *
 * <pre>{@code
 * java -Xmx2g -cp <test classpath> org.ibcr.kg.bench.SearchIndexBuild db/
 * }</pre>
 */
public final class SearchIndexBuild {
    private SearchIndexBuild() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: SearchIndexBuild TDB2-DIR");
            System.exit(2);
        }
        try (TdbStore store = TdbStore.open(Path.of(args[0]))) {
            SearchIndex index = SearchIndex.of(store.dataset());
            int literals = index.size(); // waits for the build
            System.out.println("literals=" + literals + " millis=" + index.buildTime().toMillis());
        }
    }
}
