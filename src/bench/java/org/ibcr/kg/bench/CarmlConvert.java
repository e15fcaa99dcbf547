package org.ibcr.kg.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.eclipse.rdf4j.model.BNode;
import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.Value;

import org.ibcr.kg.write.AtomicFile;

import io.carml.engine.rdf.RdfRmlMapper;
import io.carml.logicalsourceresolver.CsvResolver;
import io.carml.model.TriplesMap;
import io.carml.util.RmlMappingLoader;
import io.carml.vocab.Rdf;

/**
 * The CARML peer of {@code ibcr-kg convert}: runs the RML mapping {@code rml/ibcr.rml.ttl} over a folder of tables
 * with CARML 0.4.11 and streams its statements, as they come, to a Jena {@link StreamRDF} (the N-Triples writer our
 * converter uses too, so the two differ only in how they map). The benchmark harness starts {@link #main} as its
 * own JVM on the test classpath; {@code CarmlMappingTest} checks that the output is isomorphic to ours.
 *
 * <pre>{@code
 * // java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 * //     org.ibcr.kg.bench.CarmlConvert data target/carml.nt
 * long triples = CarmlConvert.create().data(Path.of("data")).build().run(StreamRDFLib.graph(graph));
 * }</pre>
 */
public final class CarmlConvert {
    /** The mapping, a resource on the test classpath. */
    public static final String MAPPING = "rml/ibcr.rml.ttl";

    private final Path data;

    private CarmlConvert(Path data) {
        this.data = data;
    }

    public static Builder create() {
        return new Builder();
    }

    /** Options of a {@link CarmlConvert}. */
    public static final class Builder {
        private Path data = Path.of("data");

        private Builder() {}

        /** The folder of CSV tables (data/README.md); the mapping's sources are resolved in it. */
        public Builder data(Path data) {
            this.data = Objects.requireNonNull(data, "data");
            return this;
        }

        public CarmlConvert build() {
            return new CarmlConvert(data);
        }
    }

    /** Maps the tables and sends each statement to {@code out} (without start/finish); returns how many. */
    public long run(StreamRDF out) {
        Objects.requireNonNull(out, "out");
        Set<TriplesMap> mapping;
        try (InputStream in = CarmlConvert.class.getClassLoader().getResourceAsStream(MAPPING)) {
            if (in == null) throw new IllegalStateException("mapping " + MAPPING + " is not on the classpath");
            mapping = RmlMappingLoader.build().load(org.eclipse.rdf4j.rio.RDFFormat.TURTLE, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RdfRmlMapper mapper = RdfRmlMapper.builder()
                .triplesMaps(mapping)
                .setLogicalSourceResolver(Rdf.Ql.Csv, CsvResolver::getInstance)
                .fileResolver(data.toAbsolutePath())
                .addFunctions(CarmlFunctions.over(data))
                .build();
        AtomicLong count = new AtomicLong();
        // toStream: statements are consumed on this thread as CARML emits them, nothing collected
        try (var statements = mapper.map().toStream()) {
            statements.forEach(st -> {
                out.triple(triple(st));
                count.incrementAndGet();
            });
        }
        return count.get();
    }

    private static Triple triple(Statement st) {
        return Triple.create(node(st.getSubject()), node(st.getPredicate()), node(st.getObject()));
    }

    private static Node node(Value v) {
        if (v.isIRI()) return NodeFactory.createURI(v.stringValue());
        if (v.isBNode()) return NodeFactory.createBlankNode(((BNode) v).getID());
        Literal l = (Literal) v;
        if (l.getLanguage().isPresent()) return NodeFactory.createLiteralLang(l.getLabel(), l.getLanguage().get());
        return NodeFactory.createLiteralDT(l.getLabel(), TypeMapper.getInstance().getSafeTypeByName(l.getDatatype().stringValue()));
    }

    /** {@code CarmlConvert DATA_DIR OUTPUT.nt}: maps the tables of DATA_DIR to N-Triples, streaming. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: CarmlConvert DATA_DIR OUTPUT.nt");
            System.exit(2);
        }
        Path data = Path.of(args[0]);
        Path output = Path.of(args[1]);
        long start = System.nanoTime();
        long[] triples = new long[1];
        // written whole or not at all, as our converter writes
        AtomicFile.write(output, file -> {
            StreamRDF writer = StreamRDFWriter.getWriterStream(file, RDFFormat.NTRIPLES);
            writer.start();
            triples[0] = create().data(data).build().run(writer);
            writer.finish();
        });
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("CARML wrote " + triples[0] + " triples in " + ms + " ms to " + output);
    }
}
