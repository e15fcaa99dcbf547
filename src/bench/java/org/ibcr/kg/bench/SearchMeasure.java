package org.ibcr.kg.bench;

import static org.ibcr.kg.bench.Report.count;
import static org.ibcr.kg.bench.Report.num;
import static org.ibcr.kg.bench.Report.row;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * search: at scales 1, 100 and 3000 (those of them the run has), on the TDB2 database {@code load} has
 * just made: the search index built once in a fresh JVM ({@link SearchIndexBuild}: literals, seconds, peak heap), then
 * our server on that database, warmed by one search (which waits for its index) and by wrk, then loaded by wrk with a mix of searches
 * (a word, two words, a phrase, a word without its accents, a French plural, a word matching nothing) and then with
 * a mix of suggestions (prefixes): p50 and p99 latency, throughput. Rows are kept in {@link Bench#searchRows} and the
 * table written by {@link #write}.
 */
final class SearchMeasure {
    private SearchMeasure() {}

    /** The scales the issue asks for. */
    static final Set<Integer> SCALES = Set.of(1, 100, 3000);
    static final List<String> HEADERS = List.of("scale", "triples", "literals indexed", "index build: s", "index build: peak heap MiB",
            "search, 1 connection: p50 ms", "search, 1 connection: p99 ms", "search, 8 connections: req/s", "search, 8 connections: p50 ms",
            "search, 8 connections: p99 ms", "suggest, 1 connection: p99 ms", "suggest, 8 connections: req/s", "suggest, 8 connections: p99 ms",
            "failed");
    /** One search at a time: what a reader waits (the latency the target judges). */
    private static final int ONE = 1;
    /** Eight at once on the server's one core: its throughput, and the wait when searches queue behind each other. */
    private static final int CONNECTIONS = 8;
    private static final int COLUMNS = HEADERS.size();
    /** Warm-up rounds (of the settings' warm-up seconds, searches and suggestions together): at least, at most. */
    private static final int WARMUP_ROUNDS = 6;
    private static final int MAX_WARMUP_ROUNDS = 30;

    private static final List<String> SEARCHES = List.of("tribunal", "child trafficking", "\"armed conflict\"", "securite", "tribunaux",
            "zzyzx");
    private static final List<String> PREFIXES = List.of("tri", "sec", "child tr", "qu", "pea");
    private static final Pattern BUILT = Pattern.compile("literals=(\\d+) millis=(\\d+)");

    /** Measures the search on the database {@code db} that load made at {@code scale}. */
    static void atScale(Bench b, int scale, Path db, long triples) {
        String scaleCell = Integer.toString(scale);
        if (b.outOfTime()) {
            b.searchRows.add(unmeasured(scaleCell, count(triples), Bench.NO_TIME));
            return;
        }
        try {
            String name = "search-build-" + scale;
            ChildRun.Outcome built = ChildRun.of(b.launcher.peer(b.settings.bigHeap(), b.gcLog(name), SearchIndexBuild.class.getName(),
                    db.toString())).logs(b.logs(), name).gcLog(b.gcLog(name)).limit(b.limit()).run();
            Matcher m = BUILT.matcher(built.out());
            if (!built.ok() || !m.find()) {
                b.searchRows.add(unmeasured(scaleCell, count(triples), "failed: " + built.failure()));
                return;
            }
            String literals = count(Long.parseLong(m.group(1)));
            String seconds = num(Long.parseLong(m.group(2)) / 1000.0, 1);
            String heap = built.heap() == null ? "–" : count(built.heap().peakMiB());
            Wrk wrk = Wrk.create(b.logs()).seconds(b.settings.wrkSeconds()).pinning(b.pinning);
            int port = ServerProcess.freePort();
            try (ServerProcess server = Servers.ours(b, db, port, "search-ours-" + scale, b.pinning)) {
                String base = "http://127.0.0.1:" + port;
                warm(base);
                List<Wrk.Request> searches = new ArrayList<>();
                for (String q : SEARCHES) {
                    searches.add(new Wrk.Request("/search?q=" + encode(q), "text/html"));
                    searches.add(new Wrk.Request("/search?q=" + encode(q), "application/json"));
                }
                List<Wrk.Request> suggestions = new ArrayList<>();
                for (String q : PREFIXES) suggestions.add(new Wrk.Request("/search/suggest?q=" + encode(q), "application/json"));
                // Warmed in rounds until its rate settles, and each run begun on an idle core: on one core the JIT's
                // compilations otherwise run during the measure (a first run at scale 1 had a p99 of 91 ms, its next 14).
                List<Wrk.Request> both = new ArrayList<>(searches);
                both.addAll(suggestions);
                QuietCore quiet = QuietCore.of(List.of(server));
                Warmup warmup = Warmup.of(Wrk.create(b.logs()).seconds(b.settings.warmupSeconds()).pinning(b.pinning), both, CONNECTIONS)
                        .quiet(quiet).minRounds(WARMUP_ROUNDS).maxRounds(Math.min(b.settings.maxWarmupRounds(), MAX_WARMUP_ROUNDS));
                int rounds = warmup.run("ours", base, "search-" + scale);
                b.searchWarmups.put(scale, rounds + (warmup.steady() ? "" : ", not steady"));
                quiet.await();
                Wrk.Result s1 = wrk.run(base, searches, ONE, "search-1c-" + scale);
                quiet.await();
                Wrk.Result s = wrk.run(base, searches, CONNECTIONS, "search-" + scale);
                quiet.await();
                Wrk.Result g1 = wrk.run(base, suggestions, ONE, "suggest-1c-" + scale);
                quiet.await();
                Wrk.Result g = wrk.run(base, suggestions, CONNECTIONS, "suggest-" + scale);
                long failed = s1.failed() + s.failed() + g1.failed() + g.failed();
                b.searchRows.add(row(scaleCell, count(triples), literals, seconds, heap, num(s1.p50(), 2), num(s1.p99(), 2),
                        count(s.perSecond()), num(s.p50(), 2), num(s.p99(), 2), num(g1.p99(), 2), count(g.perSecond()), num(g.p99(), 2),
                        count(failed)));
                if (scale > b.findings.searchScale) {
                    b.findings.searchScale = scale;
                    b.findings.searchTriples = triples;
                    b.findings.searchP99 = failed > 0 ? Double.NaN : s1.p99();
                    b.findings.searchLoadedP99 = failed > 0 ? Double.NaN : s.p99();
                    b.findings.searchBuildSeconds = Long.parseLong(m.group(2)) / 1000.0;
                }
            }
        } catch (IOException e) {
            b.searchRows.add(unmeasured(scaleCell, count(triples), "failed: " + Report.cell(String.valueOf(e.getMessage()))));
        }
    }

    /** The search table, with the rows measured so far (none: load did not reach a search scale). */
    static void write(Bench b) {
        b.report.section("search").setLength(0);
        b.report.note("search", "On the TDB2 database `load` made at each scale; the index built in a fresh JVM; then "
                + "wrk for " + b.settings.wrkSeconds() + " s at " + ONE + " connection (one search at a time: what a reader waits) and at "
                + CONNECTIONS + " (searches queued on the server's one core) on a mix of " + SEARCHES.size()
                + " searches (HTML and JSON), then on a mix of " + PREFIXES.size() + " suggestion prefixes; before them the server was "
                + "warmed with both mixes together in rounds of " + b.settings.warmupSeconds() + " s at " + CONNECTIONS + " connections until its mean rate over "
                + Warmup.STEADY_ROUNDS + " rounds was within " + Math.round(Warmup.STEADY * 100) + " % of the " + Warmup.STEADY_ROUNDS + " before (at least "
                + Math.min(WARMUP_ROUNDS, b.settings.maxWarmupRounds()) + ", at most " + Math.min(b.settings.maxWarmupRounds(), MAX_WARMUP_ROUNDS)
                + " rounds; by scale: " + (b.searchWarmups.isEmpty() ? "none" : b.searchWarmups.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                        .collect(java.util.stream.Collectors.joining(", "))) + "), and each run began once it had used under "
                + Math.round(QuietCore.IDLE_SHARE * 100) + " % of its core for " + QuietCore.WINDOW_MILLIS / 1000.0 + " s; " + b.pinning.description()
                + "; latencies in ms.");
        List<List<String>> rows = new ArrayList<>(b.searchRows);
        for (int scale : b.settings.scales()) {
            if (!SCALES.contains(scale) || rows.stream().anyMatch(r -> r.get(0).equals(Integer.toString(scale)))) continue;
            Long triples = b.triples.get(scale);
            rows.add(unmeasured(Integer.toString(scale), triples == null ? "–" : count(triples), "not run: load made no database at this scale"));
        }
        if (rows.isEmpty()) {
            b.report.note("search", "*Not run: the run has none of the scales " + SCALES + ".*");
            return;
        }
        rows.sort(java.util.Comparator.comparing(r -> Integer.valueOf(r.get(0))));
        b.report.table("search", HEADERS, rows);
    }

    /** A row with only its scale, triples and why it has no figures. */
    private static List<String> unmeasured(String scale, String triples, String why) {
        List<String> cells = new ArrayList<>(List.of(scale, triples, "–", why));
        while (cells.size() < COLUMNS) cells.add("–");
        return row(cells.toArray(String[]::new));
    }

    /** One search, which waits for the index the server builds at start-up. */
    static void warm(String base) throws IOException {
        try {
            HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/search?q=tribunal"))
                    .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 200) throw new IOException("the first search answered " + r.statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String encode(String q) {
        return URLEncoder.encode(q, StandardCharsets.UTF_8);
    }
}
