package org.ibcr.kg.publish;

import java.io.StringReader;

import org.apache.jena.query.Query;
import org.apache.jena.query.SortCondition;
import org.apache.jena.sparql.core.TriplePath;
import org.apache.jena.sparql.core.VarExprList;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.lang.arq.javacc.ARQParserConstants;
import org.apache.jena.sparql.lang.arq.javacc.ARQParserTokenManager;
import org.apache.jena.sparql.lang.arq.javacc.SimpleCharStream;
import org.apache.jena.sparql.lang.arq.javacc.Token;
import org.ibcr.kg.publish.http.HttpError;
import org.apache.jena.sparql.lang.arq.javacc.TokenMgrError;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.ExprFunction;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.path.P_Path1;
import org.apache.jena.sparql.path.P_Path2;
import org.apache.jena.sparql.path.Path;
import org.apache.jena.sparql.syntax.Element;
import org.apache.jena.sparql.syntax.Element1;
import org.apache.jena.sparql.syntax.ElementAntiJoin;
import org.apache.jena.sparql.syntax.ElementAssign;
import org.apache.jena.sparql.syntax.ElementBind;
import org.apache.jena.sparql.syntax.ElementFilter;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.ElementLateral;
import org.apache.jena.sparql.syntax.ElementMinus;
import org.apache.jena.sparql.syntax.ElementNamedGraph;
import org.apache.jena.sparql.syntax.ElementOptional;
import org.apache.jena.sparql.syntax.ElementPathBlock;
import org.apache.jena.sparql.syntax.ElementSemiJoin;
import org.apache.jena.sparql.syntax.ElementService;
import org.apache.jena.sparql.syntax.ElementSubQuery;
import org.apache.jena.sparql.syntax.ElementUnfold;
import org.apache.jena.sparql.syntax.ElementUnion;

/**
 * Bounds on the size and shape of a query, checked before it is planned: work Jena does outside the query's time
 * limit. A long query text costs its parse (a SELECT of 100,000 variables, 790 kB, ran for 50 s: Jena checks each projected
 * variable against those before it); a deeply nested one costs its planning (850 nested OPTIONALs took 3 to 4 s) or overflows the stack
 * of every recursive step after the parse (a 20,000-branch UNION, a 40,000-term {@code &&}). Jena and Fuseki have no
 * such bounds: Fuseki's only one is the request body's size.
 *
 * <p>The depth counted is the depth of the algebra the query becomes, measured on its syntax without recursing past
 * the limit: every nested group, OPTIONAL, MINUS, GRAPH, sub-query, function call and path step is a level, and the
 * elements of a group and the branches of a UNION count as levels too, as Jena joins them pairwise (a 20,000-branch
 * UNION is 20,000 unions deep).
 *
 * <pre>{@code
 * QueryLimits limits = QueryLimits.defaults();
 * String refusal = limits.refusal(query); // null when the query is within the limits
 * }</pre>
 *
 * @param maxLength     the longest query text, in characters
 * @param maxProjection the most variables and expressions a query may select
 * @param maxDepth      the deepest a query may nest
 */
public record QueryLimits(int maxLength, int maxProjection, int maxDepth) {
    /**
     * Default longest query: 64 Ki characters (a VALUES block of some 700 IRIs fits). Jena parses a projection in
     * time that grows with its square: 8,700 variables, 60 kB, take 0.2 s; 30,000, 230 kB, seconds.
     */
    public static final int DEFAULT_MAX_LENGTH = 64 * 1024;
    /** Default most projected variables and expressions. */
    public static final int DEFAULT_MAX_PROJECTION = 1000;
    /** Default deepest nesting: a query written by hand or generated for this data stays far below it. */
    public static final int DEFAULT_MAX_DEPTH = 200;

    public QueryLimits {
        if (maxLength < 1) throw new IllegalArgumentException("the longest query must be at least 1 character");
        if (maxProjection < 1) throw new IllegalArgumentException("a query must be allowed to select at least 1 variable");
        if (maxDepth < 1) throw new IllegalArgumentException("the deepest nesting must be at least 1 level");
    }

    public static QueryLimits defaults() {
        return new QueryLimits(DEFAULT_MAX_LENGTH, DEFAULT_MAX_PROJECTION, DEFAULT_MAX_DEPTH);
    }

    /**
     * The refusal of a query text by its length or its brackets (a 400 whose message is in the client's language), or null: checked before it is
     * parsed. Jena's parser descends once per bracket (3,000 nested groups overflow its stack); the brackets are
     * counted on the tokens of Jena's own SPARQL lexer, so those in strings, IRIs and comments are not.
     */
    public HttpError refusal(String text) {
        if (text.length() > maxLength) {
            return HttpError.badRequest("endpoint.too_long", Integer.toString(text.length()), Integer.toString(maxLength));
        }
        // a text with no more opening brackets than the limit cannot nest deeper: most queries skip the lexer, which
        // cost half a parse on every request
        if (openingBrackets(text) <= maxDepth) return null;
        return bracketDepth(text) > maxDepth ? tooDeep() : null;
    }

    private static int openingBrackets(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '(' || c == '[') n++;
        }
        return n;
    }

    /** The deepest nesting of braces, parentheses and square brackets, or 0 where the lexer fails (the parser says why). */
    private static int bracketDepth(String text) {
        ARQParserTokenManager lexer = new ARQParserTokenManager(new SimpleCharStream(new StringReader(text)));
        int depth = 0;
        int deepest = 0;
        try {
            for (Token t = lexer.getNextToken(); t.kind != ARQParserConstants.EOF; t = lexer.getNextToken()) {
                switch (t.kind) {
                    case ARQParserConstants.LBRACE, ARQParserConstants.LPAREN, ARQParserConstants.LBRACKET -> deepest = Math.max(deepest, ++depth);
                    case ARQParserConstants.RBRACE, ARQParserConstants.RPAREN, ARQParserConstants.RBRACKET -> depth--;
                    default -> { }
                }
            }
        } catch (TokenMgrError e) {
            return 0;
        }
        return deepest;
    }

    /** The refusal of a parsed query by its projection or its depth (a 400), or null. */
    public HttpError refusal(Query query) {
        int projected = query.getProject().size();
        if (projected > maxProjection) {
            return HttpError.badRequest("endpoint.too_wide", Integer.toString(projected), Integer.toString(maxProjection));
        }
        try {
            new Depth(maxDepth).query(query, 0);
        } catch (TooDeep e) {
            return tooDeep();
        }
        return null;
    }

    /** The refusal of a query nested deeper than this endpoint (or the server's stack) takes. */
    public HttpError tooDeep() {
        return HttpError.badRequest("endpoint.too_deep", Integer.toString(maxDepth));
    }

    private static final class TooDeep extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooDeep() {
            super(null, null, false, false);
        }
    }

    /** Measures the depth, giving up (TooDeep) as soon as it passes the limit: it never recurses deeper than that. */
    private record Depth(int max) {
        private void at(int level) {
            if (level > max) throw new TooDeep();
        }

        void query(Query q, int level) {
            at(level);
            vars(q.getProject(), level);
            if (q.hasGroupBy()) vars(q.getGroupBy(), level);
            if (q.hasHaving()) for (Expr e : q.getHavingExprs()) expr(e, level + 1);
            if (q.hasOrderBy()) for (SortCondition c : q.getOrderBy()) expr(c.getExpression(), level + 1);
            if (q.getQueryPattern() != null) element(q.getQueryPattern(), level + 1);
        }

        private void vars(VarExprList vars, int level) {
            for (Expr e : vars.getExprs().values()) expr(e, level + 1);
        }

        void element(Element e, int level) {
            at(level);
            if (e instanceof ElementGroup g) {
                // Jena joins a group's elements pairwise, left to right: the first is as deep as the group has elements.
                int n = g.size();
                at(level + n - 1);
                for (int i = 0; i < n; i++) element(g.get(i), level + Math.max(1, n - i));
            } else if (e instanceof ElementUnion u) {
                int n = u.getElements().size();
                at(level + n - 1);
                for (int i = 0; i < n; i++) element(u.getElements().get(i), level + Math.max(1, n - i));
            } else if (e instanceof ElementOptional o) {
                element(o.getOptionalElement(), level + 1);
            } else if (e instanceof ElementMinus m) {
                element(m.getMinusElement(), level + 1);
            } else if (e instanceof ElementNamedGraph g) {
                element(g.getElement(), level + 1);
            } else if (e instanceof ElementService s) {
                element(s.getElement(), level + 1);
            } else if (e instanceof ElementLateral l) {
                element(l.getLateralElement(), level + 1);
            } else if (e instanceof ElementSemiJoin j) {
                element(j.getSubElement(), level + 1);
            } else if (e instanceof ElementAntiJoin j) {
                element(j.getSubElement(), level + 1);
            } else if (e instanceof Element1 one) {
                element(one.getElement(), level + 1);
            } else if (e instanceof ElementSubQuery s) {
                query(s.getQuery(), level + 1);
            } else if (e instanceof ElementFilter f) {
                expr(f.getExpr(), level + 1);
            } else if (e instanceof ElementBind b) {
                expr(b.getExpr(), level + 1);
            } else if (e instanceof ElementAssign a) {
                expr(a.getExpr(), level + 1);
            } else if (e instanceof ElementUnfold u) {
                expr(u.getExpr(), level + 1);
            } else if (e instanceof ElementPathBlock block) {
                for (TriplePath t : block.getPattern().getList()) {
                    if (t.getPath() != null) path(t.getPath(), level + 1);
                }
            }
        }

        void expr(Expr e, int level) {
            at(level);
            if (e instanceof ExprFunctionOp op) {
                if (op.getElement() != null) element(op.getElement(), level + 1);
            } else if (e instanceof ExprAggregator agg) {
                ExprList args = agg.getAggregator().getExprList();
                if (args != null) for (Expr a : args) expr(a, level + 1);
            } else if (e instanceof ExprFunction f) {
                for (Expr a : f.getArgs()) expr(a, level + 1);
            }
        }

        void path(Path p, int level) {
            at(level);
            if (p instanceof P_Path1 one) {
                path(one.getSubPath(), level + 1);
            } else if (p instanceof P_Path2 two) {
                path(two.getLeft(), level + 1);
                path(two.getRight(), level + 1);
            }
        }
    }
}
