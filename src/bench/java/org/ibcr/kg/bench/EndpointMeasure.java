package org.ibcr.kg.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;

import static org.ibcr.kg.bench.Report.count;
import static org.ibcr.kg.bench.Report.num;
import static org.ibcr.kg.bench.Report.ratio;
import static org.ibcr.kg.bench.Report.row;

/**
 * endpoint: a query mix over HTTP GET at {@code /ibcr/sparql} — every file of queries/, DESCRIBE of resources and
 * label look-ups (the resource of an English label) — with wrk at 1, 8 and 32 connections, against our server
 * ({@code serve --tdb2}) and stock Fuseki main, each in turn on the same TDB2 database of the bundled data, each
 * warmed up first. Throughput, p50 and p99 latency, failed requests.
 */
final class EndpointMeasure {
    private EndpointMeasure() {}

    /** The request mix, against the resources of the data. */
    static List<Wrk.Request> mix(List<Servers.Resource> resources) throws IOException {
        List<Wrk.Request> mix = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("queries"))) {
            files = list.filter(p -> p.toString().endsWith(".rq")).sorted().toList();
        }
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            Query q = QueryFactory.create(text);
            mix.add(sparql(text, q.isSelectType() || q.isAskType() ? "application/sparql-results+json" : "text/turtle"));
        }
        for (Servers.Resource r : resources) {
            mix.add(sparql("DESCRIBE <" + r.iri() + ">", "text/turtle"));
            mix.add(sparql("SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> \"" + r.label().replace("\\", "\\\\")
                    .replace("\"", "\\\"") + "\"@en }", "application/sparql-results+json"));
        }
        return mix;
    }

    private static Wrk.Request sparql(String query, String accept) {
        return new Wrk.Request("/ibcr/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8), accept);
    }

    static void run(Bench b) throws IOException {
        BenchSettings s = b.settings;
        Path db = Servers.bundledStore(b);
        Wrk wrk = Wrk.create(b.logs()).seconds(s.wrkSeconds());
        Wrk warm = Wrk.create(b.logs()).seconds(s.warmupSeconds());
        List<Wrk.Request> mix;
        List<Wrk.Result> ours = new ArrayList<>();
        List<Wrk.Result> stock = new ArrayList<>();
        int port = ServerProcess.freePort();
        try (ServerProcess server = Servers.ours(b, db, port, "endpoint-ours")) {
            String base = "http://127.0.0.1:" + port;
            mix = mix(Servers.resources(base, 10));
            warm.run(base, mix, 8, "endpoint-ours-warmup");
            for (int c : s.connections()) ours.add(wrk.run(base, mix, c, "endpoint-ours-" + c));
        }
        port = ServerProcess.freePort();
        try (ServerProcess server = Servers.stock(b, db, port, "endpoint-stock")) {
            String base = "http://127.0.0.1:" + port;
            warm.run(base, mix, 8, "endpoint-stock-warmup");
            for (int c : s.connections()) stock.add(wrk.run(base, mix, c, "endpoint-stock-" + c));
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < s.connections().size(); i++) {
            Wrk.Result o = ours.get(i);
            Wrk.Result f = stock.get(i);
            int c = s.connections().get(i);
            rows.add(row(Integer.toString(c), count(o.perSecond()), num(o.p50(), 2), num(o.p99(), 2), count(o.failed()),
                    count(f.perSecond()), num(f.p50(), 2), num(f.p99(), 2), count(f.failed()), ratio(o.perSecond() / f.perSecond())));
            b.findings.endpoint.put(c, new double[] {o.perSecond(), f.perSecond()});
        }
        b.report.note("endpoint", "Mix of " + mix.size() + " requests in turn (" + count(mix.size() - 20) + " files of queries/, "
                + "10 DESCRIBE, 10 label look-ups), " + s.wrkSeconds() + " s per run after a " + s.warmupSeconds()
                + " s warm-up, on the bundled data in TDB2; latencies in ms.");
        b.report.table("endpoint", List.of("connections", "ours: req/s", "ours: p50", "ours: p99", "ours: failed",
                "stock Fuseki: req/s", "Fuseki: p50", "Fuseki: p99", "Fuseki: failed", "ours / Fuseki"), rows);
    }
}
