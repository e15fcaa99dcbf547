package org.ibcr.kg.publish;

import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.engine.Plan;
import org.apache.jena.sparql.engine.QueryEngineFactory;
import org.apache.jena.sparql.engine.QueryEngineRegistry;
import org.apache.jena.sparql.engine.Timeouts;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.main.QueryEngineMain;
import org.apache.jena.sparql.graph.GraphWrapper;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.sparql.util.Symbol;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.apache.jena.util.iterator.WrappedIterator;

/**
 * A query engine that stops a query at its time limit whatever its shape. Jena 5.6's timeout sets a cancel
 * signal that its query iterators check between rows; some work runs inside one step and never looks at it:
 * the property path engine walks a whole closure (and a closure of closures, for {@code (p*)*}) in one call,
 * so a path query can run for minutes or hours past {@code arq:queryTimeout} (see apache/jena#3535). Every
 * such loop still reads the data with {@code Graph.find}: this engine runs ARQ's general engine over a view of
 * the dataset whose {@code find} and {@code contains} check the query's cancel signal and its deadline, and
 * throw {@link QueryCancelledException} (Fuseki answers 503) once either says stop.
 *
 * <p>It applies only to executions whose context holds {@link #SYMBOL} set to true (the query endpoints of
 * {@link IbcrServer} set it); other queries of the process keep their usual engine.
 *
 * <pre>{@code
 * CancellableQueryEngine.register();
 * context.set(CancellableQueryEngine.SYMBOL, true);
 * }</pre>
 */
public final class CancellableQueryEngine implements QueryEngineFactory {
    /** Context flag that turns this engine on for an execution. */
    public static final Symbol SYMBOL = Symbol.create("https://w3id.org/ibcr/ontology#cancellableQueries");

    private static final CancellableQueryEngine INSTANCE = new CancellableQueryEngine();

    private CancellableQueryEngine() {}

    /** Adds the engine to Jena's registry, once; it takes only executions flagged with {@link #SYMBOL}. */
    public static synchronized void register() {
        if (!QueryEngineRegistry.containsFactory(INSTANCE)) QueryEngineRegistry.addFactory(INSTANCE);
    }

    @Override
    public boolean accept(Query query, DatasetGraph dataset, Context context) {
        return context != null && context.isTrue(SYMBOL);
    }

    @Override
    public Plan create(Query query, DatasetGraph dataset, Binding input, Context context) {
        return QueryEngineMain.getFactory().create(query, guarded(dataset, context), input, context);
    }

    @Override
    public boolean accept(Op op, DatasetGraph dataset, Context context) {
        return context != null && context.isTrue(SYMBOL);
    }

    @Override
    public Plan create(Op op, DatasetGraph dataset, Binding input, Context context) {
        return QueryEngineMain.getFactory().create(op, guarded(dataset, context), input, context);
    }

    private static DatasetGraph guarded(DatasetGraph dataset, Context context) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(context, "context");
        if (dataset instanceof GuardedDataset) return dataset;
        // The signal Jena's timer sets (and a client's ?timeout, which can only shorten the limit); the
        // deadline from the endpoint's own limit in case the timer never fires.
        AtomicBoolean signal = Context.getOrSetCancelSignal(context);
        long limit = Timeouts.extractQueryTimeout(context).overallTimeoutMillis();
        long deadline = limit > 0 ? System.nanoTime() + limit * 1_000_000 : Long.MAX_VALUE;
        boolean union = context.isTrue(TDB2.symUnionDefaultGraph) || dataset.getContext().isTrue(TDB2.symUnionDefaultGraph);
        return new GuardedDataset(dataset, new Guard(signal, deadline), union);
    }

    /** Says stop: the cancel signal is set, or the deadline has passed. */
    private record Guard(AtomicBoolean signal, long deadline) {
        void check() {
            if (signal.get() || System.nanoTime() - deadline > 0) {
                signal.set(true);
                throw new QueryCancelledException();
            }
        }

        <T> ExtendedIterator<T> checked(Iterator<T> base) {
            check();
            return new CheckedIterator<>(base, this);
        }
    }

    private static final class CheckedIterator<T> extends WrappedIterator<T> {
        private final Guard guard;

        CheckedIterator(Iterator<T> base, Guard guard) {
            super(base, true);
            this.guard = guard;
        }

        @Override
        public boolean hasNext() {
            guard.check();
            return super.hasNext();
        }

        @Override
        public T next() {
            guard.check();
            return super.next();
        }
    }

    /** The dataset as the query sees it: every graph and every find checks the guard. */
    private static final class GuardedDataset extends DatasetGraphWrapper {
        private final Guard guard;
        private final boolean unionDefault;

        GuardedDataset(DatasetGraph base, Guard guard, boolean unionDefault) {
            super(base);
            this.guard = guard;
            this.unionDefault = unionDefault;
        }

        @Override
        public Graph getDefaultGraph() {
            // TDB2 applies its union default graph in its own engine only; ARQ's engine reads the default graph.
            return new GuardedGraph(unionDefault ? getR().getUnionGraph() : getR().getDefaultGraph(), guard);
        }

        @Override
        public Graph getUnionGraph() {
            return new GuardedGraph(getR().getUnionGraph(), guard);
        }

        @Override
        public Graph getGraph(Node graphNode) {
            return new GuardedGraph(getR().getGraph(graphNode), guard);
        }

        @Override
        public Iterator<Node> listGraphNodes() {
            return guard.checked(getR().listGraphNodes());
        }

        @Override
        public Iterator<Quad> find() {
            return guard.checked(getR().find());
        }

        @Override
        public Iterator<Quad> find(Quad quad) {
            return guard.checked(getR().find(quad));
        }

        @Override
        public Iterator<Quad> find(Node g, Node s, Node p, Node o) {
            return guard.checked(getR().find(g, s, p, o));
        }

        @Override
        public Iterator<Quad> findNG(Node g, Node s, Node p, Node o) {
            return guard.checked(getR().findNG(g, s, p, o));
        }

        @Override
        public boolean contains(Node g, Node s, Node p, Node o) {
            guard.check();
            return getR().contains(g, s, p, o);
        }
    }

    private static final class GuardedGraph extends GraphWrapper {
        private final Guard guard;

        GuardedGraph(Graph base, Guard guard) {
            super(base);
            this.guard = guard;
        }

        @Override
        public ExtendedIterator<Triple> find(Triple triple) {
            return guard.checked(get().find(triple));
        }

        @Override
        public ExtendedIterator<Triple> find(Node s, Node p, Node o) {
            return guard.checked(get().find(s, p, o));
        }

        @Override
        public boolean contains(Node s, Node p, Node o) {
            guard.check();
            return get().contains(s, p, o);
        }

        @Override
        public boolean contains(Triple triple) {
            guard.check();
            return get().contains(triple);
        }
    }
}
