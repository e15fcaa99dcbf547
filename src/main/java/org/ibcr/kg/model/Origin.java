package org.ibcr.kg.model;

import java.util.Objects;

/**
 * Where a record came from: a data file and the line its row starts on (1-based, the header is line 1).
 * Carried by every record so that a validation report can point a curator at the row to fix.
 */
public record Origin(String file, long line) {
    public Origin {
        Objects.requireNonNull(file, "file");
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
