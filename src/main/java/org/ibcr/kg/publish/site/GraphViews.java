package org.ibcr.kg.publish.site;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.jena.query.DatasetFactory;
import org.apache.jena.system.Txn;
import org.ibcr.kg.graph.GraphProjector;
import org.ibcr.kg.graph.GraphProjector.View;
import org.ibcr.kg.graph.NetworkFigures;
import org.ibcr.kg.graph.RelationshipGraph;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The relationship graphs of the served data and their {@link NetworkFigures}, projected once per
 * {@link DataVersion} and shared by the graph files, the ego networks and the resource pages (which show a
 * resource's figures and link to its network). The unfiltered projections are kept; an untracked version keeps
 * none.
 *
 * <pre>{@code
 * RelationshipGraph full = graphs.project(new GraphViews.Projection(View.FULL, "en", null, null, null));
 * Optional<NetworkFigures.Actor> ibcr = graphs.figures(View.ACTORS).of(iri);
 * }</pre>
 */
final class GraphViews {
    /** A projection: the view, the label language and the filters (null for none). */
    record Projection(View view, String lang, Integer from, Integer to, String role) {
        Projection {
            Objects.requireNonNull(view, "view");
            Objects.requireNonNull(lang, "lang");
        }

        static Projection of(View view, String lang) {
            return new Projection(view, lang, null, null, null);
        }
    }

    private record Versioned(long version, Object key) {}

    private final SiteContent content;
    private final DataVersion version;
    private final Cache<Versioned, Object> cache;
    private final AtomicLong seen = new AtomicLong();

    GraphViews(SiteContent content, DataVersion version) {
        this.content = Objects.requireNonNull(content, "content");
        this.version = Objects.requireNonNull(version, "version");
        this.cache = version.tracked() ? Caffeine.newBuilder().maximumSize(32).build() : null;
    }

    /**
     * The graph of a projection, over the served dataset in a read transaction. Only the unfiltered ones (a view
     * in a language, at most eight) are kept: a client walking through years or roles cannot fill the memory
     * with graphs; the files it gets are kept by the byte-bounded {@link ResponseCache}.
     */
    RelationshipGraph project(Projection p) {
        java.util.function.Supplier<Object> compute = () -> {
            var dsg = content.dataset();
            return Txn.calculateRead(dsg, () -> GraphProjector.over(DatasetFactory.wrap(dsg)).lang(p.lang())
                    .from(p.from()).to(p.to()).role(p.role()).project(p.view()));
        };
        boolean filtered = p.from() != null || p.to() != null || p.role() != null;
        return (RelationshipGraph) (filtered ? compute.get() : kept(p, compute));
    }

    /** The figures of every node of a view, unfiltered (labels in English: the figures do not depend on them). */
    NetworkFigures figures(View view) {
        return (NetworkFigures) kept(List.of("figures", view), () -> NetworkFigures.of(project(Projection.of(view, "en"))));
    }

    /** The role ids a projection may be filtered by. */
    @SuppressWarnings("unchecked")
    List<String> roles() {
        return (List<String>) kept("roles", () -> {
            var dsg = content.dataset();
            return Txn.calculateRead(dsg, () -> GraphProjector.over(DatasetFactory.wrap(dsg)).roles());
        });
    }

    private Object kept(Object key, java.util.function.Supplier<Object> compute) {
        if (cache == null) return compute.get();
        long v = version.current(); // read before the data, as ResponseCache does
        long last = seen.get();
        if (v != last && seen.compareAndSet(last, v)) cache.invalidateAll();
        Object value = cache.getIfPresent(new Versioned(v, key));
        if (value != null) return value;
        // Not computed inside the cache's lock: figures() projects through the same cache.
        value = compute.get();
        cache.put(new Versioned(v, key), value);
        return value;
    }
}
