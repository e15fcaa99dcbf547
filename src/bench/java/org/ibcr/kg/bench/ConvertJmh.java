package org.ibcr.kg.bench;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.ibcr.kg.convert.ConversionStats;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.source.CsvHistory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * In-process figures of conversion, with JMH: our whole pipeline (read the tables, convert, write N-Triples) against
 * RIOT writing the same triples from memory, both into a stream that discards the bytes, so neither JVM start-up
 * nor the disk count. One operation is one whole conversion of the tables in {@code data}; the harness multiplies
 * operations per second by the triple count.
 *
 * <pre>{@code
 * new Runner(new OptionsBuilder().include(ConvertJmh.class.getName()).param("data", "data").build()).run();
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ConvertJmh {
    /** The folder of tables. */
    @Param("data")
    public String data;

    private List<Triple> triples;

    @Setup
    public void collect() {
        List<Triple> all = new ArrayList<>();
        GraphBuild.from(CsvHistory.open(Path.of(data))).stream(new StreamRDFBase() {
            @Override
            public void triple(Triple triple) {
                all.add(triple);
            }
        });
        triples = all;
    }

    /** Triples one operation writes. */
    public static long triples(Path data) {
        long[] n = {0};
        GraphBuild.from(CsvHistory.open(data)).stream(new StreamRDFBase() {
            @Override
            public void triple(Triple triple) {
                n[0]++;
            }
        });
        return n[0];
    }

    @Benchmark
    public ConversionStats ours() {
        return GraphBuild.from(CsvHistory.open(Path.of(data)))
                .stream(StreamRDFWriter.getWriterStream(OutputStream.nullOutputStream(), RDFFormat.NTRIPLES_UTF8));
    }

    @Benchmark
    public int riotWriteFromMemory() {
        StreamRDF out = StreamRDFWriter.getWriterStream(OutputStream.nullOutputStream(), RDFFormat.NTRIPLES_UTF8);
        out.start();
        for (Triple t : triples) out.triple(t);
        out.finish();
        return triples.size();
    }
}
