package org.ibcr.kg.publish.http;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A response that fails after its status line has gone out is cut off, never ended as if whole. When a query hits
 * its time limit while rows stream, Fuseki (5.6) cannot set 503 on a response already committed with 200: it appends
 * "Query cancelled due to timeout" to the body, which then ends normally, so a CSV or JSON client cannot tell a cut
 * result from a complete one. Whatever produces the body calls {@link #markIncomplete()} when it gives up (the query
 * engine does, on the request's thread): rows still in the buffer are dropped for a 503; rows already sent make this
 * filter abort the
 * connection without the last chunk of the chunked body. Every client on a persistent HTTP/1.1 connection then reports
 * an incomplete response (Java's HttpClient an IOException, Python's http.client IncompleteRead); a client that asks
 * {@code Connection: close} gets a body ended by the connection's end, and the JSON and XML it holds are unterminated
 * documents, which their parsers reject (a cut CSV or TSV can then not be told apart). Setting an error status on a committed response is treated the same way.
 *
 * <pre>{@code
 * builder.addFilter("/*", new CutResponseAbort());
 * }</pre>
 */
public final class CutResponseAbort implements Filter {
    /** Thrown to make Jetty abort a committed response; carries no stack trace, it is no bug. */
    static final class Cut extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        Cut(String why) {
            super("response cut off after it was committed: " + why, null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!(response instanceof HttpServletResponse resp)) {
            chain.doFilter(request, response);
            return;
        }
        State state = new State(resp);
        STATE.set(state);
        try {
            chain.doFilter(request, wrap(resp));
            if (state.cut) throw new Cut("its producer gave up (a query cancelled by its time limit)");
        } finally {
            STATE.remove();
        }
    }

    /** The response being written on this thread, and whether it must be cut off. */
    private static final class State {
        final HttpServletResponse response;
        boolean cut;

        State(HttpServletResponse response) {
            this.response = response;
        }
    }

    private static final ThreadLocal<State> STATE = new ThreadLocal<>();

    /**
     * Says that the response being written on this thread will not be complete (its producer gave up, a query its
     * time limit). Committed, it will be cut off; not yet, what it holds is dropped and it becomes a 503, which the
     * producer's own error handling then completes.
     */
    public static void markIncomplete() {
        State state = STATE.get();
        if (state == null) return;
        if (state.response.isCommitted()) {
            state.cut = true;
        } else {
            state.response.resetBuffer();
            state.response.setStatus(503);
            state.response.setContentType("text/plain; charset=utf-8");
        }
    }

    private static HttpServletResponse wrap(HttpServletResponse resp) {
        return new HttpServletResponseWrapper(resp) {
            @Override
            public void setStatus(int sc) {
                if (sc >= 500 && isCommitted()) throw new Cut("status " + sc + " could no longer be sent");
                super.setStatus(sc);
            }

            @Override
            public void sendError(int sc, String msg) throws IOException {
                if (sc >= 500 && isCommitted()) throw new Cut("status " + sc + " could no longer be sent");
                super.sendError(sc, msg);
            }

            @Override
            public void sendError(int sc) throws IOException {
                if (sc >= 500 && isCommitted()) throw new Cut("status " + sc + " could no longer be sent");
                super.sendError(sc);
            }
        };
    }
}
