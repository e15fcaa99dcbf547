package org.ibcr.kg.publish.site;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.ibcr.kg.publish.http.Body;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Response bodies computed from the served data (pages, data documents, graph files), kept per
 * {@link DataVersion}: the version is part of the key, so a body is served again only while the data is at the
 * version it was computed at, and the first request after a write computes it anew. Caffeine (the cache Jena
 * itself uses) computes each key once: a crowd asking for the same page at once (a cold start, the home page
 * after an update) costs one rendering, and an exception (such as a 404) reaches every waiter and keeps nothing.
 * Memory is bounded by the bytes kept, least recently used first. An untracked version, or a size of 0, keeps
 * nothing.
 *
 * <pre>{@code
 * ResponseCache cache = ResponseCache.create(DataVersion.of(dsg), 64L << 20);
 * Body page = cache.get(List.of("page", path, lang), () -> Body.of(bytes, "text/html"));
 * }</pre>
 */
final class ResponseCache {
    /** A key at a version of the data. */
    private record Versioned(long version, Object key) {}

    /** Bytes counted for a kept body beside its own, for its key, headers and bookkeeping. */
    private static final int OVERHEAD = 256;

    private final DataVersion version;
    private final Cache<Versioned, Body> cache;
    private final AtomicLong seen = new AtomicLong();

    private ResponseCache(DataVersion version, long maxBytes) {
        this.version = version;
        this.cache = version.tracked() && maxBytes > 0
                ? Caffeine.newBuilder().maximumWeight(maxBytes)
                        .weigher((Versioned k, Body v) -> (int) Math.min(Integer.MAX_VALUE, (long) v.bytes().length + OVERHEAD))
                        .build()
                : null;
    }

    /** @param maxBytes the most bytes of bodies kept; 0 keeps none */
    static ResponseCache create(DataVersion version, long maxBytes) {
        Objects.requireNonNull(version, "version");
        if (maxBytes < 0) throw new IllegalArgumentException("the cache size must not be negative");
        return new ResponseCache(version, maxBytes);
    }

    /**
     * What the data says at its current version.
     *
     * @param key     names the response completely: every input of {@code compute} but the data
     * @param compute computes the body from the data; an exception is passed on and nothing is kept
     */
    Body get(Object key, Supplier<Body> compute) {
        if (cache == null) return compute.get();
        long v = version.current(); // read before the data: what follows was computed from this version or newer
        long last = seen.get();
        if (v != last && seen.compareAndSet(last, v)) cache.invalidateAll(); // older versions are never served again
        return cache.get(new Versioned(v, key), k -> compute.get());
    }

    /** How many bodies are kept (for tests). */
    long size() {
        return cache == null ? 0 : cache.estimatedSize();
    }
}
