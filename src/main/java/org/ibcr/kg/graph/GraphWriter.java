package org.ibcr.kg.graph;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a relationship graph in one format, as UTF-8; the same graph always gives the same bytes. */
@FunctionalInterface
public interface GraphWriter {
    /** Writes the graph to {@code out} and flushes; does not close {@code out}. */
    void write(RelationshipGraph graph, OutputStream out) throws IOException;

    /** The graph written to a byte array. */
    default byte[] toBytes(RelationshipGraph graph) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            write(graph, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
