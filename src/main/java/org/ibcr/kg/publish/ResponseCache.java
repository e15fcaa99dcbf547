package org.ibcr.kg.publish;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Response bodies computed from the served data (pages, data documents, graph files), kept per
 * {@link DataVersion}: a body is served again only while the data is at the version it was computed at; the
 * first request after a write computes it anew. Memory is bounded by the bytes kept (least recently used go
 * first), with Caffeine, the cache Jena itself uses. An untracked version, or a size of 0, keeps nothing.
 *
 * <pre>{@code
 * ResponseCache cache = ResponseCache.create(DataVersion.of(dsg), 64L << 20);
 * ResponseCache.Body page = cache.get(List.of("page", path, lang), () -> ResponseCache.Body.of(bytes, "text/html"));
 * }</pre>
 */
final class ResponseCache {
    /** A response body with its media type and its strong entity tag (quoted). */
    record Body(byte[] bytes, String contentType, String etag) {
        static Body of(byte[] bytes, String contentType) {
            return new Body(bytes, contentType, Dumps.etag(bytes));
        }
    }

    private record Kept(long version, Body body) {}

    /** A body being computed for a version: requests that miss the same key meanwhile wait for it. */
    private static final class Computing extends CompletableFuture<Body> {
        final long version;

        Computing(long version) {
            this.version = version;
        }
    }

    /** Bytes counted for a kept body beside its own, for its key, headers and bookkeeping. */
    private static final int OVERHEAD = 256;

    private final DataVersion version;
    private final Cache<Object, Kept> cache;
    private final AtomicLong seen = new AtomicLong();
    private final ConcurrentMap<Object, Computing> computing = new ConcurrentHashMap<>();

    private ResponseCache(DataVersion version, long maxBytes) {
        this.version = version;
        this.cache = version.tracked() && maxBytes > 0
                ? Caffeine.newBuilder().maximumWeight(maxBytes)
                        .weigher((Object k, Kept v) -> (int) Math.min(Integer.MAX_VALUE, (long) v.body().bytes().length + OVERHEAD))
                        .build()
                : null;
    }

    /** @param maxBytes the most bytes of bodies kept; 0 keeps none */
    static ResponseCache create(DataVersion version, long maxBytes) {
        Objects.requireNonNull(version, "version");
        if (maxBytes < 0) throw new IllegalArgumentException("the cache size must not be negative");
        return new ResponseCache(version, maxBytes);
    }

    /** What the data says at its current version.
     * @param key     names the response completely: every input of {@code compute} but the data
     * @param compute computes the body from the data; an exception is passed on and nothing is kept */
    Body get(Object key, Supplier<Body> compute) {
        if (cache == null) return compute.get();
        long v = version.current(); // read before the data: what follows was computed from this version or newer
        long last = seen.get();
        if (v != last && seen.compareAndSet(last, v)) cache.invalidateAll(); // older versions are never served again
        Kept kept = cache.getIfPresent(key);
        if (kept != null && kept.version() == v) return kept.body();
        // One computation per key and version: a crowd asking for the same page at once (a cold start, the home
        // page after an update) costs one rendering, not one each.
        Computing mine = new Computing(v);
        Computing running = computing.putIfAbsent(key, mine);
        if (running != null && running.version == v) return await(running);
        try {
            Body body = compute.get();
            cache.put(key, new Kept(v, body));
            mine.complete(body);
            return body;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e); // the waiters get the same answer, such as a 404
            throw e;
        } finally {
            if (running == null) computing.remove(key, mine);
        }
    }

    private static Body await(Computing running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    /** How many bodies are kept (for tests). */
    long size() {
        return cache == null ? 0 : cache.estimatedSize();
    }
}
