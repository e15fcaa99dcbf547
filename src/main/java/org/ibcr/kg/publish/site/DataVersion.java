package org.ibcr.kg.publish.site;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.jena.sparql.core.DatasetGraph;
import org.ibcr.kg.store.VersionLog;

/**
 * The version of the served data: the number of the newest version in its {@link VersionLog}, which moves on every
 * committed write that changes the data (SPARQL Update, Graph Store Protocol writes, a load into the same store), so
 * what was computed from the data knows when it is stale. It is read before the data, so a result kept under a
 * version was computed from that data or newer. A dataset without a log is served through {@link #watched}, which
 * records its writes in memory from then on. Over a remote store ({@link StoreMirror}) the version moves with each
 * new version of the store the mirror copies, and no log is kept. For a dataset that is none of these,
 * {@link #tracked()} is false and nothing may be kept.
 *
 * <pre>{@code
 * DatasetGraph served = DataVersion.watched(dataset);
 * DataVersion version = DataVersion.of(served);
 * long before = version.current();
 * }</pre>
 */
public final class DataVersion {
    private final VersionLog log;
    private final long atStart;
    /** For a remote store's copy: counts the store's versions taken; null otherwise. */
    private final AtomicLong copies;
    private volatile Instant copied;

    private DataVersion(VersionLog log, AtomicLong copies) {
        this.log = log;
        this.atStart = log == null ? 0 : log.latestNumber();
        this.copies = copies;
    }

    /** The version of a {@link StoreMirror}: moved by {@link #advance(Instant)}. */
    static DataVersion ofCopies() {
        return new DataVersion(null, new AtomicLong());
    }

    /**
     * The dataset to serve so that its versions are recorded: one that records them already (a {@link
     * org.ibcr.kg.store.TdbStore}'s or a {@link org.ibcr.kg.store.MemoryStore}'s) or a {@link StoreMirror} itself, any
     * other wrapped with a log in memory whose version 1 is its content now (writes that bypass the wrapper go unseen).
     */
    public static DatasetGraph watched(DatasetGraph dataset) {
        Objects.requireNonNull(dataset, "dataset");
        if (dataset instanceof StoreMirror) return dataset;
        return VersionLog.of(dataset).isPresent() ? dataset : VersionLog.inMemory().recording(dataset);
    }

    /** The version of a dataset from {@link #watched}; any other gives an untracked version. */
    public static DataVersion of(DatasetGraph dataset) {
        Objects.requireNonNull(dataset, "dataset");
        if (dataset instanceof StoreMirror mirror) return mirror.version(); // moves with the remote store's version
        return new DataVersion(VersionLog.of(dataset).orElse(null), null);
    }

    /** Whether the version moves with every write, so results may be kept for it. */
    public boolean tracked() {
        return log != null || copies != null;
    }

    /** The log of the versions, or null when untracked or over a remote store. */
    VersionLog log() {
        return log;
    }

    /** The current version: the newest recorded version's number (0 when none, or untracked). */
    public long current() {
        if (copies != null) return copies.get();
        return log == null ? 0 : log.latestNumber();
    }

    /** When the data last changed while served, or null if it has not. */
    Instant changed() {
        if (copies != null) return copied;
        if (log == null || log.latestNumber() == atStart) return null;
        return log.latest().map(VersionLog.Version::time).orElse(null);
    }

    /** The later of the data's own modification date and the last write served: what Last-Modified says. */
    Instant lastModified(Instant dataModified) {
        Instant c = changed();
        return c != null && c.isAfter(dataModified) ? c : dataModified;
    }

    /** A remote store's new version, loaded into it at {@code when}, is served from now on (see StoreMirror). */
    void advance(Instant when) {
        copied = when;
        copies.incrementAndGet();
    }

    /** The remote store's version served first was loaded at {@code when}, not a write while served. */
    void loadedAt(Instant when) {
        copied = when;
    }
}
