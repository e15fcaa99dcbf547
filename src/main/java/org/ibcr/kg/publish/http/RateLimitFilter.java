package org.ibcr.kg.publish.http;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A per-client request rate limit: a token bucket for each remote address, {@code rate} tokens a second up
 * to {@code burst}. A request without a token gets {@code 429 Too Many Requests} with {@code Retry-After}.
 * Memory stays bounded: buckets of idle clients (full again) are evicted, and beyond {@link #MAX_CLIENTS}
 * the newcomers share one bucket.
 */
public final class RateLimitFilter implements Filter {
    static final int MAX_CLIENTS = 10_000;
    private static final String SHARED = "*";

    private final double rate;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

    public RateLimitFilter(double rate, int burst) {
        if (!(rate > 0)) throw new IllegalArgumentException("rate must be positive");
        if (burst < 1) throw new IllegalArgumentException("burst must be at least 1");
        this.rate = rate;
        this.burst = burst;
    }

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        long now = System.nanoTime();
        double wait = take(request.getRemoteAddr(), now);
        if (wait <= 0) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse resp = (HttpServletResponse) response;
        resp.setStatus(429);
        resp.setHeader("Retry-After", Long.toString(Math.max(1, (long) Math.ceil(wait))));
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("text/plain; charset=utf-8");
        resp.getWriter().write("Too many requests: slow down.\n");
    }

    /** Takes a token for this client: 0 if granted, else the seconds until the next one. */
    double take(String client, long now) {
        sweep(now);
        String key = client == null ? SHARED : client;
        if (!buckets.containsKey(key) && buckets.size() >= MAX_CLIENTS) key = SHARED;
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) / 1e9 * rate);
            bucket.updated = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return (1 - bucket.tokens) / rate;
        }
    }

    /** Drops the buckets that are full again (their clients idle): at most once a second. */
    private void sweep(long now) {
        long last = lastSweep.get();
        if (now - last < 1_000_000_000L || !lastSweep.compareAndSet(last, now)) return;
        double refill = burst / rate * 1e9;
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext();) {
            Bucket b = it.next();
            synchronized (b) {
                if (now - b.updated > refill) it.remove();
            }
        }
    }

    int clients() {
        return buckets.size();
    }
}
