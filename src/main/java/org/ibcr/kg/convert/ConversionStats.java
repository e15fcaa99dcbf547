package org.ibcr.kg.convert;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.ibcr.kg.model.Kind;

/** What a conversion produced: how many triples, and how many things of each kind (with the first of each). */
public final class ConversionStats {
    private long triples;
    private final Map<Kind, Long> counts = new EnumMap<>(Kind.class);
    private final Map<Kind, String> first = new EnumMap<>(Kind.class);

    void countTriple() {
        triples++;
    }

    void countThing(Kind kind, String slug) {
        counts.merge(kind, 1L, Long::sum);
        first.putIfAbsent(kind, slug);
    }

    public long triples() {
        return triples;
    }

    public long count(Kind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    public Map<Kind, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    /** The slug of the first thing of a kind, as an example resource. */
    public Optional<String> first(Kind kind) {
        return Optional.ofNullable(first.get(kind));
    }
}
