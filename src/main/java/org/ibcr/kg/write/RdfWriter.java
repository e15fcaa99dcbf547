package org.ibcr.kg.write;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.util.Map;
import java.util.Objects;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.riot.system.Prefixes;
import org.apache.jena.sparql.core.DatasetGraph;
import org.ibcr.kg.vocab.OntologyFiles;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.document.JsonDocument;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;

/**
 * Writes a dataset in one of the {@link RdfFormat}s with Jena's writers. TriG keeps the named graphs;
 * every other format writes their union. JSON-LD is compacted with the project's published context
 * ({@code ontology/context.jsonld}), embedded so that readers need no network.
 *
 * <pre>{@code
 * RdfWriter.create(dataset, unionGraph).prefixes(prefixes).write(RdfFormat.TURTLE, System.out);
 * }</pre>
 */
public final class RdfWriter {
    private final DatasetGraph dataset;
    private final Graph union;
    private PrefixMap prefixes;

    private RdfWriter(DatasetGraph dataset, Graph union) {
        this.dataset = dataset;
        this.union = union;
    }

    /**
     * @param dataset the named graphs, for TriG
     * @param union   their union, for the triple formats
     */
    public static RdfWriter create(DatasetGraph dataset, Graph union) {
        return new RdfWriter(Objects.requireNonNull(dataset, "dataset"), Objects.requireNonNull(union, "union"));
    }

    public RdfWriter prefixes(PrefixMap prefixes) {
        this.prefixes = Objects.requireNonNull(prefixes, "prefixes");
        return this;
    }

    public void write(RdfFormat format, OutputStream out) throws IOException {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        if (prefixes != null) {
            union.getPrefixMapping().setNsPrefixes(Prefixes.adapt(prefixes));
            dataset.prefixes().putAll(prefixes);
        }
        switch (format) {
            case TRIG -> RDFWriter.source(dataset).format(format.jenaFormat()).output(out);
            case JSONLD -> compactJsonLd(out);
            default -> RDFWriter.source(union).format(format.jenaFormat()).output(out);
        }
        out.flush();
    }

    /** Jena writes flat JSON-LD 1.1; Titanium (Jena's own JSON-LD engine) compacts it with our context. */
    private void compactJsonLd(OutputStream out) throws IOException {
        writeCompactJsonLd(union, OntologyFiles.context(), out);
    }

    /**
     * Writes a graph as JSON-LD compacted with {@code context} (a JSON-LD document with an {@code @context}),
     * pretty-printed, with the context embedded.
     */
    public static void writeCompactJsonLd(Graph graph, String context, OutputStream out) throws IOException {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(context, "context");
        ByteArrayOutputStream flat = new ByteArrayOutputStream();
        RDFWriter.source(graph).format(RdfFormat.JSONLD.jenaFormat()).output(flat);
        try {
            JsonDocument input = JsonDocument.of(new java.io.ByteArrayInputStream(flat.toByteArray()));
            JsonDocument contextDocument = JsonDocument.of(new StringReader(context));
            JsonObject compacted = JsonLd.compact(input, contextDocument).ordered().get();
            try (JsonWriter writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                    .createWriter(new NonClosing(out))) {
                writer.writeObject(compacted);
            }
            out.write('\n');
        } catch (JsonLdError e) {
            throw new IOException("JSON-LD compaction failed: " + e.getMessage(), e);
        }
    }

    /** Lets the JSON writer close without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
