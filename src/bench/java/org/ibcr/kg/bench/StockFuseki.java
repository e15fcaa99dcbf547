package org.ibcr.kg.bench;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;

/**
 * The endpoint's peer: a stock Fuseki main serving a TDB2 database at {@code /ibcr}, with none of our modules (no
 * linked data, limits, rate limit or gzip). The default graph is the union of the named graphs, a TDB2 setting,
 * as our server has it, so the same queries give the same answers.
 *
 * <pre>{@code
 * java -Xmx1g -cp <test classpath> org.ibcr.kg.bench.StockFuseki db/ 3031
 * }</pre>
 */
public final class StockFuseki {
    private StockFuseki() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: StockFuseki TDB2-DIR PORT");
            System.exit(2);
        }
        DatasetGraph dataset = DatabaseMgr.connectDatasetGraph(args[0]);
        dataset.getContext().set(TDB2.symUnionDefaultGraph, true);
        FusekiServer server = FusekiServer.create().loopback(true).port(Integer.parseInt(args[1])).add("/ibcr", dataset).build();
        server.start();
        server.join();
    }
}
