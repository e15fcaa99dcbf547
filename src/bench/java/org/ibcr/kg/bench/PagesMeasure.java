package org.ibcr.kg.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.ibcr.kg.bench.Report.count;
import static org.ibcr.kg.bench.Report.num;
import static org.ibcr.kg.bench.Report.ratio;
import static org.ibcr.kg.bench.Report.row;

/**
 * pages: the same resources as an HTML page and as a Turtle document, our {@code /page/...} and {@code /data/....ttl}
 * against Trifid's {@code /id/...} (Accept text/html, text/turtle), Trifid running on our SPARQL endpoint (our
 * server on the bundled data in TDB2). wrk throughput and p99 per connection count.
 */
final class PagesMeasure {
    private PagesMeasure() {}

    static void run(Bench b, boolean installTrifid) throws Exception {
        BenchSettings s = b.settings;
        Path db = Servers.bundledStore(b);
        Wrk wrk = Wrk.create(b.logs()).seconds(s.wrkSeconds()).pinning(b.pinning);
        Wrk warm = Wrk.create(b.logs()).seconds(s.warmupSeconds()).pinning(b.pinning);
        int port = ServerProcess.freePort();
        List<List<String>> rows = new ArrayList<>();
        try (ServerProcess server = Servers.ours(b, db, port, "pages-ours", b.pinning)) {
            String base = "http://127.0.0.1:" + port;
            List<Servers.Resource> resources = Servers.resources(base, 10);
            List<Wrk.Request> oursHtml = new ArrayList<>();
            List<Wrk.Request> oursTtl = new ArrayList<>();
            List<Wrk.Request> trifidHtml = new ArrayList<>();
            List<Wrk.Request> trifidTtl = new ArrayList<>();
            for (Servers.Resource r : resources) {
                oursHtml.add(new Wrk.Request("/page/" + r.path(), "text/html"));
                oursTtl.add(new Wrk.Request("/data/" + r.path() + ".ttl", "text/turtle"));
                trifidHtml.add(new Wrk.Request("/id/" + r.path(), "text/html"));
                trifidTtl.add(new Wrk.Request("/id/" + r.path(), "text/turtle"));
            }
            String check = checkAnswers(base, oursHtml, oursTtl, resources);
            if (check != null) throw new IOException("our pages answer wrongly: " + check);
            warm.run(base, oursHtml, 8, "pages-ours-warmup");
            ServerProcess trifid = null;
            String trifidWhy = null;
            String tbase = null;
            try {
                Path script = TrifidPeer.install(Path.of("target", "trifid"), installTrifid, b.logs());
                int tport = ServerProcess.freePort();
                trifid = TrifidPeer.start(script, base + "/ibcr/sparql", tport, trifidTtl.get(0).path(), b.logs(), b.pinning);
                tbase = "http://127.0.0.1:" + tport;
                String wrong = checkAnswers(tbase, trifidHtml, trifidTtl, resources);
                if (wrong != null) trifidWhy = "not run: Trifid answers wrongly: " + wrong;
                else warm.run(tbase, trifidHtml, 8, "pages-trifid-warmup");
            } catch (IOException e) {
                trifidWhy = e instanceof Datasets.Skipped ? e.getMessage() : "not run: Trifid failed: " + e.getMessage();
            }
            // Both up for the whole comparison, each warmed once; the pairs differ only in which wrk loads.
            try {
                boolean p99ok = true;
                for (int c : s.pageConnections()) {
                    for (int k = 0; k < 2; k++) {
                        String what = k == 0 ? "HTML page" : "Turtle document";
                        String kind = k == 0 ? "html" : "ttl";
                        List<Wrk.Request> ours = k == 0 ? oursHtml : oursTtl;
                        if (trifidWhy != null) {
                            Wrk.Result o = wrk.run(base, ours, c, "pages-ours-" + kind + "-" + c);
                            rows.add(row(what, Integer.toString(c), count(o.perSecond()), num(o.p99(), 2), count(o.failed()),
                                    trifidWhy, "–", "–", "–", "–", "–"));
                            continue;
                        }
                        List<Wrk.Request> theirs = k == 0 ? trifidHtml : trifidTtl;
                        String peerBase = tbase;
                        System.out.println("pages, " + what + " at " + c + " connections:");
                        PairedComparison.Result<Wrk.Result> r = b.compare(
                                        "ours", pair -> wrk.run(base, ours, c, "pages-ours-" + kind + "-" + c + "-" + pair),
                                        "Trifid", pair -> wrk.run(peerBase, theirs, c, "pages-trifid-" + kind + "-" + c + "-" + pair))
                                .higherIsBetter(Wrk.Result::perSecond).run();
                        b.findings.pages.add(r);
                        p99ok &= r.medianOurs(Wrk.Result::p99) <= r.medianPeer(Wrk.Result::p99);
                        rows.add(row(what, Integer.toString(c), count(r.medianOurs()), num(r.medianOurs(Wrk.Result::p99), 2),
                                count(EndpointMeasure.failed(r.oursRuns())), count(r.medianPeer()), num(r.medianPeer(Wrk.Result::p99), 2),
                                count(EndpointMeasure.failed(r.peerRuns())), ratio(r.medianRatio()), EndpointMeasure.spread(r),
                                EndpointMeasure.pairsCell(r)));
                    }
                }
                b.findings.pagesP99Ok = p99ok;
                if (trifidWhy != null) b.findings.pagesNote = trifidWhy;
            } finally {
                if (trifid != null) trifid.close();
            }
        }
        b.report.note("pages", "The same 10 resources in turn; ours at `/page/{kind}/{slug}` (HTML) and `/data/{kind}/{slug}.ttl`, "
                + "Trifid " + TrifidPeer.VERSION + " at `/id/{kind}/{slug}` with `Accept: text/html` or `text/turtle`, on our SPARQL "
                + "endpoint. Both up together, each warmed once; then " + EndpointMeasure.pairs(s.pairs()) + " of " + s.wrkSeconds()
                + "-s wrk runs, ours and Trifid in turn; " + b.pinning.description() + ". Medians over the pairs; latencies in ms.");
        b.report.table("pages", List.of("what", "connections", "ours: req/s", "ours: p99", "ours: failed", "Trifid: req/s",
                "Trifid: p99", "Trifid: failed", "ours / Trifid (median)", "lowest–highest pair", "pairs"), rows);
    }

    /** Null if every request of both lists answers 200 with the resource's label in it, else what went wrong. */
    private static String checkAnswers(String base, List<Wrk.Request> html, List<Wrk.Request> ttl, List<Servers.Resource> resources) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < resources.size(); i++) {
            for (Wrk.Request r : List.of(html.get(i), ttl.get(i))) {
                try {
                    HttpResponse<String> resp = client.send(HttpRequest.newBuilder(URI.create(base + r.path())).header("Accept", r.accept())
                            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                    String label = resources.get(i).label();
                    if (resp.statusCode() != 200) return r.path() + " (" + r.accept() + ") answered " + resp.statusCode();
                    String body = resp.body();
                    boolean hasLabel = body.contains(label) || body.contains(label.replace("'", "&#39;"))
                            || body.contains(label.replace("'", "&#x27;")) || body.contains(label.replace("&", "&amp;"));
                    if (!hasLabel) return r.path() + " (" + r.accept() + ") lacks the label \"" + label + "\"";
                } catch (IOException e) {
                    return r.path() + ": " + e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "interrupted";
                }
            }
        }
        return null;
    }
}
