package org.ibcr.kg.model;

import java.util.Objects;

/** A reference to another record, resolved to its kind so that an IRI can be made from it. */
public record Ref(Kind kind, String slug) {
    public Ref {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(slug, "slug");
    }
}
