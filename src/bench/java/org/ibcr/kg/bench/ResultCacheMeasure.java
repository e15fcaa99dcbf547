package org.ibcr.kg.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;

import static org.ibcr.kg.bench.Report.count;
import static org.ibcr.kg.bench.Report.num;
import static org.ibcr.kg.bench.Report.ratio;
import static org.ibcr.kg.bench.Report.row;

/**
 * result-cache: our endpoint with its result cache (as {@code serve} starts it) against stock Fuseki main, each on its
 * own copy of the bundled data in TDB2, at 32 connections, on two mixes of the files of queries/: one that repeats
 * (each request drawn from the files with a Zipf distribution, exponent 1, the first file the most asked: the
 * normal traffic of a public endpoint) and one that never repeats (every request the file with a trailing
 * {@code VALUES ?bench_nonce { n }}, n unique over the run: the same answer, never a cache hit, so it shows what the
 * cache costs). Paired runs as the endpoint measure ({@link PairedComparison}), warmed once.
 */
final class ResultCacheMeasure {
    /** Requests drawn for the repeating mix, in the order wrk sends them round and round. */
    static final int DRAWN = 2000;
    static final int CONNECTIONS = 32;

    private ResultCacheMeasure() {}

    /** The files of queries/, each with the Accept header the endpoint measure asks it with. */
    private static List<String[]> queries() throws IOException {
        List<String[]> out = new ArrayList<>();
        try (Stream<Path> list = Files.list(Path.of("queries"))) {
            for (Path f : list.filter(p -> p.toString().endsWith(".rq")).sorted().toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                Query q = QueryFactory.create(text);
                out.add(new String[] {text, q.isSelectType() || q.isAskType() ? "application/sparql-results+json" : "text/turtle",
                        f.getFileName().toString()});
            }
        }
        return out;
    }

    /** {@link #DRAWN} requests drawn with a Zipf distribution (exponent 1) over the files, with a fixed seed. */
    static List<Wrk.Request> repeating(List<String[]> files) {
        double[] cumulative = new double[files.size()];
        double sum = 0;
        for (int k = 0; k < files.size(); k++) cumulative[k] = sum += 1.0 / (k + 1);
        Random random = new Random(1);
        List<Wrk.Request> mix = new ArrayList<>();
        for (int i = 0; i < DRAWN; i++) {
            double u = random.nextDouble() * sum;
            int k = 0;
            while (cumulative[k] < u) k++;
            mix.add(request(files.get(k)[0], files.get(k)[1]));
        }
        return mix;
    }

    /** Every file once, each request made unique by wrk ({@link Wrk#UNIQUE}) through a VALUES clause it does not use. */
    static List<Wrk.Request> unique(List<String[]> files) {
        List<Wrk.Request> mix = new ArrayList<>();
        for (String[] f : files) mix.add(request(f[0] + "\nVALUES ?bench_nonce { " + Wrk.UNIQUE + " }\n", f[1]));
        return mix;
    }

    private static Wrk.Request request(String query, String accept) {
        return new Wrk.Request("/ibcr/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8), accept);
    }

    static void run(Bench b) throws Exception {
        BenchSettings s = b.settings;
        Path db = Servers.bundledStore(b);
        Path peerDb = Servers.bundledStoreCopy(b);
        Wrk wrk = Wrk.create(b.logs()).seconds(s.wrkSeconds()).pinning(b.pinning);
        Wrk warm = Wrk.create(b.logs()).seconds(s.warmupSeconds()).pinning(b.pinning);
        List<List<String>> rows = new ArrayList<>();
        int warmRounds;
        boolean warmSteady;
        QuietCore quiet;
        List<String[]> files;
        List<String> leftOut;
        int oursPort = ServerProcess.freePort();
        int stockPort = ServerProcess.freePort();
        try (ServerProcess ours = Servers.ours(b, db, oursPort, "result-cache-ours", b.pinning, true);
                ServerProcess stock = Servers.stock(b, peerDb, stockPort, "result-cache-stock", b.pinning)) {
            String oursBase = "http://127.0.0.1:" + oursPort;
            String stockBase = "http://127.0.0.1:" + stockPort;
            List<String[]> all = queries();
            // only what both answer alike is compared (stock Fuseki has no full-text index)
            List<String> differing = SameAnswers.differing(oursBase + "/ibcr/sparql", stockBase + "/ibcr/sparql",
                    all.stream().map(q -> q[0]).toList());
            files = all.stream().filter(q -> !differing.contains(q[0])).toList();
            leftOut = all.stream().filter(q -> differing.contains(q[0])).map(q -> q[2]).toList();
            List<Wrk.Request> unique = unique(files);
            // warmed on the never-repeating mix: the engines compile, and no answer of the measured runs is kept yet
            quiet = QuietCore.of(List.of(ours, stock)).speed(MachineSpeed.create(b.pinning, b.settings.work()));
            Warmup warmup = Warmup.of(warm, unique, 8).quiet(quiet).maxRounds(s.maxWarmupRounds());
            warmRounds = warmup.run("ours", oursBase, "stock", stockBase, "result-cache");
            warmSteady = warmup.steady();
            for (String kind : List.of("repeating", "never repeating")) {
                List<Wrk.Request> mix = kind.equals("repeating") ? repeating(files) : unique;
                String tag = kind.equals("repeating") ? "zipf" : "unique";
                System.out.println("result cache, " + kind + " mix, at " + CONNECTIONS + " connections:");
                PairedComparison.Result<EndpointMeasure.Load> r = b.compare(
                                "ours", pair -> EndpointMeasure.Load.of(ours, quiet, () -> wrk.run(oursBase, mix, CONNECTIONS, "result-cache-ours-" + tag + "-" + pair)),
                                "stock Fuseki", pair -> EndpointMeasure.Load.of(stock, quiet, () -> wrk.run(stockBase, mix, CONNECTIONS, "result-cache-stock-" + tag + "-" + pair)))
                        .higherIsBetter(l -> l.wrk().perSecond()).run();
                if (kind.equals("repeating")) b.findings.resultCacheRepeating = r;
                else b.findings.resultCacheUnique = r;
                rows.add(row(kind, count(r.medianOurs()), num(r.medianOurs(l -> l.wrk().p50()), 2), num(r.medianOurs(l -> l.wrk().p99()), 2),
                        count(EndpointMeasure.failed(r.oursRuns())), num(r.medianOurs(EndpointMeasure.Load::cpuPerRequest), 2),
                        count(r.medianPeer()), num(r.medianPeer(l -> l.wrk().p50()), 2), num(r.medianPeer(l -> l.wrk().p99()), 2),
                        count(EndpointMeasure.failed(r.peerRuns())), num(r.medianPeer(EndpointMeasure.Load::cpuPerRequest), 2),
                        ratio(r.medianRatio()), EndpointMeasure.spread(r), EndpointMeasure.pairsCell(r)));
            }
        }
        b.report.note("result-cache", "The " + count(files.size()) + " files of queries/" + (leftOut.isEmpty() ? "" : " (left out, since the two servers answer them "
                + "differently: " + String.join(", ", leftOut) + "; stock Fuseki has no full-text index)") + " at " + CONNECTIONS + " connections, on the bundled "
                + "data in TDB2: ours as `serve` starts it (result cache on, 64 MiB) against stock Fuseki. Repeating mix: " + count(DRAWN)
                + " requests drawn with a Zipf distribution (exponent 1, fixed seed), sent in turn. Never repeating: each file in turn "
                + "with a trailing `VALUES ?bench_nonce { n }`, n unique over the whole benchmark (warm-up and every pair), so no answer is ever asked twice. Both servers "
                + "on the never-repeating mix, " + Warmup.describe(s.warmupSeconds(), 8, warmRounds, s.maxWarmupRounds(), warmSteady) + "; then "
                + EndpointMeasure.pairs(s.pairs()) + " of " + s.wrkSeconds() + "-s wrk runs per mix, ours and Fuseki in turn; " + quiet.describe() + "; " + quiet.speedDescribed() + "; "
                + b.pinning.description() + ". Medians over the pairs, latencies in ms, CPU ms/req as in the endpoint table.");
        b.report.table("result-cache", List.of("mix", "ours: req/s", "ours: p50", "ours: p99", "ours: failed", "ours: CPU ms/req",
                "stock Fuseki: req/s", "Fuseki: p50", "Fuseki: p99", "Fuseki: failed", "Fuseki: CPU ms/req", "ours / Fuseki (median)",
                "lowest–highest pair", "pairs"), rows);
    }
}
