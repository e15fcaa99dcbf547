package org.ibcr.kg.publish.http;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModule;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.DoSHandler;

/**
 * A per-client request rate limit with Jetty's own {@link DoSHandler}: a leaky bucket for each remote address,
 * {@code rate} requests a second with bursts of {@code burst}. A request over it gets {@code 429 Too Many
 * Requests} with {@code Retry-After}. Jetty drops the bucket of a client once it is empty again, so memory
 * follows the clients that are active. The handler wraps the whole server: a flood is turned away before any
 * other work.
 *
 * <pre>{@code
 * FusekiModules.create(new RateLimitModule(50, 100));
 * }</pre>
 */
public final class RateLimitModule implements FusekiModule {
    private final int rate;
    private final int burst;

    /**
     * @param rate  requests a second per client, at least 1 (Jetty counts whole requests)
     * @param burst requests a client may send at once before the rate applies, at least 1
     */
    public RateLimitModule(int rate, int burst) {
        if (rate < 1) throw new IllegalArgumentException("rate must be at least 1 request a second");
        if (burst < 1) throw new IllegalArgumentException("burst must be at least 1");
        this.rate = rate;
        this.burst = burst;
    }

    @Override
    public String name() {
        return "rate-limit";
    }

    @Override
    public void server(FusekiServer server) {
        Server jetty = server.getJettyServer();
        String retryAfter = Long.toString(Math.max(1, (long) Math.ceil(1.0 / rate)));
        Request.Handler reject = (request, response, callback) -> {
            response.setStatus(429);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfter);
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            Content.Sink.write(response, true, "Too many requests: slow down.\n", callback);
            return true;
        };
        // Jetty's bucket admits a request while it holds fewer than its size: one more than the burst.
        DoSHandler limit = new DoSHandler(jetty.getHandler(), DoSHandler.ID_FROM_REMOTE_ADDRESS,
                new DoSHandler.LeakingBucketTrackerFactory(rate, burst + 1, null), reject, -1);
        jetty.setHandler(limit);
    }
}
