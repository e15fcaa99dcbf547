package org.ibcr.kg.publish;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.jena.dboe.transaction.txn.Transaction;
import org.apache.jena.dboe.transaction.txn.TransactionListener;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * The version of the served data: it moves on every committed write transaction of the TDB2 store (SPARQL
 * Update, Graph Store Protocol writes, a load into the same store), so what was computed from the data knows
 * when it is stale. It is read before the data, so a result kept under a version was computed from that data
 * or newer. Only TDB2 stores tell of their commits: for any other dataset {@link #tracked()} is false and
 * nothing may be kept.
 *
 * <pre>{@code
 * DataVersion version = DataVersion.of(store.dataset());
 * long before = version.current();
 * }</pre>
 */
final class DataVersion {
    private final boolean tracked;
    private final AtomicLong version = new AtomicLong();
    private volatile Instant changed;

    private DataVersion(boolean tracked) {
        this.tracked = tracked;
    }

    /** Watches the commits of a TDB2 dataset; any other dataset gives an untracked version. */
    static DataVersion of(DatasetGraph dataset) {
        Objects.requireNonNull(dataset, "dataset");
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

    private void advance() {
        changed = Instant.now();
        version.incrementAndGet();
    }
}
