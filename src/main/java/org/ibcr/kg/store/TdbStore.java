package org.ibcr.kg.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.function.Consumer;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.system.progress.MonitorOutput;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.ibcr.kg.write.AtomicFolder;

/**
 * A persistent Apache Jena TDB2 database holding the graph as named graphs. {@link #create} builds a new
 * database with Jena's fastest loader, in a folder renamed into place only when complete; {@link #replace}
 * swaps graphs of an existing one in one write transaction, writing only the difference. Either way, if anything
 * fails on the way (bad data, a full disk, a killed process), nothing is half done: there is no new database,
 * or the transaction never commits and readers keep the previous graphs. Every change is a version of its
 * {@link VersionLog}, kept in the database's folder ({@code versions/}).
 *
 * <pre>{@code
 * try (TdbStore store = TdbStore.open(Path.of("db"))) {
 *     store.replace(names, out -> quads.forEach(out::quad), MonitorOutput.out());
 * }
 * }</pre>
 */
public final class TdbStore implements AutoCloseable {
    private final DatasetGraph dataset;
    private final Path dir;

    private TdbStore(DatasetGraph dataset, Path dir) {
        this.dataset = dataset;
        this.dir = dir;
    }

    /**
     * The recording of each database open in this process. TDB2 hands out one dataset per folder (until it is
     * expelled); a second log over it would number the same versions twice, so a second open shares the first's.
     */
    private static final Map<DatasetGraph, DatasetGraph> RECORDED = new WeakHashMap<>();

    /** The folder of a database's {@link VersionLog}, inside the database's own folder. */
    public static final String VERSIONS = "versions";

    /**
     * Opens (or creates) the database in {@code dir}. Its default graph is the union of its named graphs. Its
     * versions are kept in {@code dir/versions} ({@link VersionLog}): a database without one gets its content as
     * version 1, and a version left half recorded by a killed process is settled.
     *
     * @throws IllegalStateException when the database and its version log disagree
     */
    public static TdbStore open(Path dir) {
        Objects.requireNonNull(dir, "dir");
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(dir.toString());
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
        try {
            DatasetGraph recorded;
            synchronized (RECORDED) {
                recorded = RECORDED.get(dsg);
                if (recorded == null) {
                    recorded = VersionLog.open(dir.resolve(VERSIONS)).recording(dsg);
                    RECORDED.put(dsg, recorded);
                }
            }
            return new TdbStore(recorded, dir);
        } catch (RuntimeException e) {
            TDBInternal.expel(dsg, true);
            throw e;
        }
    }

    /**
     * Builds a new database in {@code dir} from what {@code producer} writes, with Jena's phased loader (the
     * default of {@code tdb2.tdbloader}: at millions of triples several times faster than a load in one
     * transaction, but not crash-safe on its own). It loads into a folder beside {@code dir} that is renamed to
     * {@code dir} only when the load is complete, so a failed or killed load leaves no database, never a half-built
     * one. What was loaded is version 1 of the database's {@link VersionLog}: its patch is written beside the loader,
     * from the same stream, on another thread ({@link VersionLog#firstVersion}), inside the folder renamed into place.
     *
     * @param dir      where the database goes: a folder that does not exist yet
     * @param producer writes quads to the stream it is given; an exception aborts everything
     * @param progress where Jena's loader reports its progress
     * @return the number of quads loaded
     * @throws java.nio.file.DirectoryNotEmptyException when {@code dir} holds anything, now or when the load ends
     */
    public static long create(Path dir, Consumer<StreamRDF> producer, MonitorOutput progress) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(progress, "progress");
        long[] quads = new long[1];
        AtomicFolder.write(dir, false, folder -> {
            DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(folder.toString());
            Throwable failure = null;
            try {
                DataLoader loader = LoaderFactory.phasedLoader(dsg, progress);
                // Version 1 is the loaded data: its patch is written from the loader's stream as it flows, by a
                // thread of its own, not read back from the database nor held in memory.
                VersionLog.FirstVersion first = VersionLog.firstVersion(folder.resolve(VERSIONS));
                quads[0] = load(loader, producer, first);
                requireEveryIndex(dsg, loader);
                VersionLog.open(folder.resolve(VERSIONS)).recording(dsg); // finds version 1: nothing more to write
            } catch (RuntimeException | Error | IOException e) {
                failure = e;
                throw e;
            } finally {
                try {
                    TDBInternal.expel(dsg, failure != null); // closes its files, so the folder can be renamed or deleted
                } catch (RuntimeException e) {
                    if (failure == null) throw e;
                    failure.addSuppressed(e);
                }
            }
        });
        return quads[0];
    }

    /**
     * The phased loader fills each index on a thread of its own, in a transaction of its own, and only logs a
     * failure there (a full disk, say): the index is then left empty and the load seems to succeed. A new database
     * whose loader saw quads must have every quad index filled, or it is not published.
     */
    private static void requireEveryIndex(DatasetGraph dsg, DataLoader loader) {
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(dsg);
        Txn.executeRead(dsg, () -> {
            check(tdb.getQuadTable().getNodeTupleTable().getTupleTable().getIndexes(), loader.countQuads());
            check(tdb.getTripleTable().getNodeTupleTable().getTupleTable().getIndexes(), loader.countTriples());
        });
    }

    private static void check(TupleIndex[] indexes, long loaded) {
        if (loaded == 0) return;
        for (TupleIndex index : indexes) {
            if (index.isEmpty()) {
                throw new IllegalStateException("the TDB2 loader failed to fill index " + index.getName()
                        + " (see the error it logged above); no database was written");
            }
        }
    }

    /** An in-memory TDB2 database: the same behaviour as on disk, gone when the process ends (its versions too). */
    public static TdbStore inMemory() {
        DatasetGraph dsg = DatabaseMgr.createDatasetGraph();
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
        return new TdbStore(VersionLog.inMemory().recording(dsg), null);
    }

    /** The database, recording every committed change as a version ({@link VersionLog#of}). */
    public DatasetGraph dataset() {
        return dataset;
    }

    /** The versions of the database. */
    public VersionLog versions() {
        return VersionLog.of(dataset).orElseThrow();
    }

    /**
     * Replaces the named graphs {@code names} with what {@code producer} writes, all in one transaction, recorded as
     * one version (the difference: quads written again are no change).
     *
     * @param names    graphs to empty first (the producer writes their new contents as quads)
     * @param producer writes quads to the stream it is given; an exception aborts everything
     * @param progress where progress is reported
     * @return the number of quads loaded
     */
    public long replace(Collection<Node> names, Consumer<StreamRDF> producer, MonitorOutput progress) {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(progress, "progress");
        List<Node> graphs = List.copyOf(names);
        return Txn.calculateWrite(dataset, () -> {
            for (Node g : graphs) dataset.removeGraph(g);
            long[] quads = new long[1];
            StreamRDF out = new StreamRDFBase() {
                @Override
                public void quad(Quad quad) {
                    dataset.add(quad);
                    if (++quads[0] % 100_000 == 0) progress.print("Loaded %,d quads", quads[0]);
                }
            };
            producer.accept(out);
            return quads[0];
        });
    }

    /**
     * Replaces, in one transaction, every named graph of {@code graphs} with its contents there, by removing what
     * is no longer there and adding what is new: the version recorded, and the work done, is the difference.
     *
     * @return the number of quads in {@code graphs}
     */
    public long replaceGraphs(DatasetGraph graphs, MonitorOutput progress) {
        Objects.requireNonNull(graphs, "graphs");
        Objects.requireNonNull(progress, "progress");
        List<Node> names = new java.util.ArrayList<>();
        graphs.listGraphNodes().forEachRemaining(names::add);
        DatasetGraph base = ((DatasetGraphWrapper) dataset).getWrapped();
        return Txn.calculateWrite(dataset, () -> {
            long total = 0;
            for (Node name : names) {
                Graph now = base.getGraph(name);
                Graph next = graphs.getGraph(name);
                List<Triple> gone = new java.util.ArrayList<>();
                now.find().forEachRemaining(t -> {
                    if (!next.contains(t)) gone.add(t);
                });
                for (Triple t : gone) dataset.delete(name, t.getSubject(), t.getPredicate(), t.getObject());
                long[] added = new long[1];
                next.find().forEachRemaining(t -> {
                    if (!now.contains(t)) {
                        dataset.add(name, t.getSubject(), t.getPredicate(), t.getObject());
                        added[0]++;
                    }
                });
                total += next.size();
                progress.print("Graph %s: %,d triples, %,d added, %,d removed", name.getURI(), next.size(), added[0], gone.size());
            }
            return total;
        });
    }

    private static long load(DataLoader loader, Consumer<StreamRDF> producer, VersionLog.FirstVersion first) throws IOException {
        loader.startBulk();
        try {
            StreamRDF stream = new StreamRDFWrapper(loader.stream()) {
                @Override
                public void quad(Quad quad) {
                    first.add(quad);
                    super.quad(quad);
                }

                @Override
                public void triple(Triple triple) {
                    first.add(triple);
                    super.triple(triple);
                }
            };
            stream.start();
            producer.accept(stream);
            stream.finish();
            loader.finishBulk(); // the indexes are built while the patch's writer catches up
        } catch (RuntimeException | Error e) {
            first.abort();
            loader.finishException(e instanceof Exception ex ? ex : new RuntimeException(e));
            throw e;
        }
        first.complete();
        return loader.countQuads();
    }

    /** The number of quads in a named graph, read in its own transaction. */
    public long size(Node graph) {
        return Txn.calculateRead(dataset, () -> dataset.getGraph(graph).size());
    }

    @Override
    public void close() {
        dataset.close();
    }
}
