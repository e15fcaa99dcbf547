package org.ibcr.kg.bench;

import java.nio.file.Path;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDFBase;
import org.ibcr.kg.store.TdbStore;

/**
 * Our loading path fed from an N-Triples file instead of the tables: {@link TdbStore#create} (Jena's phased loader
 * into a folder renamed into place when complete, as {@code load --tdb2} does for a new database) puts every triple
 * of the file into one named graph. It separates what our loader costs from what converting the tables costs.
 * Prints {@code quads=N}.
 *
 * <pre>{@code
 * java -Xmx2g -cp <test classpath> org.ibcr.kg.bench.NtIntoTdbStore in.nt db/
 * }</pre>
 */
public final class NtIntoTdbStore {
    private NtIntoTdbStore() {}

    public static void main(String[] args) throws java.io.IOException {
        if (args.length != 2) {
            System.err.println("usage: NtIntoTdbStore IN.nt TDB2-DIR");
            System.exit(2);
        }
        Node graph = NodeFactory.createURI("https://w3id.org/ibcr/graph/data");
        long quads = TdbStore.create(Path.of(args[1]), out -> RDFParser.source(Path.of(args[0])).lang(Lang.NTRIPLES)
                .parse(new StreamRDFBase() {
                    @Override
                    public void triple(org.apache.jena.graph.Triple t) {
                        out.quad(org.apache.jena.sparql.core.Quad.create(graph, t));
                    }
                }), (fmt, a) -> {});
        System.out.println("quads=" + quads);
    }
}
