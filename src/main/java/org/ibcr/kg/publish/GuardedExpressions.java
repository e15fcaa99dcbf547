package org.ibcr.kg.publish;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.jena.graph.Node;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.Transformer;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.expr.E_Regex;
import org.apache.jena.sparql.expr.E_StrConcat;
import org.apache.jena.sparql.expr.E_StrReplace;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.ExprFunctionN;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.ExprTransformCopy;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.function.FunctionEnv;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.sparql.util.Symbol;

/**
 * Bounds on the work of one expression, which Jena's timeout does not reach (it checks between rows, and an
 * expression runs inside one): {@code REGEX} and {@code REPLACE} run java.util.regex over a character sequence that
 * checks the query's cancel signal and deadline as the matcher reads it, so a pattern that backtracks for hours stops
 * at the limit; {@code REPLACE} and {@code CONCAT} fail (an expression error: unbound, or false in a FILTER) once their
 * result would pass {@link #MAX_STRING} characters, before it is built, instead of running the server out of memory.
 * {@link #guard(Op)} puts these in place of ARQ's own in an algebra expression; {@link CancellableQueryEngine} does it
 * for every query it runs.
 */
final class GuardedExpressions {
    /** Context key of the longest string an expression may build, in characters. */
    static final Symbol MAX_STRING = Symbol.create("urn:x-ibcr:maxStringLength");
    /** Default longest string: 16 Mi characters. */
    static final long DEFAULT_MAX_STRING = 16L << 20;
    /** Context key of the query's deadline ({@link System#nanoTime()}), set by {@link CancellableQueryEngine}. */
    static final Symbol DEADLINE = Symbol.create("urn:x-ibcr:queryDeadline");

    private GuardedExpressions() {}

    private static final ExprTransformCopy GUARD = new ExprTransformCopy() {
        @Override
        public Expr transform(ExprFunctionN func, ExprList args) {
            if (func instanceof Guarded) return super.transform(func, args);
            if (func instanceof E_Regex) return new Regex(args);
            if (func instanceof E_StrReplace) return new Replace(args);
            if (func instanceof E_StrConcat) return new Concat(args);
            return super.transform(func, args);
        }
    };

    /** The same algebra with guarded REGEX, REPLACE and CONCAT. */
    static Op guard(Op op) {
        return Transformer.transform(new TransformCopy(), GUARD, op);
    }

    /** Marks the guarded expressions, so a second pass leaves them as they are. */
    private interface Guarded {}

    /** Stops the matcher: the cancel signal is set or the deadline has passed. */
    private static final class Limit {
        final AtomicBoolean signal;
        final long deadline;
        final long maxString;

        Limit(FunctionEnv env) {
            Context cxt = env == null ? null : env.getContext();
            Object d = cxt == null ? null : cxt.get(DEADLINE);
            Object m = cxt == null ? null : cxt.get(MAX_STRING);
            this.deadline = d instanceof Long l ? l : Long.MAX_VALUE;
            this.maxString = m instanceof Long l ? l : DEFAULT_MAX_STRING;
            AtomicBoolean s = env instanceof ExecutionContext ec ? ec.getCancelSignal() : null;
            this.signal = s != null ? s : new AtomicBoolean();
        }

        void check() {
            if (signal.get() || (deadline != Long.MAX_VALUE && System.nanoTime() - deadline > 0)) {
                signal.set(true);
                throw new QueryCancelledException();
            }
        }

        void checkSize(long length) {
            if (length > maxString) throw new ExprEvalException("string result over " + maxString + " characters");
        }
    }

    /** A string whose reads check the limit every 4,096 characters: what the regex matcher sees. */
    private static final class CheckedChars implements CharSequence {
        private final String text;
        private final Limit limit;
        private int reads;

        CheckedChars(String text, Limit limit) {
            this.text = text;
            this.limit = limit;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0xFFF) == 0) limit.check();
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new CheckedChars(text.substring(start, end), limit);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static String string(NodeValue v, String what) {
        Node n = v.asNode();
        if (!n.isLiteral() || !(v.isString() || v.isLangString())) throw new ExprEvalException(what + " is not a string: " + v);
        return n.getLiteralLexicalForm();
    }

    private static String simple(NodeValue v, String what) {
        if (!v.isString()) throw new ExprEvalException(what + " is not a simple string: " + v);
        return v.getString();
    }

    /** XPath regular expression flags as java.util.regex flags, as ARQ's own Java engine reads them. */
    private static Pattern compile(String pattern, String flags) {
        int f = 0;
        for (char c : flags.toCharArray()) {
            switch (c) {
                case 'i' -> f |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 's' -> f |= Pattern.DOTALL;
                case 'm' -> f |= Pattern.MULTILINE;
                case 'x' -> f |= Pattern.COMMENTS;
                case 'q' -> f |= Pattern.LITERAL;
                default -> throw new ExprEvalException("unknown regular expression flag '" + c + "'");
            }
        }
        try {
            return Pattern.compile(pattern, f);
        } catch (PatternSyntaxException e) {
            throw new ExprEvalException("bad regular expression: " + e.getDescription());
        }
    }

    private static final class Regex extends E_Regex implements Guarded {
        Regex(ExprList args) {
            super(args.get(0), args.get(1), args.size() > 2 ? args.get(2) : NodeValue.makeString(""));
        }

        @Override
        public NodeValue eval(List<NodeValue> args, FunctionEnv env) {
            Limit limit = new Limit(env);
            String text = string(args.get(0), "the first argument of REGEX");
            Pattern p = compile(simple(args.get(1), "the pattern"), args.size() > 2 ? simple(args.get(2), "the flags") : "");
            try {
                return NodeValue.booleanReturn(p.matcher(new CheckedChars(text, limit)).find());
            } catch (StackOverflowError e) {
                throw new ExprEvalException("regular expression too deep for this string");
            }
        }

        @Override
        public Expr copy(ExprList newArgs) {
            return new Regex(newArgs);
        }
    }

    private static final class Replace extends E_StrReplace implements Guarded {
        Replace(ExprList args) {
            super(args.get(0), args.get(1), args.get(2), args.size() > 3 ? args.get(3) : NodeValue.makeString(""));
        }

        @Override
        public NodeValue eval(List<NodeValue> args, FunctionEnv env) {
            Limit limit = new Limit(env);
            NodeValue input = args.get(0);
            String text = string(input, "the first argument of REPLACE");
            Pattern p = compile(simple(args.get(1), "the pattern"), args.size() > 3 ? simple(args.get(3), "the flags") : "");
            String replacement = simple(args.get(2), "the replacement");
            if (p.matcher("").matches()) throw new ExprEvalException("REPLACE: the pattern matches the empty string");
            Matcher m = p.matcher(new CheckedChars(text, limit));
            StringBuilder out = new StringBuilder();
            try {
                while (m.find()) {
                    m.appendReplacement(out, replacement);
                    limit.checkSize(out.length());
                }
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new ExprEvalException("REPLACE: bad replacement '" + replacement + "'");
            } catch (StackOverflowError e) {
                throw new ExprEvalException("regular expression too deep for this string");
            }
            m.appendTail(out);
            limit.checkSize(out.length());
            String lang = input.asNode().getLiteralLanguage();
            return lang == null || lang.isEmpty() ? NodeValue.makeString(out.toString()) : NodeValue.makeLangString(out.toString(), lang);
        }

        @Override
        public Expr copy(ExprList newArgs) {
            return new Replace(newArgs);
        }
    }

    private static final class Concat extends E_StrConcat implements Guarded {
        Concat(ExprList args) {
            super(args);
        }

        @Override
        public NodeValue eval(List<NodeValue> args, FunctionEnv env) {
            Limit limit = new Limit(env);
            long length = 0;
            for (NodeValue v : args) {
                Node n = v.asNode();
                if (n.isLiteral()) length += n.getLiteralLexicalForm().length();
            }
            limit.checkSize(length);
            return super.eval(args, env);
        }

        @Override
        public Expr copy(ExprList newArgs) {
            return new Concat(newArgs);
        }
    }
}
