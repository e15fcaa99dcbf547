package org.ibcr.kg.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdfpatch.RDFPatch;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.rdfpatch.changes.RDFChangesCollector;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.UpdateExec;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The versions of the data: every committed change is one, with the RDF Patch of the difference; nothing else is
 * one; on disk they survive a restart, and a version half recorded by a killed process is settled by the store.
 */
class VersionLogTest {
    private static final Node G = NodeFactory.createURI("urn:x-test:graph");
    private static final Node S = NodeFactory.createURI("urn:x-test:s");
    private static final Node LABEL = NodeFactory.createURI("http://www.w3.org/2000/01/rdf-schema#label");
    private static final Node OLD = NodeFactory.createLiteralLang("Old name", "en");
    private static final Node NEW = NodeFactory.createLiteralLang("New name", "en");
    private static final String RENAME = "DELETE DATA { GRAPH <urn:x-test:graph> { <urn:x-test:s> <" + LABEL.getURI() + "> \"Old name\"@en } };"
            + "INSERT DATA { GRAPH <urn:x-test:graph> { <urn:x-test:s> <" + LABEL.getURI() + "> \"New name\"@en } }";

    @TempDir
    Path dir;

    private static DatasetGraph graph(int rows, Node label) {
        DatasetGraph dsg = DatasetGraphFactory.createGeneral();
        dsg.add(G, S, LABEL, label);
        for (int i = 0; i < rows; i++) {
            dsg.add(G, NodeFactory.createURI("urn:x-test:r" + i), LABEL, NodeFactory.createLiteralString("row " + i));
        }
        return dsg;
    }

    /** The changes of a patch, as "A quad" and "D quad" lines. */
    private static List<String> changes(RDFPatch patch) {
        List<String> lines = new ArrayList<>();
        RDFChangesCollector seen = new RDFChangesCollector() {
            @Override
            public void add(Node g, Node s, Node p, Node o) {
                lines.add("A " + Quad.create(g, s, p, o));
            }

            @Override
            public void delete(Node g, Node s, Node p, Node o) {
                lines.add("D " + Quad.create(g, s, p, o));
            }
        };
        patch.apply(seen);
        return lines;
    }

    @Test
    void theCopyIsVersionOneAndEachChangingUpdateAnother() {
        DatasetGraph served = MemoryStore.copyOf(graph(3, OLD));
        VersionLog log = VersionLog.of(served).orElseThrow();
        assertEquals(1, log.latestNumber());
        assertEquals(4, changes(log.patch(1)).size(), "version 1 adds every quad of the copy");

        Txn.executeWrite(served, () -> UpdateExec.dataset(served).update(RENAME).execute());
        assertEquals(2, log.latestNumber());
        assertEquals(List.of("D " + Quad.create(G, S, LABEL, OLD), "A " + Quad.create(G, S, LABEL, NEW)), changes(log.patch(2)));
        assertFalse(log.versions().get(1).time().isBefore(log.versions().get(0).time()), "versions are in time order");
        assertEquals(NodeFactory.createURI("urn:x-ibcr:version:1"), log.patch(2).getPrevious(), "the patch names the one before");

        // Writes that change nothing are no version: the same label again, a quad added and removed, an abort.
        Txn.executeWrite(served, () -> UpdateExec.dataset(served)
                .update("INSERT DATA { GRAPH <urn:x-test:graph> { <urn:x-test:s> <" + LABEL.getURI() + "> \"New name\"@en } }").execute());
        Txn.executeWrite(served, () -> {
            served.add(G, S, S, S);
            served.delete(G, S, S, S);
        });
        served.begin(org.apache.jena.query.TxnType.WRITE);
        served.add(G, S, S, S);
        served.abort();
        served.end();
        assertEquals(2, log.latestNumber(), "no version for writes that change nothing: " + log);
        assertFalse(Txn.calculateRead(served, () -> served.contains(G, S, S, S)));
    }

    @Test
    void aLoadIntoAnExistingDatabaseRecordsTheDifferenceAndVersionsSurviveARestart() {
        Path db = dir.resolve("db");
        try (TdbStore store = TdbStore.open(db)) {
            store.replaceGraphs(graph(200, OLD), (fmt, args) -> {});
            assertEquals(1, store.versions().latestNumber());
            assertEquals(201, changes(store.versions().patch(1)).size());
            store.replaceGraphs(graph(200, NEW), (fmt, args) -> {});
            assertEquals(List.of("D " + Quad.create(G, S, LABEL, OLD), "A " + Quad.create(G, S, LABEL, NEW)),
                    changes(store.versions().patch(2)), "the load of a graph with one label changed is that change, not a delete-all");
            store.replaceGraphs(graph(200, NEW), (fmt, args) -> {});
            assertEquals(2, store.versions().latestNumber(), "loading the same graph again is no version");
            expel(store);
        }
        assertTrue(Files.exists(db.resolve("versions/00000002.rdfp.gz")), "one patch file a version, in the database's folder");
        try (TdbStore store = TdbStore.open(db)) {
            VersionLog log = store.versions();
            assertEquals(2, log.latestNumber(), "the versions are there after a restart");
            assertEquals(List.of("D " + Quad.create(G, S, LABEL, OLD), "A " + Quad.create(G, S, LABEL, NEW)), changes(log.patch(2)));
            DatasetGraph dsg = store.dataset();
            Txn.executeWrite(dsg, () -> UpdateExec.dataset(dsg)
                    .update("INSERT DATA { GRAPH <urn:x-test:graph> { <urn:x-test:s> <" + LABEL.getURI() + "> \"Third\"@en } }").execute());
            assertEquals(3, log.latestNumber(), "an update after the restart goes on from the last number");
            expel(store);
        }
    }

    @Test
    void aDatabaseBuiltByTheFastLoaderStartsAtVersionOne() throws IOException {
        Path db = dir.resolve("new");
        DatasetGraph built = graph(10, OLD);
        TdbStore.create(db, out -> built.find().forEachRemaining(out::quad), (fmt, args) -> {});
        assertTrue(Files.exists(db.resolve("versions/00000001.rdfp.gz")), "built with its version 1");
        try (TdbStore store = TdbStore.open(db)) {
            assertEquals(1, store.versions().latestNumber());
            assertEquals(11, changes(store.versions().patch(1)).size());
            expel(store);
        }
    }

    @Test
    void versionOneOfANewDatabaseIsWrittenFromTheLoadersStreamAndReplaysToItsContent() throws IOException {
        Path db = dir.resolve("streamed");
        DatasetGraph built = graph(20_000, OLD); // several batches of the writer thread
        long loaded = TdbStore.create(db, out -> built.find().forEachRemaining(out::quad), (fmt, args) -> {});
        assertEquals(20_001, loaded);
        try (TdbStore store = TdbStore.open(db)) {
            VersionLog log = store.versions();
            assertEquals(1, log.latestNumber());
            DatasetGraph replayed = DatasetGraphFactory.createGeneral();
            log.replay(1, new org.apache.jena.rdfpatch.changes.RDFChangesApply(replayed));
            assertEquals(20_001, replayed.getGraph(G).size(), "version 1 adds every quad loaded");
            assertTrue(built.getGraph(G).isIsomorphicWith(replayed.getGraph(G)), "and nothing else");
            // a change after it is version 2, numbered and linked as any other
            Txn.executeWrite(store.dataset(), () -> UpdateExec.dataset(store.dataset()).update(RENAME).execute());
            assertEquals(2, log.latestNumber());
            assertEquals(NodeFactory.createURI("urn:x-ibcr:version:1"), log.patch(2).getPrevious());
            expel(store);
        }
    }

    @Test
    void aFailedLoadLeavesNeitherDatabaseNorVersion() throws IOException {
        Path db = dir.resolve("failed");
        DatasetGraph built = graph(20_000, OLD);
        RuntimeException failure = assertThrows(RuntimeException.class, () -> TdbStore.create(db, out -> {
            int[] n = new int[1];
            built.find().forEachRemaining(q -> {
                if (++n[0] == 15_000) throw new IllegalStateException("bad row 15000");
                out.quad(q);
            });
        }, (fmt, args) -> {}));
        assertEquals("bad row 15000", failure.getMessage());
        assertFalse(Files.exists(db), "no database");
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "no half-built folder, no patch of version 1");
        }
    }

    @Test
    void anEmptyLoadHasNoVersion() throws IOException {
        Path db = dir.resolve("empty");
        TdbStore.create(db, out -> {}, (fmt, args) -> {});
        assertFalse(Files.exists(db.resolve("versions/00000001.rdfp.gz")), "nothing loaded, no version");
        try (TdbStore store = TdbStore.open(db)) {
            assertEquals(0, store.versions().latestNumber());
            expel(store);
        }
    }

    @Test
    void aPendingVersionIsKeptIfTheStoreCommittedItAndDroppedIfNot() throws IOException {
        Path db = dir.resolve("db");
        try (TdbStore store = TdbStore.open(db)) {
            store.replaceGraphs(graph(5, OLD), (fmt, args) -> {});
            // The process is killed after the store committed a change but before its version was named.
            DatasetGraph base = ((DatasetGraphWrapper) store.dataset()).getWrapped();
            Txn.executeWrite(base, () -> {
                base.delete(G, S, LABEL, OLD);
                base.add(G, S, LABEL, NEW);
            });
            expel(store);
        }
        pending(db, 2, "D <urn:x-test:s> <" + LABEL.getURI() + "> \"Old name\"@en <urn:x-test:graph> .\n"
                + "A <urn:x-test:s> <" + LABEL.getURI() + "> \"New name\"@en <urn:x-test:graph> .\n");
        try (TdbStore store = TdbStore.open(db)) {
            assertEquals(2, store.versions().latestNumber(), "the committed change is version 2");
            assertFalse(Files.exists(db.resolve("versions/pending.rdfp.gz")));
            expel(store);
        }
        // Killed after the patch was written but before the store committed: no version 3.
        pending(db, 3, "A <urn:x-test:s> <" + LABEL.getURI() + "> \"Never committed\"@en <urn:x-test:graph> .\n");
        try (TdbStore store = TdbStore.open(db)) {
            assertEquals(2, store.versions().latestNumber(), "an uncommitted change is no version");
            assertFalse(Files.exists(db.resolve("versions/pending.rdfp.gz")));
            expel(store);
        }
        // Part of it in the store: the database was changed behind the log's back, which is said, not guessed at.
        pending(db, 3, "A <urn:x-test:s> <" + LABEL.getURI() + "> \"New name\"@en <urn:x-test:graph> .\n"
                + "A <urn:x-test:s> <" + LABEL.getURI() + "> \"Never committed\"@en <urn:x-test:graph> .\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TdbStore.open(db));
        assertTrue(e.getMessage().contains("only part of the pending version 3"), e.getMessage());
    }

    private static void pending(Path db, long number, String changes) throws IOException {
        String text = "H version \"" + number + "\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
                + "H time \"" + Instant.now() + "\"^^<http://www.w3.org/2001/XMLSchema#dateTime> .\n"
                + "TX .\n" + changes + "TC .\n";
        RDFPatchOps.read(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))); // it is a patch
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(db.resolve("versions/pending.rdfp.gz")))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Releases the database from TDB2's per-process cache, so the next open reads the disk. */
    private static void expel(TdbStore store) {
        TDBInternal.expel(((DatasetGraphWrapper) store.dataset()).getWrapped(), true);
    }
}
