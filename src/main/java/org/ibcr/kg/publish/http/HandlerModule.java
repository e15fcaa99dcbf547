package org.ibcr.kg.publish.http;

import java.util.Objects;
import java.util.function.UnaryOperator;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.DoSHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;

/**
 * A Jetty handler put around the whole Fuseki server, as a Fuseki module. Modules wrap in the order they are
 * listed: the last is outermost. Jetty's own handlers do the work: {@link #bodyLimit} ({@link SizeLimitHandler}),
 * {@link #gzip} ({@link GzipHandler}), {@link #rateLimit} ({@link DoSHandler}), and {@link CorsHandler}.
 *
 * <pre>{@code
 * FusekiModules.create(HandlerModule.bodyLimit(1 << 20), HandlerModule.gzip(), HandlerModule.rateLimit(50, 100));
 * }</pre>
 */
public final class HandlerModule implements FusekiModule {
    private final String name;
    private final UnaryOperator<Handler> wrap;

    private HandlerModule(String name, UnaryOperator<Handler> wrap) {
        this.name = Objects.requireNonNull(name, "name");
        this.wrap = Objects.requireNonNull(wrap, "wrap");
    }

    /** @param wrap given the server's handler, returns the handler that wraps it */
    public static HandlerModule of(String name, UnaryOperator<Handler> wrap) {
        return new HandlerModule(name, wrap);
    }

    /**
     * Request bodies up to {@code maxBody} bytes: a larger Content-Length gets 413 before the body is read; a chunked
     * body fails with 413 once it passes it ({@link ChunkedBodyLimitFilter} makes that failure a clean 413). Listed
     * before {@link #gzip}, it sits inside the gzip handler and counts inflated bytes.
     */
    public static HandlerModule bodyLimit(long maxBody) {
        return of("body-limit", next -> {
            SizeLimitHandler limit = new SizeLimitHandler(maxBody, -1);
            limit.setHandler(next);
            return limit;
        });
    }

    /** Compresses responses for clients that accept gzip (Fuseki main leaves compression off); POSTed queries too. */
    @SuppressWarnings("removal") // Jetty 12.1 deprecates GzipHandler for its successor, not yet in Fuseki's Jetty set
    public static HandlerModule gzip() {
        return of("gzip", next -> {
            GzipHandler gzip = new GzipHandler();
            gzip.setIncludedMethods("GET", "HEAD", "POST"); // HEAD too: its headers (Content-Encoding) are GET's
            gzip.setHandler(next);
            return gzip;
        });
    }

    /**
     * A per-client request rate limit with Jetty's {@link DoSHandler}: a leaky bucket for each remote address,
     * {@code rate} requests a second with bursts of {@code burst}. A request over it gets {@code 429 Too Many
     * Requests} with {@code Retry-After}. Jetty drops the bucket of a client once it is empty again, so memory
     * follows the clients that are active.
     *
     * @param rate  requests a second per client, at least 1 (Jetty counts whole requests)
     * @param burst requests a client may send at once before the rate applies, at least 1
     */
    public static HandlerModule rateLimit(int rate, int burst) {
        if (rate < 1) throw new IllegalArgumentException("rate must be at least 1 request a second");
        if (burst < 1) throw new IllegalArgumentException("burst must be at least 1");
        String retryAfter = Long.toString(Math.max(1, (long) Math.ceil(1.0 / rate)));
        Request.Handler reject = (request, response, callback) -> {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfter);
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            // The body of a refused request is not read: closing says so, or a client may send its next request on a
            // connection Jetty closes meanwhile (seen as a reply with no bytes, a POST not retried).
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            ErrorReply.plain().send(request, response, callback, new HttpError(429, "rate.too_many"));
            return true;
        };
        // Jetty's bucket admits a request while it holds fewer than its size: one more than the burst.
        return of("rate-limit", next -> new DoSHandler(next, DoSHandler.ID_FROM_REMOTE_ADDRESS,
                new DoSHandler.LeakingBucketTrackerFactory(rate, burst + 1, null), reject, -1));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void server(FusekiServer server) {
        var jetty = server.getJettyServer();
        jetty.setHandler(wrap.apply(jetty.getHandler()));
    }
}
