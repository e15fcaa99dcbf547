package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.store.TdbStore;
import org.ibcr.kg.store.VersionLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load killed at any moment (SIGKILL: no shutdown hook, no finally) leaves the TDB2 store holding
 * either the complete old graphs or the complete new ones, never a mix, and the store opens; a first load
 * into a new folder leaves no database or the complete one. Each time, the versions the database records
 * ({@code versions/}, once the store has settled a version left half recorded) replay, patch after patch from
 * nothing, to exactly the data the store holds: no version without its data, no data without its version.
 *
 * <p>The bundled data is loaded once; then, 20 times, {@code ibcr-kg load} starts in a child process
 * with the other data (a milestone renamed) and is killed after a delay spread from 0 to a bit more
 * than a normal load takes (the last two rounds run to the end, so both directions commit). After each kill the store is opened here, copied, and released (expelled
 * from TDB2's per-JVM cache, so the next open reads the disk again).
 */
class CrashDuringLoadTest {
    private static final int ROUNDS = 20;
    private static final String RENAMED = "Founding of the IBCR (renamed for the crash test)";

    @TempDir
    Path root;

    @Test
    void aKilledLoadLeavesTheOldGraphsOrTheNewOnes() throws Exception {
        // a bound on the whole test, not a timing claim: each load validates the data first (slower since the citations)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        Path dataA = Path.of("data");
        Path dataB = changedCopy(dataA, root.resolve("data-b"));
        DatasetGraph builtA = GraphBuild.from(CsvHistory.open(dataA)).build().dataset();
        DatasetGraph builtB = GraphBuild.from(CsvHistory.open(dataB)).build().dataset();
        Path db = root.resolve("db");

        long t0 = System.nanoTime();
        Process first = load(db, dataA);
        assertTrue(first.waitFor(2, TimeUnit.MINUTES), "the first load did not end");
        assertEquals(0, first.exitValue(), "the first load failed: " + output(first));
        long normalMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("A", which(db, builtA, builtB), "after the first load");

        String current = "A";
        int old = 0;
        int fresh = 0;
        int killed = 0;
        int aToB = 0;
        int bToA = 0;
        long maxDelay = normalMs * 13 / 10;
        List<String> log = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            if (System.nanoTime() > deadline) fail("the crash test took too long; done " + i + " of " + ROUNDS + " rounds: " + log);
            String next = current.equals("A") ? "B" : "A";
            // The last two rounds let the load finish, so that both directions (A to B, B to A) commit.
            boolean lastTwo = i >= ROUNDS - 2;
            long delay = lastTwo ? TimeUnit.MINUTES.toMillis(1) : maxDelay * i / (ROUNDS - 3);
            Process p = load(db, next.equals("A") ? dataA : dataB);
            boolean ended = p.waitFor(delay, TimeUnit.MILLISECONDS);
            if (!ended) {
                p.destroyForcibly();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the killed load did not end");
                killed++;
            } else {
                assertEquals(0, p.exitValue(), "a load that was not killed failed: " + output(p));
            }
            String now = which(db, builtA, builtB);
            log.add(delay + " ms " + (ended ? "ended" : "killed") + ": " + (now.equals(current) ? "old" : "new"));
            if (now.equals(current)) {
                old++;
            } else {
                assertEquals(next, now);
                fresh++;
                if (next.equals("B")) aToB++; else bToA++;
                current = now;
            }
        }
        long outcomesMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("CrashDuringLoadTest: normal load %d ms; %d rounds (%d killed): %d old, %d new (A->B %d, B->A %d); %d ms in all%n",
                normalMs, ROUNDS, killed, old, fresh, aToB, bToA, outcomesMs);
        System.out.println("CrashDuringLoadTest rounds: " + log);
        assertEquals(ROUNDS, old + fresh);
        assertTrue(aToB >= 1 && bToA >= 1, "both directions committed: " + log);
    }

    /**
     * The first load into a new folder takes Jena's fast loader, which is not crash-safe on its own: killed at any
     * moment, it leaves no database at all (the folder appears only when the load is complete) or the whole one.
     * Half the rounds convert in memory first, half stream the conversion into the loader ({@code --no-validate}).
     */
    @Test
    void aKilledFirstLoadLeavesNoDatabaseOrTheWholeOne() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Path data = Path.of("data");
        DatasetGraph built = GraphBuild.from(CsvHistory.open(data)).build().dataset();
        long t0 = System.nanoTime();
        Process first = load(root.resolve("db-first"), data);
        assertTrue(first.waitFor(2, TimeUnit.MINUTES), "the first load did not end");
        assertEquals(0, first.exitValue(), "the first load failed: " + output(first));
        long normalMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("A", which(root.resolve("db-first"), built, built));

        int rounds = 8;
        int none = 0;
        int whole = 0;
        List<String> log = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            if (System.nanoTime() > deadline) fail("the crash test took too long; done " + i + " of " + rounds + " rounds: " + log);
            Path db = root.resolve("db-" + i);
            boolean last = i == rounds - 1;
            long delay = last ? TimeUnit.MINUTES.toMillis(1) : normalMs * 13 / 10 * i / (rounds - 2);
            Process p = i % 2 == 0 ? load(db, data) : load(db, data, "--no-validate");
            boolean ended = p.waitFor(delay, TimeUnit.MILLISECONDS);
            if (!ended) {
                p.destroyForcibly();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the killed load did not end");
            } else {
                assertEquals(0, p.exitValue(), "a load that was not killed failed: " + output(p));
            }
            if (Files.exists(db)) {
                assertEquals("A", which(db, built, built), "round " + i);
                whole++;
            } else {
                none++;
            }
            log.add(delay + " ms " + (ended ? "ended" : "killed") + ": " + (Files.exists(db) ? "whole" : "none"));
        }
        // the check is in each round (a folder, if any, holds the whole database); the counts are for the reader
        System.out.printf("CrashDuringLoadTest first loads: %d none, %d whole: %s%n", none, whole, log);
    }

    /** Starts {@code ibcr-kg load} in a child process, its output to a file beside the store. */
    private Process load(Path db, Path data, String... options) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "org.ibcr.kg.cli.Main",
                "load", "--tdb2", db.toString(), "--data", data.toString(), "--quiet"));
        command.addAll(List.of(options));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(root.resolve("load.log").toFile()).start();
    }

    private String output(Process p) throws IOException {
        return Files.readString(root.resolve("load.log"), StandardCharsets.UTF_8);
    }

    /**
     * Opens the store and tells which build it holds: "A" or "B", every graph isomorphic to that
     * build's and no other graph; fails on a mix or anything else. Releases the store afterwards.
     */
    private static String which(Path db, DatasetGraph a, DatasetGraph b) {
        DatasetGraph copy = DatasetGraphFactory.createTxnMem();
        DatasetGraph replayed = DatasetGraphFactory.createTxnMem();
        TdbStore store = TdbStore.open(db); // settles a version the killed load left half recorded
        DatasetGraph dsg = store.dataset();
        long versions;
        try {
            Txn.executeRead(dsg, () -> dsg.find().forEachRemaining(copy::add));
            VersionLog log = store.versions();
            versions = log.latestNumber();
            for (long v = 1; v <= versions; v++) RDFPatchOps.applyChange(replayed, log.patch(v));
        } finally {
            store.close();
            TDBInternal.expel(((DatasetGraphWrapper) dsg).getWrapped(), true);
        }
        // No version recorded whose data the store does not hold, no data whose version is not recorded.
        assertTrue(versions >= 1, "the database has no version");
        assertTrue(same(copy, replayed), "the " + versions + " recorded versions replay to graph sizes " + sizes(replayed)
                + ", the store holds " + sizes(copy));
        if (same(copy, a)) return "A";
        if (same(copy, b)) return "B";
        fail("the store holds neither the old graphs nor the new ones: graph sizes " + sizes(copy)
                + ", expected " + sizes(a) + " or " + sizes(b));
        return null;
    }

    private static boolean same(DatasetGraph stored, DatasetGraph built) {
        Set<Node> names = new HashSet<>();
        stored.listGraphNodes().forEachRemaining(names::add);
        Set<Node> expected = new HashSet<>();
        built.listGraphNodes().forEachRemaining(expected::add);
        if (!names.equals(expected)) return false;
        for (Node name : expected) {
            Graph g = stored.getGraph(name);
            if (!g.isIsomorphicWith(built.getGraph(name))) return false;
        }
        return true;
    }

    private static List<String> sizes(DatasetGraph dsg) {
        List<String> sizes = new ArrayList<>();
        dsg.listGraphNodes().forEachRemaining(n -> sizes.add(n.getURI() + "=" + dsg.getGraph(n).size()));
        return sizes;
    }

    /** A copy of the data with one milestone renamed: the other build. */
    private static Path changedCopy(Path data, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(data)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, target.resolve(f.getFileName().toString()));
        }
        Path milestones = target.resolve("milestones.csv");
        String text = Files.readString(milestones, StandardCharsets.UTF_8);
        assertTrue(text.contains(",Founding of the IBCR,"), "data/milestones.csv no longer names 'Founding of the IBCR'");
        Files.writeString(milestones, text.replace(",Founding of the IBCR,", "," + RENAMED + ","), StandardCharsets.UTF_8);
        return target;
    }
}
