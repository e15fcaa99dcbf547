package org.ibcr.kg.store;

import java.util.Objects;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sparql.core.DatasetGraphWrapperView;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;

/**
 * The graph held in memory for serving: Jena's transactional in-memory dataset (serializable writes, readers
 * never blocked), whose default graph is the union of its named graphs, as in a {@link TdbStore}. Filling it
 * costs a fraction of filling an in-memory TDB2 database (which copies a block on every access), so a server
 * that converts its data at start-up answers sooner. Its versions are kept in memory ({@link VersionLog}): the copy
 * is version 1, and every committed change after it another.
 *
 * <pre>{@code
 * DatasetGraph served = MemoryStore.copyOf(built.dataset());
 * FusekiServer server = IbcrServer.create().dataset(served).build().start();
 * }</pre>
 */
public final class MemoryStore {
    private MemoryStore() {}

    /** A new in-memory dataset holding the named graphs of {@code graphs}, filled in one transaction. */
    public static DatasetGraph copyOf(DatasetGraph graphs) {
        Objects.requireNonNull(graphs, "graphs");
        DatasetGraph served = VersionLog.inMemory().recording(new UnionDefault(DatasetGraphFactory.createTxnMem()));
        Txn.executeWrite(served, () -> graphs.listGraphNodes().forEachRemaining(name ->
                graphs.getGraph(name).find().forEachRemaining(t -> served.add(new Quad(name, t)))));
        return served;
    }

    /**
     * The dataset with the union of its named graphs as default graph, for queries, the Graph Store Protocol and
     * pages alike. A view (so ARQ queries it rather than the dataset beneath); quads written to the default graph
     * by name are kept apart, as TDB2 does with its union default graph.
     */
    private static final class UnionDefault extends DatasetGraphWrapper implements DatasetGraphWrapperView {
        UnionDefault(DatasetGraph base) {
            super(base);
        }

        @Override
        public Graph getDefaultGraph() {
            return getUnionGraph();
        }

        @Override
        public Graph getGraph(Node graphNode) {
            return Quad.isDefaultGraph(graphNode) ? getUnionGraph() : super.getGraph(graphNode);
        }
    }
}
