package org.ibcr.kg.write;

import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.Quad;

/**
 * A {@link StreamRDF} that hands what it receives, in batches and in order, to another {@code StreamRDF}
 * running on its own thread: conversion and writing then use two cores, and a bounded queue keeps memory
 * flat. The output is the same as writing directly, event for event. An error of the writer thread is
 * thrown to the producer at its next hand-off or at {@link #finish()}, which waits for the writer; a
 * producer that fails calls {@link #abort()}.
 *
 * <pre>{@code
 * StreamRDF out = BackgroundStreamRDF.around(StreamRDFWriter.getWriterStream(os, RDFFormat.NTRIPLES_UTF8));
 * out.start();
 * out.triple(t);
 * out.finish(); // waits until everything is written
 * }</pre>
 */
public final class BackgroundStreamRDF implements StreamRDF {
    private static final int BATCH = 4096;
    private static final int BATCHES_IN_FLIGHT = 8;
    private static final Object[] END = new Object[0];

    /** An event other than a triple or quad (start, prefix, base, version), replayed on the writer thread. */
    private interface Event {
        void replay(StreamRDF out);
    }

    private final StreamRDF out;
    private final BlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(BATCHES_IN_FLIGHT);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread writer;
    private Object[] batch = new Object[BATCH];
    private int size;

    private BackgroundStreamRDF(StreamRDF out) {
        this.out = out;
        this.writer = new Thread(this::drain, "rdf-writer");
        writer.setDaemon(true);
    }

    /** Wraps {@code out}; the writer thread starts with {@link #start()}. */
    public static BackgroundStreamRDF around(StreamRDF out) {
        return new BackgroundStreamRDF(Objects.requireNonNull(out, "out"));
    }

    private void drain() {
        try {
            while (true) {
                Object[] items = queue.take();
                if (items == END) return;
                for (Object item : items) {
                    if (item == null) break;
                    if (item instanceof Triple t) out.triple(t);
                    else if (item instanceof Quad q) out.quad(q);
                    else ((Event) item).replay(out);
                }
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
            queue.clear(); // unblock a producer waiting for room
        }
    }

    private void add(Object item) {
        batch[size++] = item;
        if (size == BATCH) handOff();
    }

    private void handOff() {
        put(batch);
        batch = new Object[BATCH];
        size = 0;
    }

    private void put(Object[] items) {
        rethrow();
        try {
            while (!queue.offer(items, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                rethrow();
                if (!writer.isAlive()) throw new IllegalStateException("the RDF writer thread has stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing RDF", e);
        }
    }

    private void rethrow() {
        Throwable e = failure.get();
        if (e instanceof RuntimeException r) throw r;
        if (e instanceof Error err) throw err;
        if (e != null) throw new IllegalStateException(e);
    }

    @Override
    public void start() {
        writer.start();
        add((Event) StreamRDF::start);
    }

    @Override
    public void triple(Triple triple) {
        add(triple);
    }

    @Override
    public void quad(Quad quad) {
        add(quad);
    }

    @Override
    public void base(String base) {
        add((Event) o -> o.base(base));
    }

    @Override
    public void prefix(String prefix, String iri) {
        add((Event) o -> o.prefix(prefix, iri));
    }

    @Override
    public void version(String version) {
        add((Event) o -> o.version(version));
    }

    /** Stops the writer thread without finishing the output, after the producer failed. */
    public void abort() {
        writer.interrupt();
    }

    @Override
    public void finish() {
        add((Event) StreamRDF::finish);
        handOff();
        put(END);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing RDF", e);
        }
        rethrow();
    }
}
