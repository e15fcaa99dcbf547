package org.ibcr.kg.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.ibcr.kg.write.AtomicFile;

/**
 * The ceiling of conversion: Jena RIOT writing the very triples our converter wrote, from memory, to an N-Triples
 * file the same way {@code convert} writes (through {@link AtomicFile}). Parsing the input is not timed. No converter
 * writing N-Triples with RIOT can beat this rate. Prints {@code triples=N writeMillis=M}.
 *
 * <pre>{@code
 * java -Xmx8g -cp <test classpath> org.ibcr.kg.bench.RiotCeiling in.nt out.nt
 * }</pre>
 */
public final class RiotCeiling {
    private RiotCeiling() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: RiotCeiling IN.nt OUT.nt");
            System.exit(2);
        }
        List<Triple> triples = new ArrayList<>();
        RDFParser.source(Path.of(args[0])).lang(Lang.NTRIPLES).parse(new StreamRDFBase() {
            @Override
            public void triple(Triple triple) {
                triples.add(triple);
            }
        });
        long start = System.nanoTime();
        AtomicFile.write(Path.of(args[1]), out -> {
            StreamRDF writer = StreamRDFWriter.getWriterStream(out, RDFFormat.NTRIPLES_UTF8);
            writer.start();
            for (Triple t : triples) writer.triple(t);
            writer.finish();
        });
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("triples=" + triples.size() + " writeMillis=" + millis);
    }
}
