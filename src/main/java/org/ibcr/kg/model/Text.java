package org.ibcr.kg.model;

import java.util.Optional;

/** A text in English, with an optional French version. */
public record Text(String en, Optional<String> fr) {
    public Text {
        java.util.Objects.requireNonNull(en, "en");
        java.util.Objects.requireNonNull(fr, "fr");
    }

    public static Text of(String en, String fr) {
        return new Text(en, Optional.ofNullable(fr));
    }
}
