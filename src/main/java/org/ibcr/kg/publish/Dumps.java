package org.ibcr.kg.publish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.ibcr.kg.vocab.Namespaces;
import org.ibcr.kg.write.RdfFormat;
import org.ibcr.kg.write.RdfWriter;

/**
 * The dumps of the whole dataset, built once per data version (the first time one is asked for) with the
 * same writers as {@code ibcr-kg convert}, and kept in memory with their ETags.
 */
final class Dumps {
    /** One dump: its bytes, media type and entity tag. */
    record Dump(String name, byte[] bytes, String contentType, String rdfType, String etag) {}

    static final Map<String, RdfFormat> FILES = Map.of(
            "ibcr.ttl", RdfFormat.TURTLE, "ibcr.nt.gz", RdfFormat.NTRIPLES, "ibcr.jsonld", RdfFormat.JSONLD,
            "ibcr.rdf", RdfFormat.RDFXML, "ibcr.trig", RdfFormat.TRIG);
    static final java.util.List<String> ORDER = java.util.List.of("ibcr.ttl", "ibcr.nt.gz", "ibcr.jsonld", "ibcr.rdf", "ibcr.trig");

    private final SiteContent content;
    private final String canonicalBase;
    private final DataVersion version;
    private Map<String, Dump> dumps;
    private long builtAt;

    Dumps(SiteContent content, String canonicalBase, DataVersion version) {
        this.content = content;
        this.canonicalBase = canonicalBase;
        this.version = version;
    }

    Optional<Dump> get(String name) {
        return Optional.ofNullable(all().get(name));
    }

    synchronized Map<String, Dump> all() {
        long v = version.current(); // read before the data, as ResponseCache does
        if (dumps == null || (version.tracked() && builtAt != v)) {
            dumps = build();
            builtAt = v;
        }
        return dumps;
    }

    private Map<String, Dump> build() {
        // A copy, in one read transaction: the writers then work without holding the store.
        DatasetGraph copy = Txn.calculateRead(content.dataset(), () -> {
            DatasetGraph ds = DatasetGraphFactory.createGeneral();
            content.dataset().listGraphNodes().forEachRemaining(name -> {
                Graph g = GraphFactory.createDefaultGraph();
                content.dataset().getGraph(name).find().forEachRemaining(g::add);
                ds.addGraph(name, g);
            });
            return ds;
        });
        Graph union = GraphFactory.createDefaultGraph();
        java.util.List<org.apache.jena.graph.Node> names = new java.util.ArrayList<>();
        copy.listGraphNodes().forEachRemaining(names::add);
        names.sort(java.util.Comparator.comparing(org.apache.jena.graph.Node::getURI));
        for (var name : names) copy.getGraph(name).find().forEachRemaining(union::add);
        Map<String, Dump> result = new LinkedHashMap<>();
        for (String file : ORDER) {
            RdfFormat format = FILES.get(file);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                RdfWriter writer = RdfWriter.create(copy, union).prefixes(Namespaces.forBase(canonicalBase));
                if (file.endsWith(".gz")) {
                    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
                        writer.write(format, gz);
                    }
                } else {
                    writer.write(format, bytes);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byte[] body = bytes.toByteArray();
            // The .gz file is served as what it is, a gzip file; its content is N-Triples.
            result.put(file, new Dump(file, body, file.endsWith(".gz") ? "application/gzip" : format.lang().getContentType().getContentTypeStr(),
                    format.lang().getContentType().getContentTypeStr(), etag(body)));
        }
        return result;
    }

    static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
