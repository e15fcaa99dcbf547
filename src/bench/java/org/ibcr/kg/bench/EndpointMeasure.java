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
 * ({@code serve --tdb2}) and stock Fuseki main, each on its own copy of the same TDB2 database of the bundled data (a
 * database is locked by the process that opens it). Both are up for the whole comparison and warmed once; then at
 * each connection count wrk loads them in alternating pairs ({@link PairedComparison}), pinned apart from them
 * ({@link Pinning}). Throughput, p50 and p99 latency, failed requests: medians over the pairs. Ours runs with its result
 * cache off ({@code --result-cache 0}): this measure compares the query engines; {@link ResultCacheMeasure} the cache.
 */
final class EndpointMeasure {
    private EndpointMeasure() {}

    /** The queries of the mix, each with its Accept header: every file of queries/, then a DESCRIBE and a label look-up per resource. */
    static List<String[]> queries(List<Servers.Resource> resources) throws IOException {
        List<String[]> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("queries"))) {
            files = list.filter(p -> p.toString().endsWith(".rq")).sorted().toList();
        }
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            Query q = QueryFactory.create(text);
            out.add(new String[] {text, q.isSelectType() || q.isAskType() ? "application/sparql-results+json" : "text/turtle", f.getFileName().toString()});
        }
        for (Servers.Resource r : resources) {
            out.add(new String[] {"DESCRIBE <" + r.iri() + ">", "text/turtle", "DESCRIBE"});
            out.add(new String[] {"SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> \"" + r.label().replace("\\", "\\\\")
                    .replace("\"", "\\\"") + "\"@en }", "application/sparql-results+json", "label"});
        }
        return out;
    }

    private static Wrk.Request sparql(String query, String accept) {
        return new Wrk.Request("/ibcr/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8), accept);
    }

    static void run(Bench b) throws Exception {
        BenchSettings s = b.settings;
        Path db = Servers.bundledStore(b);
        Path peerDb = Servers.bundledStoreCopy(b);
        Wrk wrk = Wrk.create(b.logs()).seconds(s.wrkSeconds()).pinning(b.pinning);
        Wrk warm = Wrk.create(b.logs()).seconds(s.warmupSeconds()).pinning(b.pinning);
        List<List<String>> rows = new ArrayList<>();
        List<Wrk.Request> mix;
        List<String> leftOut;
        int files;
        int warmRounds;
        boolean warmSteady;
        QuietCore quiet;
        // Both servers stay up for the whole comparison, each started and warmed once: the pairs differ only in which
        // of them wrk is loading.
        int oursPort = ServerProcess.freePort();
        int stockPort = ServerProcess.freePort();
        try (ServerProcess ours = Servers.ours(b, db, oursPort, "endpoint-ours", b.pinning, false);
                ServerProcess stock = Servers.stock(b, peerDb, stockPort, "endpoint-stock", b.pinning)) {
            String oursBase = "http://127.0.0.1:" + oursPort;
            String stockBase = "http://127.0.0.1:" + stockPort;
            List<String[]> queries = queries(Servers.resources(oursBase, 10));
            // only what both answer alike is compared (stock Fuseki has no full-text index)
            List<String> differing = SameAnswers.differing(oursBase + "/ibcr/sparql", stockBase + "/ibcr/sparql",
                    queries.stream().map(q -> q[0]).toList());
            leftOut = queries.stream().filter(q -> differing.contains(q[0])).map(q -> q[2]).toList();
            mix = queries.stream().filter(q -> !differing.contains(q[0])).map(q -> sparql(q[0], q[1])).toList();
            files = (int) queries.stream().filter(q -> q[2].endsWith(".rq") && !differing.contains(q[0])).count();
            quiet = QuietCore.of(List.of(ours, stock)).speed(MachineSpeed.create(b.pinning, b.settings.work()));
            Warmup warmup = Warmup.of(warm, mix, 8).quiet(quiet).maxRounds(s.maxWarmupRounds());
            warmRounds = warmup.run("ours", oursBase, "stock", stockBase, "endpoint");
            warmSteady = warmup.steady();
            for (int c : s.connections()) {
                System.out.println("endpoint at " + c + " connections:");
                PairedComparison.Result<Load> r = b.compare(
                                "ours", pair -> Load.of(ours, quiet, () -> wrk.run(oursBase, mix, c, "endpoint-ours-" + c + "-" + pair)),
                                "stock Fuseki", pair -> Load.of(stock, quiet, () -> wrk.run(stockBase, mix, c, "endpoint-stock-" + c + "-" + pair)))
                        .higherIsBetter(l -> l.wrk().perSecond()).run();
                b.findings.endpoint.put(c, r);
                // CPU per request, pair by pair: the peer's over ours, so above 1 ours is cheaper
                List<Double> cpu = r.pairs().stream().filter(PairedComparison.Pair::complete)
                        .map(p -> p.peerRun().cpuPerRequest() / p.oursRun().cpuPerRequest()).toList();
                rows.add(row(Integer.toString(c), count(r.medianOurs()), num(r.medianOurs(l -> l.wrk().p50()), 2),
                        num(r.medianOurs(l -> l.wrk().p99()), 2), count(failed(r.oursRuns())), num(r.medianOurs(Load::cpuPerRequest), 1),
                        count(r.medianPeer()), num(r.medianPeer(l -> l.wrk().p50()), 2), num(r.medianPeer(l -> l.wrk().p99()), 2),
                        count(failed(r.peerRuns())), num(r.medianPeer(Load::cpuPerRequest), 1),
                        ratio(r.medianRatio()), spread(r), pairsCell(r), PairedComparison.Spread.cell(cpu, "pair", Report::ratio)));
            }
        }
        b.report.note("endpoint", "Mix of " + mix.size() + " requests in turn (" + count(files) + " files of queries/, "
                + "10 DESCRIBE, 10 label look-ups" + (leftOut.isEmpty() ? "" : "; left out, since the two servers answer them differently: "
                + String.join(", ", leftOut) + " (stock Fuseki has no full-text index)") + "), on the bundled data in TDB2; ours with its result cache off (--result-cache 0: "
                + "this table compares query engines, the result-cache table the cache). Both servers up together, "
                + Warmup.describe(s.warmupSeconds(), 8, warmRounds, s.maxWarmupRounds(), warmSteady) + "; then at each connection count " + pairs(s.pairs()) + " of " + s.wrkSeconds()
                + "-s wrk runs, ours and Fuseki in turn (the first of each pair alternating); " + quiet.describe() + "; " + quiet.speedDescribed() + "; " + b.pinning.description()
                + ". Figures are medians over the pairs, latencies in ms; the ratio is the median of the pairs' ratios, "
                + "beside the lowest and highest pair. CPU ms/req is the CPU time the server process used during the run (user and "
                + "system, as the kernel counts it) over the requests answered; its ratio, pair by pair, is the peer's over ours.");
        b.report.table("endpoint", List.of("connections", "ours: req/s", "ours: p50", "ours: p99", "ours: failed", "ours: CPU ms/req",
                "stock Fuseki: req/s", "Fuseki: p50", "Fuseki: p99", "Fuseki: failed", "Fuseki: CPU ms/req", "ours / Fuseki (median)",
                "lowest–highest pair", "pairs", "CPU per request, Fuseki / ours"), rows);
    }

    /** Failed requests over every run. */
    static long failed(List<?> runs) {
        return runs.stream().mapToLong(r -> r instanceof Load l ? l.wrk().failed() : ((Wrk.Result) r).failed()).sum();
    }

    /** One wrk run against a server, and the CPU time the server used meanwhile. */
    record Load(Wrk.Result wrk, double cpuMillis) {
        interface Run {
            Wrk.Result run() throws IOException;
        }

        static Load of(ServerProcess server, Run run) throws IOException {
            return of(server, null, run);
        }

        /** As {@link #of(ServerProcess, Run)}, once the core is idle ({@code quiet}, if not null). */
        static Load of(ServerProcess server, QuietCore quiet, Run run) throws IOException {
            if (quiet != null) quiet.await();
            double before = server.cpuMillis();
            Wrk.Result r = run.run();
            return new Load(r, server.cpuMillis() - before);
        }

        /** Server CPU milliseconds per request answered (NaN if none). */
        double cpuPerRequest() {
            return wrk.requests() == 0 ? Double.NaN : cpuMillis / wrk.requests();
        }
    }

    /** The lowest and highest pair's ratio, {@code 0.91–1.04×}, or "–" with fewer than two pairs. */
    static String spread(PairedComparison.Result<?> r) {
        if (r.count() < 2) return "–";
        return ratio(r.minRatio()).replace("×", "") + "–" + ratio(r.maxRatio());
    }

    /** The pairs a wrk comparison made, and why fewer than asked. */
    static String pairsCell(PairedComparison.Result<?> r) {
        if (r.failed()) return r.count() + " (then a run answered no request)";
        if (r.count() < r.asked()) return r.count() + " of " + r.asked() + " (time budget)";
        return Integer.toString(r.count());
    }

    /** "5 pairs", "1 pair". */
    static String pairs(int n) {
        return n + (n == 1 ? " pair" : " pairs");
    }
}
