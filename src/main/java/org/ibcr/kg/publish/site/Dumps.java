package org.ibcr.kg.publish.site;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.ibcr.kg.publish.http.Body;
import org.ibcr.kg.vocab.Namespaces;
import org.ibcr.kg.write.RdfFormat;
import org.ibcr.kg.write.RdfWriter;

/**
 * The dumps of the whole dataset, built once per data version (the first time one is asked for) with the
 * same writers as {@code ibcr-kg convert}, and kept in memory with their ETags; and the dated dumps of the
 * versions kept ({@link #DATED}, {@code /dumps/{version}/...}), rebuilt from the version patches.
 */
final class Dumps {
    /** A dump file: its name, the format inside, and whether it is gzipped. */
    record File(String name, DocumentFormat format, boolean gzip) {
        static File of(String name) {
            boolean gzip = name.endsWith(".gz");
            String plain = gzip ? name.substring(0, name.length() - 3) : name;
            return new File(name, DocumentFormat.byExtension(plain.substring(plain.lastIndexOf('.') + 1)).orElseThrow(), gzip);
        }
    }

    /** One dump: its file and body. */
    record Dump(File file, Body body) {
        String name() {
            return file.name();
        }
    }

    /** The dumps, in the order they are listed. */
    static final List<File> FILES = Stream.of("ibcr.ttl", "ibcr.nt.gz", "ibcr.nt", "ibcr.jsonld", "ibcr.rdf", "ibcr.trig").map(File::of).toList();
    /** The dumps of each kept version: {@code /dumps/{version}/{name}}. */
    static final List<File> DATED = Stream.of("ibcr.nt.gz", "ibcr.ttl", "ibcr.trig").map(File::of).toList();
    /** Default number of versions whose dumps are kept, the newest. */
    static final int DEFAULT_KEPT = 10;

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
        Map<String, Dump> result = new LinkedHashMap<>();
        for (File file : FILES) result.put(file.name(), new Dump(file, write(copy, file, canonicalBase)));
        return result;
    }

    /** A dump of a copy of the dataset (its named graphs), written as {@code ibcr-kg convert} writes it. */
    static Body write(DatasetGraph copy, File file, String canonicalBase) {
        Graph union = GraphFactory.createDefaultGraph();
        java.util.List<org.apache.jena.graph.Node> names = new java.util.ArrayList<>();
        copy.listGraphNodes().forEachRemaining(names::add);
        names.sort(java.util.Comparator.comparing(org.apache.jena.graph.Node::getURI));
        for (var name : names) copy.getGraph(name).find().forEachRemaining(union::add);
        RdfFormat format = file.format().converterFormat();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            RdfWriter writer = RdfWriter.create(copy, union).prefixes(Namespaces.forBase(canonicalBase));
            if (file.gzip()) {
                try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
                    writer.write(format, gz);
                }
            } else {
                writer.write(format, bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The .gz file is served as what it is, a gzip file; its content is N-Triples.
        return Body.of(bytes.toByteArray(), file.gzip() ? "application/gzip" : file.format().mediaType());
    }
}
