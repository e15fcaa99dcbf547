package org.ibcr.kg.publish.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ReadWrite;
import org.apache.jena.sparql.JenaTransactionException;
import org.apache.jena.query.TxnType;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;

/**
 * A dataset that is not TDB2, served through {@link DataVersion#watched}: every committed write moves its version
 * (so kept pages are computed again), and nothing else does (so they are kept while the data stays the same).
 */
class DataVersionTest {
    private static final org.apache.jena.graph.Node G = NodeFactory.createURI("urn:x-test:g");
    private static final org.apache.jena.graph.Node S = NodeFactory.createURI("urn:x-test:s");

    private static void write(DatasetGraph dsg, String value) {
        dsg.add(G, S, S, NodeFactory.createLiteralString(value));
    }

    @Test
    void committedWritesMoveTheVersionAndNothingElseDoes() {
        DatasetGraph served = DataVersion.watched(DatasetGraphFactory.createTxnMem());
        DataVersion version = DataVersion.of(served);
        assertTrue(version.tracked(), "a watched dataset is tracked");
        long v0 = version.current();

        Txn.executeRead(served, () -> served.find().forEachRemaining(q -> {}));
        assertEquals(v0, version.current(), "a read");

        served.begin(ReadWrite.WRITE);
        write(served, "aborted");
        served.abort();
        served.end();
        assertEquals(v0, version.current(), "an aborted write");

        served.begin(ReadWrite.WRITE);
        write(served, "ended without commit");
        // Jena aborts it, and says so
        assertThrows(JenaTransactionException.class, served::end);
        assertEquals(v0, version.current(), "a write ended without a commit");

        Txn.executeWrite(served, () -> write(served, "committed"));
        long v1 = version.current();
        assertNotEquals(v0, v1, "a committed write");

        served.begin(TxnType.READ_PROMOTE);
        served.promote();
        write(served, "promoted");
        served.commit();
        served.end();
        assertNotEquals(v1, version.current(), "a promoted, committed write");
        assertTrue(version.changed() != null, "the time of the last change is known");
    }

    @Test
    void watchingTwiceWrapsOnce() {
        DatasetGraph served = DataVersion.watched(DatasetGraphFactory.createTxnMem());
        assertSame(served, DataVersion.watched(served));
    }
}
