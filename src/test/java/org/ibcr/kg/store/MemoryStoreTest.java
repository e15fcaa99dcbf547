package org.ibcr.kg.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.UpdateExec;
import org.apache.jena.system.Txn;

import org.junit.jupiter.api.Test;

/** The in-memory dataset {@code serve} fills: its default graph is the union of its named graphs, like a TDB2 store's. */
class MemoryStoreTest {
    private static final Node A = NodeFactory.createURI("urn:x-test:graph-a");
    private static final Node B = NodeFactory.createURI("urn:x-test:graph-b");
    private static final Node S = NodeFactory.createURI("urn:x-test:s");
    private static final Node P = NodeFactory.createURI("urn:x-test:p");

    private static DatasetGraph twoGraphs() {
        DatasetGraph graphs = DatasetGraphFactory.createGeneral();
        graphs.add(A, S, P, NodeFactory.createLiteralString("in a"));
        graphs.add(A, S, P, NodeFactory.createLiteralString("in both"));
        graphs.add(B, S, P, NodeFactory.createLiteralString("in both"));
        graphs.add(B, S, P, NodeFactory.createLiteralString("in b"));
        return graphs;
    }

    private static Set<String> objects(DatasetGraph dsg, String query) {
        Set<String> seen = new HashSet<>();
        Txn.executeRead(dsg, () -> QueryExec.dataset(dsg).query(query).select()
                .forEachRemaining(row -> seen.add(row.get("o").getLiteralLexicalForm())));
        return seen;
    }

    @Test
    void queriesOfTheDefaultGraphSeeEveryNamedGraphOnce() {
        DatasetGraph served = MemoryStore.copyOf(twoGraphs());
        assertEquals(Set.of("in a", "in both", "in b"), objects(served, "SELECT ?o { <urn:x-test:s> ?p ?o }"));
        long rows = Txn.calculateRead(served, () -> QueryExec.dataset(served)
                .query("SELECT ?o { <urn:x-test:s> ?p ?o }").select().stream().count());
        assertEquals(3, rows, "a triple in two graphs is one triple of the union");
        assertEquals(Set.of("in b", "in both"), objects(served, "SELECT ?o { GRAPH <urn:x-test:graph-b> { ?s ?p ?o } }"));
    }

    @Test
    void aFailedUpdateLeavesTheDataAsItWas() {
        DatasetGraph served = MemoryStore.copyOf(twoGraphs());
        // The first operation runs, the second fails (LOAD of a file that is not there): nothing of it stays.
        String update = "INSERT DATA { GRAPH <urn:x-test:graph-a> { <urn:x-test:s> <urn:x-test:p> \"added\" } } ;"
                + " LOAD <file:///nonexistent/ibcr-missing.ttl> INTO GRAPH <urn:x-test:graph-a>";
        assertThrows(RuntimeException.class, () -> Txn.executeWrite(served, () -> UpdateExec.dataset(served).update(update).execute()));
        assertEquals(Set.of("in a", "in both", "in b"), objects(served, "SELECT ?o { ?s ?p ?o }"));
    }

    @Test
    void theCopyIsItsOwn() {
        DatasetGraph graphs = twoGraphs();
        DatasetGraph served = MemoryStore.copyOf(graphs);
        graphs.add(A, S, P, NodeFactory.createLiteralString("later"));
        assertTrue(Txn.calculateRead(served, () -> !served.contains(A, S, P, NodeFactory.createLiteralString("later"))));
        assertEquals(4, Txn.calculateRead(served, () -> served.stream(Node.ANY, Node.ANY, Node.ANY, Node.ANY)
                .filter(q -> !Quad.isDefaultGraph(q.getGraph())).count()));
    }
}
