package org.ibcr.kg.publish.site;

import java.time.Instant;
import java.util.Objects;

import org.apache.jena.sparql.core.DatasetGraph;
import org.ibcr.kg.store.VersionLog;

/**
 * The version of the served data: the number of the newest version in its {@link VersionLog}, which moves on every
 * committed write that changes the data (SPARQL Update, Graph Store Protocol writes, a load into the same store), so
 * what was computed from the data knows when it is stale. It is read before the data, so a result kept under a
 * version was computed from that data or newer. A dataset without a log is served through {@link #watched}, which
 * records its writes in memory from then on. For a dataset that is neither, {@link #tracked()} is false and nothing
 * may be kept.
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

    private DataVersion(VersionLog log) {
        this.log = log;
        this.atStart = log == null ? 0 : log.latestNumber();
    }

    /**
     * The dataset to serve so that its versions are recorded: one that records them already (a {@link
     * org.ibcr.kg.store.TdbStore}'s or a {@link org.ibcr.kg.store.MemoryStore}'s) itself, any other wrapped with a log
     * in memory whose version 1 is its content now (writes that bypass the wrapper go unseen).
     */
    public static DatasetGraph watched(DatasetGraph dataset) {
        Objects.requireNonNull(dataset, "dataset");
        return VersionLog.of(dataset).isPresent() ? dataset : VersionLog.inMemory().recording(dataset);
    }

    /** The version of a dataset from {@link #watched}; any other gives an untracked version. */
    public static DataVersion of(DatasetGraph dataset) {
        Objects.requireNonNull(dataset, "dataset");
        return new DataVersion(VersionLog.of(dataset).orElse(null));
    }

    /** Whether the version moves with every write, so results may be kept for it. */
    public boolean tracked() {
        return log != null;
    }

    /** The log of the versions, or null when untracked. */
    VersionLog log() {
        return log;
    }

    /** The current version: the newest recorded version's number (0 when none, or untracked). */
    public long current() {
        return log == null ? 0 : log.latestNumber();
    }

    /** When the data last changed while served, or null if it has not. */
    Instant changed() {
        if (log == null || log.latestNumber() == atStart) return null;
        return log.latest().map(VersionLog.Version::time).orElse(null);
    }

    /** The later of the data's own modification date and the last write served: what Last-Modified says. */
    Instant lastModified(Instant dataModified) {
        Instant c = changed();
        return c != null && c.isAfter(dataModified) ? c : dataModified;
    }
}
