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
import org.apache.jena.sparql.algebra.op.OpOrder;
import org.apache.jena.sparql.algebra.op.OpPath;
import org.apache.jena.sparql.engine.binding.BindingComparator;
import org.apache.jena.sparql.engine.iterator.QueryIterSort;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.iterator.QueryIterPath;
import org.apache.jena.sparql.engine.main.OpExecutorFactory;
import org.apache.jena.sparql.engine.main.QC;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sparql.core.DatasetGraphWrapperView;
import org.apache.jena.tdb2.solver.OpExecutorTDB2;
import org.apache.jena.tdb2.solver.QueryEngineTDB;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.Plan;
import org.apache.jena.sparql.engine.QueryEngineFactory;
import org.apache.jena.sparql.engine.QueryEngineRegistry;
import org.apache.jena.sparql.engine.Timeouts;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.main.QueryEngineMain;
import org.apache.jena.sparql.graph.GraphWrapper;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.sparql.util.Symbol;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.apache.jena.util.iterator.WrappedIterator;
import org.apache.jena.atlas.io.IndentedWriter;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.serializer.SerializationContext;
import org.ibcr.kg.publish.http.CutResponseAbort;

/**
 * A query engine that stops a query at its time limit whatever its shape. Jena 5.6's timeout sets a cancel
 * signal that its query iterators and triple matchers check between rows; the property path engine does not:
 * it walks a whole closure (and a closure of closures, for {@code (p*)*}) in one call, so a path query can run
 * for minutes or hours past {@code arq:queryTimeout} (see apache/jena#3535). A path reads the data with
 * {@code Graph.find}: this engine keeps the dataset's own engine (TDB2's, with its optimiser and solver) and
 * evaluates property paths over a view of their graph whose {@code find} and {@code contains} check the
 * query's cancel signal and deadline, throwing {@link QueryCancelledException} (Fuseki answers 503) once
 * either says stop. Everything else runs exactly as in stock Fuseki, at the same speed.
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
    public static final Symbol SYMBOL = Symbol.create("urn:x-ibcr:cancellableQueries");
    private static final Symbol DEADLINE = GuardedExpressions.DEADLINE;

    private static final CancellableQueryEngine INSTANCE = new CancellableQueryEngine();
    private static final OpExecutorFactory GUARDED_PATHS = PathGuardingExecutor::new;

    private CancellableQueryEngine() {}

    /** Adds the engine to Jena's registry, once; it takes only executions flagged with {@link #SYMBOL}. */
    public static synchronized void register() {
        if (!QueryEngineRegistry.containsFactory(INSTANCE)) QueryEngineRegistry.addFactory(INSTANCE);
    }

    @Override
    public boolean accept(Query query, DatasetGraph dataset, Context context) {
        return flagged(context);
    }

    @Override
    public boolean accept(Op op, DatasetGraph dataset, Context context) {
        return flagged(context);
    }

    @Override
    public Plan create(Query query, DatasetGraph dataset, Binding input, Context context) {
        DatasetGraph base = readable(dataset);
        return new Reporting(underlying(QueryEngineTDB.getFactory().accept(query, base, context)).create(query, base, input, guard(context)));
    }

    @Override
    public Plan create(Op op, DatasetGraph dataset, Binding input, Context context) {
        DatasetGraph base = readable(dataset);
        return new Reporting(underlying(QueryEngineTDB.getFactory().accept(op, base, context)).create(op, base, input, guard(context)));
    }

    /**
     * The dataset a query reads: beneath the wrappers that only watch writes (such as the one recording versions),
     * so a TDB2 store keeps its own engine and its union default graph; a view (a wrapper that changes what is
     * read) is kept.
     */
    private static DatasetGraph readable(DatasetGraph dataset) {
        DatasetGraph d = dataset;
        while (d instanceof DatasetGraphWrapper w && !(d instanceof DatasetGraphWrapperView)) d = w.getWrapped();
        return d;
    }

    private static boolean flagged(Context context) {
        return context != null && context.isTrue(SYMBOL);
    }

    /** The engine the dataset would have had: TDB2's for a TDB2 dataset, else Jena's main engine. */
    private static QueryEngineFactory underlying(boolean tdb) {
        return tdb ? QueryEngineTDB.getFactory() : QueryEngineMain.getFactory();
    }

    /**
     * The plan, whose results say when they are cut: a cancellation that passes through marks the response being
     * written on this thread incomplete ({@link CutResponseAbort}), so a result cut after its first rows went out
     * is aborted instead of ended as if whole.
     */
    private record Reporting(Plan plan) implements Plan {
        @Override
        public Op getOp() {
            return plan.getOp();
        }

        @Override
        public QueryIterator iterator() {
            return new ReportingIterator(plan.iterator());
        }

        @Override
        public void close() {
            plan.close();
        }

        @Override
        public void output(IndentedWriter out, SerializationContext sCxt) {
            plan.output(out, sCxt);
        }

        @Override
        public String toString(PrefixMapping pmap) {
            return plan.toString(pmap);
        }

        @Override
        public void output(IndentedWriter out) {
            plan.output(out);
        }
    }

    private record ReportingIterator(QueryIterator base) implements QueryIterator {
        private <T> T reported(java.util.function.Supplier<T> step) {
            try {
                return step.get();
            } catch (QueryCancelledException e) {
                CutResponseAbort.markIncomplete();
                throw e;
            }
        }

        @Override
        public boolean hasNext() {
            return reported(base::hasNext);
        }

        @Override
        public Binding next() {
            return reported(base::next);
        }

        @Override
        public Binding nextBinding() {
            return reported(base::nextBinding);
        }

        @Override
        public void cancel() {
            base.cancel();
        }

        @Override
        public void close() {
            base.close();
        }

        @Override
        public boolean isJoinIdentity() {
            return base.isJoinIdentity();
        }

        @Override
        public void output(IndentedWriter out, SerializationContext sCxt) {
            base.output(out, sCxt);
        }

        @Override
        public String toString(PrefixMapping pmap) {
            return base.toString(pmap);
        }

        @Override
        public void output(IndentedWriter out) {
            base.output(out);
        }
    }

    /** The execution's own context, with the path-guarding executor and the deadline from the endpoint's limit. */
    private static Context guard(Context context) {
        Objects.requireNonNull(context, "context");
        long limit = Timeouts.extractQueryTimeout(context).overallTimeoutMillis();
        // the deadline in case Jena's timer never fires; the signal is what the timer (or a client's shorter ?timeout) sets
        context.set(DEADLINE, limit > 0 ? System.nanoTime() + limit * 1_000_000 : Long.MAX_VALUE);
        QC.setFactory(context, GUARDED_PATHS);
        return context;
    }

    /** TDB2's executor (ARQ's for other datasets), but a property path reads its graph through the guard. */
    private static final class PathGuardingExecutor extends OpExecutorTDB2 {
        PathGuardingExecutor(ExecutionContext execCxt) {
            super(execCxt);
        }

        private boolean guarded;

        /**
         * The algebra this executor is given gets the bounded REGEX, REPLACE and CONCAT first: at its first call, the
         * whole tree (the recursive calls that follow see guarded parts; guarding is idempotent for sub-executions).
         */
        @Override
        protected QueryIterator exec(Op op, QueryIterator input) {
            if (guarded) return super.exec(op, input);
            guarded = true;
            return super.exec(GuardedExpressions.guard(op), input);
        }

        /**
         * ORDER BY sorts all its rows in one step, which Jena's timeout does not interrupt (a sort of a cross product
         * ran seconds past the limit): the same sort, with a comparator that checks the guard every 4,096 comparisons.
         */
        @Override
        protected QueryIterator execute(OpOrder opOrder, QueryIterator input) {
            QueryIterator rows = exec(opOrder.getSubOp(), input);
            Guard guard = guard();
            BindingComparator order = new BindingComparator(opOrder.getConditions(), execCxt);
            int[] compares = {0};
            return new QueryIterSort(rows, (a, b) -> {
                if ((++compares[0] & 0xFFF) == 0) guard.check();
                return order.compare(a, b);
            }, execCxt);
        }

        private Guard guard() {
            Long deadline = execCxt.getContext().get(DEADLINE);
            return new Guard(execCxt.getCancelSignal() != null ? execCxt.getCancelSignal() : new AtomicBoolean(),
                    deadline != null ? deadline : Long.MAX_VALUE);
        }

        @Override
        protected QueryIterator execute(OpPath opPath, QueryIterator input) {
            Long deadline = execCxt.getContext().get(DEADLINE);
            Guard guard = new Guard(execCxt.getCancelSignal() != null ? execCxt.getCancelSignal() : new AtomicBoolean(),
                    deadline != null ? deadline : Long.MAX_VALUE);
            ExecutionContext guarded = new ExecutionContext(execCxt, new GuardedGraph(execCxt.getActiveGraph(), guard));
            return new QueryIterPath(opPath.getTriplePath(), input, guarded);
        }
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
