package org.ibcr.kg.publish.site;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.jena.graph.Node;
import org.apache.jena.query.ReadWrite;
import org.apache.jena.query.TxnType;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.ibcr.kg.store.MemoryStore;
import org.ibcr.kg.store.SparqlStore;

/**
 * The graphs of a remote SPARQL store, as the site reads them: a copy in memory of the version the store holds,
 * read again whenever the store's version moves (polled), so pages, data documents, dumps and graph files are
 * computed from one whole version and kept for it ({@link DataVersion}). Last-Modified is the later of the data's own
 * date and the time the version was loaded into the store, the same on every server over that store. A transaction reads the copy that was current
 * when it began, to its end, while a newer one may replace it for the transactions after. Read only: the store is
 * written by {@code ibcr-kg load --endpoint}, never through the site.
 *
 * <pre>{@code
 * StoreMirror mirror = StoreMirror.open(SparqlStore.of(url), Duration.ofSeconds(5), System.err::println);
 * FusekiServer server = IbcrServer.create().store(store, mirror).build();
 * }</pre>
 */
public final class StoreMirror extends DatasetGraphWrapper implements AutoCloseable {
    private final SparqlStore store;
    private final DataVersion version = DataVersion.ofCopies();
    private final ThreadLocal<DatasetGraph> pinned = new ThreadLocal<>();
    private final ScheduledExecutorService poller;
    private final Consumer<String> log;
    private volatile DatasetGraph current;
    private volatile SparqlStore.Version seen;

    private StoreMirror(SparqlStore store, SparqlStore.Version first, DatasetGraph copy, Consumer<String> log) {
        super(copy);
        this.store = store;
        this.seen = first;
        this.current = copy;
        this.log = log;
        first.loaded().ifPresent(version::loadedAt);
        this.poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "ibcr-kg store poll");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Reads the store's current version and polls it every {@code every}. A store without version (a load under way
     * removes it until it is complete) is waited for, at most {@link #WAIT_FOR_LOAD}.
     *
     * @param log told when a new version is taken and when a poll fails (the last copy is served meanwhile)
     * @throws IllegalStateException when the store holds no version: it was not filled by {@code ibcr-kg load --endpoint}
     */
    public static StoreMirror open(SparqlStore store, Duration every, Consumer<String> log) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(log, "log");
        if (every.isNegative() || every.isZero()) throw new IllegalArgumentException("the poll interval must be positive");
        SparqlStore.Version first = firstVersion(store, log);
        DatasetGraph copy = consistentCopy(store, first);
        StoreMirror mirror = new StoreMirror(store, first, copy, log);
        long ms = every.toMillis();
        mirror.poller.scheduleWithFixedDelay(mirror::poll, ms, ms, TimeUnit.MILLISECONDS);
        return mirror;
    }

    /** How long a starting server waits for a version that a load under way has removed. */
    static final Duration WAIT_FOR_LOAD = Duration.ofSeconds(30);

    private static SparqlStore.Version firstVersion(SparqlStore store, Consumer<String> log) {
        long deadline = System.nanoTime() + WAIT_FOR_LOAD.toNanos();
        Optional<SparqlStore.Version> v = store.version();
        if (v.isEmpty()) log.accept("The store at " + store.queryEndpoint() + " holds no version yet (a load under way?): waiting");
        while (v.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            v = store.version();
        }
        return v.orElseThrow(() -> new IllegalStateException("the store at " + store.queryEndpoint()
                + " holds no IBCR data version (no graph .../" + SparqlStore.VERSION_GRAPH + ", also after "
                + WAIT_FOR_LOAD.toSeconds() + " s): fill it with 'ibcr-kg load --endpoint GSP-URL'"));
    }

    /** The version last read, with the graphs that hold it. */
    public SparqlStore.Version storeVersion() {
        return seen;
    }

    /** The named graphs of the version last read, for queries sent on to the store. */
    public List<Node> graphs() {
        return seen.graphs();
    }

    DataVersion version() {
        return version;
    }

    /** Checks the store's version now; a new one is copied and served from then on. */
    public void poll() {
        try {
            Optional<SparqlStore.Version> now = store.version();
            if (now.isEmpty() || now.get().equals(seen)) return;
            DatasetGraph copy = consistentCopy(store, now.get());
            current = copy;
            seen = now.get();
            version.advance(now.get().loaded().orElseGet(java.time.Instant::now));
            log.accept("Serving version " + now.get().tag() + " of " + store.queryEndpoint());
        } catch (RuntimeException e) {
            log.accept("Polling " + store.queryEndpoint() + " failed (" + e.getMessage() + "); serving version " + seen.tag());
        }
    }

    /** A copy of the graphs of {@code v}, read again while a load moved the version during the reading. */
    private static DatasetGraph consistentCopy(SparqlStore store, SparqlStore.Version v) {
        for (int attempt = 0; attempt < 5; attempt++) {
            DatasetGraph copy = store.copy(v);
            Optional<SparqlStore.Version> after = store.version();
            if (after.isPresent() && after.get().equals(v)) return MemoryStore.copyOf(copy);
            if (after.isEmpty()) break;
            v = after.get();
        }
        throw new IllegalStateException("the store at " + store.queryEndpoint() + " kept changing while it was read");
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }

    // The copy a transaction began on, to its end; outside a transaction the current one.

    @Override
    protected DatasetGraph get() {
        DatasetGraph p = pinned.get();
        return p != null ? p : current;
    }

    @Override
    protected DatasetGraph getR() {
        return get();
    }

    @Override
    protected DatasetGraph getW() {
        return get();
    }

    @Override
    protected DatasetGraph getT() {
        return get();
    }

    @Override
    public void begin(TxnType type) {
        if (type != TxnType.READ) throw new UnsupportedOperationException("the copy of a remote store is read only");
        DatasetGraph d = current;
        d.begin(type);
        pinned.set(d);
    }

    @Override
    public void begin(ReadWrite mode) {
        begin(TxnType.convert(mode));
    }

    @Override
    public void begin() {
        begin(TxnType.READ);
    }

    @Override
    public void commit() {
        get().commit();
        pinned.remove();
    }

    @Override
    public void abort() {
        get().abort();
        pinned.remove();
    }

    @Override
    public void end() {
        DatasetGraph d = pinned.get();
        if (d == null) return;
        try {
            d.end();
        } finally {
            pinned.remove();
        }
    }

    @Override
    public boolean isInTransaction() {
        return pinned.get() != null;
    }
}
