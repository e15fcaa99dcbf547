package org.ibcr.kg.publish;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.query.SortCondition;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.op.OpOrder;
import org.apache.jena.sparql.algebra.op.OpTopN;
import org.apache.jena.sparql.algebra.op.OpPropFunc;
import org.apache.jena.sparql.algebra.walker.Walker;
import org.apache.jena.sparql.expr.E_Call;
import org.apache.jena.sparql.expr.E_Function;
import org.apache.jena.sparql.expr.E_Now;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprFunction;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.ExprNone;
import org.apache.jena.sparql.expr.ExprTripleTerm;
import org.apache.jena.sparql.expr.ExprVar;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.ExprVisitorFunction;
import org.apache.jena.sparql.expr.Unstable;

/**
 * Whether a query's answer depends on the data alone, so that the answer computed once may be given again while the
 * data stays at its version: false when it calls the clock or chance, {@code NOW()}, {@code RAND()}, {@code UUID()},
 * {@code STRUUID()}, {@code BNODE()} (ARQ marks the last four {@link Unstable}), ARQ's own {@code afn:now},
 * {@code afn:nowtz}, {@code afn:bnode}, {@code afn:uuid}, the XPath clock and timezone functions, or a function named
 * only at run time ({@code CALL}). Found by walking the query's algebra with Jena's {@link Walker}, which goes into
 * sub-queries and {@code EXISTS} patterns, so a name in a string or a comment does not count.
 *
 * <pre>{@code
 * boolean keep = RepeatableQuery.test(QueryFactory.create("SELECT (NOW() AS ?t) {}")); // false
 * }</pre>
 */
final class RepeatableQuery {
    /** Local names of the functions of ARQ's and XPath's libraries whose value changes from call to call or by machine. */
    private static final Set<String> UNSTABLE_FUNCTIONS = Set.of("now", "nowtz", "exectime", "bnode", "uuid", "struuid", "rand",
            "random", "current-datetime", "current-date", "current-time", "implicit-timezone", "system-timezone");

    private RepeatableQuery() {}

    /** True if the query's answer depends only on the data (and the query). */
    static boolean test(Query query) {
        Objects.requireNonNull(query, "query");
        Op op = Algebra.compile(query);
        Finder finder = new Finder();
        Walker.walk(op, finder.ops, finder);
        return !finder.found;
    }

    private static boolean unstableName(String iri) {
        int cut = Math.max(iri.lastIndexOf('#'), Math.max(iri.lastIndexOf('/'), iri.lastIndexOf(':')));
        return UNSTABLE_FUNCTIONS.contains(iri.substring(cut + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Looks at every function call of the algebra, with the expressions the Walker leaves out (aggregates' arguments,
     * grouping and ordering), and at property functions (ARQ's {@code apf:bnode}).
     */
    private static final class Finder extends ExprVisitorFunction {
        boolean found;
        final OpVisitorBase ops = new OpVisitorBase() {
            @Override
            public void visit(OpPropFunc opPropFunc) {
                Node p = opPropFunc.getProperty();
                if (p.isURI() && unstableName(p.getURI())) found = true;
            }

            @Override
            public void visit(OpGroup opGroup) {
                for (ExprAggregator agg : opGroup.getAggregators()) Finder.this.visit(agg);
                for (Expr e : opGroup.getGroupVars().getExprs().values()) Walker.walk(e, this, Finder.this);
            }

            // the Walker leaves ORDER BY's expressions out
            @Override
            public void visit(OpOrder opOrder) {
                for (SortCondition c : opOrder.getConditions()) Walker.walk(c.getExpression(), this, Finder.this);
            }

            @Override
            public void visit(OpTopN opTop) {
                for (SortCondition c : opTop.getConditions()) Walker.walk(c.getExpression(), this, Finder.this);
            }
        };

        @Override
        protected void visitExprFunction(ExprFunction func) {
            if (func instanceof Unstable || func instanceof E_Now || func instanceof E_Call) found = true;
            else if (func instanceof E_Function f && unstableName(f.getFunctionIRI())) found = true;
        }

        @Override
        public void visit(ExprFunctionOp funcOp) {
            // EXISTS and NOT EXISTS: the Walker walks their pattern itself
        }

        @Override
        public void visit(ExprAggregator agg) {
            ExprList args = agg.getAggregator().getExprList();
            if (args != null) for (Expr arg : args) Walker.walk(arg, ops, this);
        }

        @Override
        public void visit(ExprTripleTerm tripleTerm) {}

        @Override
        public void visit(NodeValue nv) {}

        @Override
        public void visit(ExprVar nv) {}

        @Override
        public void visit(ExprNone exprNone) {}
    }
}
