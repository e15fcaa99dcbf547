package org.ibcr.kg.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.junit.jupiter.api.Test;

/** Writing through the background thread gives the very bytes of writing directly, and failures surface. */
class BackgroundStreamRDFTest {
    private static final int COUNT = 50_000; // several batches and a partial last one

    private static void emit(StreamRDF out) {
        out.start();
        out.prefix("ex", "http://example.org/");
        for (int i = 0; i < COUNT; i++) {
            out.triple(Triple.create(NodeFactory.createURI("http://example.org/s" + i),
                    NodeFactory.createURI("http://example.org/p"), NodeFactory.createLiteralString("value " + i)));
        }
        out.finish();
    }

    @Test
    void sameBytesAsWritingDirectly() {
        ByteArrayOutputStream direct = new ByteArrayOutputStream();
        emit(StreamRDFWriter.getWriterStream(direct, RDFFormat.NTRIPLES_UTF8));
        ByteArrayOutputStream background = new ByteArrayOutputStream();
        emit(BackgroundStreamRDF.around(StreamRDFWriter.getWriterStream(background, RDFFormat.NTRIPLES_UTF8)));
        assertEquals(COUNT, direct.toString().lines().count());
        assertArrayEquals(direct.toByteArray(), background.toByteArray());
    }

    @Test
    void aFailingWriterStopsTheProducer() {
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }
        };
        RuntimeException e = assertThrows(RuntimeException.class, () -> assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> emit(BackgroundStreamRDF.around(StreamRDFWriter.getWriterStream(full, RDFFormat.NTRIPLES_UTF8)))));
        assertFalse(e.getMessage() == null && e.getCause() == null, "the writer's error is reported");
    }

    @Test
    void abortEndsTheWriterThread() throws InterruptedException {
        BackgroundStreamRDF out = BackgroundStreamRDF.around(StreamRDFWriter.getWriterStream(OutputStream.nullOutputStream(), RDFFormat.NTRIPLES_UTF8));
        out.start();
        out.triple(Triple.create(NodeFactory.createURI("http://example.org/s"), NodeFactory.createURI("http://example.org/p"),
                NodeFactory.createURI("http://example.org/o")));
        out.abort();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("rdf-writer"))) {
            Thread.sleep(20);
        }
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("rdf-writer")), "writer thread still running");
    }
}
