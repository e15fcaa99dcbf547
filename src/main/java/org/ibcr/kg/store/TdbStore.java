package org.ibcr.kg.store;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.apache.jena.graph.Node;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.system.progress.MonitorOutput;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;

/**
 * A persistent Apache Jena TDB2 database holding the graph as named graphs. {@link #replace} swaps
 * graphs in one write transaction with Jena's own loader: if anything fails on the way (bad data, a
 * full disk, a killed process), the transaction never commits and readers keep the previous graphs.
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

    /** Opens (or creates) the database in {@code dir}. Its default graph is the union of its named graphs. */
    public static TdbStore open(Path dir) {
        Objects.requireNonNull(dir, "dir");
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(dir.toString());
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
        return new TdbStore(dsg, dir);
    }

    /** An in-memory TDB2 database: the same behaviour as on disk, gone when the process ends. */
    public static TdbStore inMemory() {
        DatasetGraph dsg = DatabaseMgr.createDatasetGraph();
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
        return new TdbStore(dsg, null);
    }

    public DatasetGraph dataset() {
        return dataset;
    }

    /**
     * Replaces the named graphs {@code names} with what {@code producer} writes, all in one transaction.
     *
     * @param names    graphs to empty first (the producer writes their new contents as quads)
     * @param producer writes quads to the stream it is given; an exception aborts everything
     * @param progress where Jena's loader reports its progress
     * @return the number of quads loaded
     */
    public long replace(Collection<Node> names, Consumer<StreamRDF> producer, MonitorOutput progress) {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(progress, "progress");
        List<Node> graphs = List.copyOf(names);
        // The basic loader loads inside one write transaction (the parallel one does not), so a failure aborts.
        DataLoader loader = LoaderFactory.basicLoader(dataset, progress);
        loader.startBulk();
        try {
            for (Node g : graphs) dataset.removeGraph(g);
            StreamRDF stream = loader.stream();
            stream.start();
            producer.accept(stream);
            stream.finish();
            loader.finishBulk();
        } catch (RuntimeException | Error e) {
            loader.finishException(e instanceof Exception ex ? ex : new RuntimeException(e));
            throw e;
        }
        return loader.countQuads();
    }

    /** Replaces, in one transaction, every named graph of {@code graphs} with its contents there. */
    public long replaceGraphs(DatasetGraph graphs, MonitorOutput progress) {
        Objects.requireNonNull(graphs, "graphs");
        List<Node> names = new java.util.ArrayList<>();
        graphs.listGraphNodes().forEachRemaining(names::add);
        return replace(names, out -> graphs.find().forEachRemaining(out::quad), progress);
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
