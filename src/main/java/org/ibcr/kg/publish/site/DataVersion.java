package org.ibcr.kg.publish.site;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.jena.dboe.transaction.txn.Transaction;
import org.apache.jena.dboe.transaction.txn.TransactionListener;
import org.apache.jena.query.ReadWrite;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * The version of the served data: it moves on every committed write transaction (SPARQL Update, Graph Store
 * Protocol writes, a load into the same TDB2 store), so what was computed from the data knows when it is stale.
 * It is read before the data, so a result kept under a version was computed from that data or newer. A TDB2
 * store tells of all its commits; any other dataset is served through {@link #watched}, which counts the
 * commits made through it. For a dataset that is neither, {@link #tracked()} is false and nothing may be kept.
 *
 * <pre>{@code
 * DatasetGraph served = DataVersion.watched(dataset);
 * DataVersion version = DataVersion.of(served);
 * long before = version.current();
 * }</pre>
 */
public final class DataVersion {
    private final boolean tracked;
    private final AtomicLong version = new AtomicLong();
    private volatile Instant changed;

    DataVersion(boolean tracked) {
        this.tracked = tracked;
    }

    /**
     * The dataset to serve so that its version is tracked: a TDB2 dataset itself, any other wrapped so that the
     * write transactions committed through the wrapper move its version (writes that bypass it go unseen).
     */
    public static DatasetGraph watched(DatasetGraph dataset) {
        Objects.requireNonNull(dataset, "dataset");
        return TDBInternal.isTDB2(dataset) || dataset instanceof CommitCounting || dataset instanceof StoreMirror
                ? dataset : new CommitCounting(dataset);
    }

    /** Watches the commits of a TDB2 dataset or of one from {@link #watched}; any other gives an untracked version. */
    static DataVersion of(DatasetGraph dataset) {
        Objects.requireNonNull(dataset, "dataset");
        if (dataset instanceof CommitCounting counting) return counting.version;
        if (dataset instanceof StoreMirror mirror) return mirror.version(); // moves with the remote store's version
        DatasetGraphTDB tdb = TDBInternal.isTDB2(dataset) ? TDBInternal.getDatasetGraphTDB(dataset) : null;
        if (tdb == null) return new DataVersion(false);
        DataVersion v = new DataVersion(true);
        TransactionListener onCommit = new TransactionListener() {
            @Override
            public void notifyCommitFinish(Transaction transaction) {
                if (transaction.isWriteTxn()) v.advance();
            }
        };
        // A started coordinator takes listeners only in exclusive mode: call this outside any transaction.
        var coordinator = tdb.getTxnSystem().getTxnMgr();
        coordinator.modifyConfig(() -> coordinator.addListener(onCommit));
        return v;
    }

    /** Whether the version moves with every write, so results may be kept for it. */
    boolean tracked() {
        return tracked;
    }

    /** The current version; only compare it for equality. */
    long current() {
        return version.get();
    }

    /** When the data last changed while served, or null if it has not. */
    Instant changed() {
        return changed;
    }

    /** The later of the data's own modification date and the last write served: what Last-Modified says. */
    Instant lastModified(Instant dataModified) {
        Instant c = changed;
        return c != null && c.isAfter(dataModified) ? c : dataModified;
    }

    void advance() {
        advance(Instant.now());
    }

    /** The data changed at {@code when}: a remote store's version, loaded then (see StoreMirror). */
    void advance(Instant when) {
        changed = when;
        version.incrementAndGet();
    }

    /** The data served first was loaded at {@code when} (a remote store's version), not a write while served. */
    void loadedAt(Instant when) {
        changed = when;
    }

    /** Not a view: queries see through it to the dataset beneath. */
    private static final class CommitCounting extends DatasetGraphWrapper {
        private final DataVersion version = new DataVersion(true);

        CommitCounting(DatasetGraph base) {
            super(base);
        }

        @Override
        public void commit() {
            boolean write = isInTransaction() && transactionMode() == ReadWrite.WRITE;
            super.commit();
            if (write) version.advance();
        }
    }
}
