package org.ibcr.kg.bench;

import static org.ibcr.kg.bench.Report.count;
import static org.ibcr.kg.bench.Report.num;
import static org.ibcr.kg.bench.Report.ratio;
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
import java.util.Iterator;
import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;

/**
 * fragments: Triple Pattern Fragments throughput, our {@code /fragments} (our server on the bundled data in TDB2, as
 * {@code serve} starts it) against the LDF server of Server.js ({@link LdfServerPeer}) serving the same triples from
 * an N-Triples file, at 1, 8 and 32 connections, in alternating pairs ({@link PairedComparison}), both servers up for
 * the whole comparison and pinned like the endpoint's. The mix: unbound, subject-, predicate- and object-bound
 * patterns and second pages, the same query strings for both, {@code Accept: application/trig} (the format both
 * prefer, with the metadata in its own graph). Before anything is timed every request of the mix must give the same
 * number of data triples and the same {@code hydra:totalItems} from both: a wrong answer must not be fast.
 */
final class FragmentsMeasure {
    static final String ACCEPT = "application/trig";
    private static final String RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label";
    private static final String RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    static final String HYDRA = "http://www.w3.org/ns/hydra/core#";
    private static final Node TOTAL_ITEMS = NodeFactory.createURI(HYDRA + "totalItems");

    private FragmentsMeasure() {}

    /** A pattern of the mix, as a query string both servers read ({@code ""} for the unbound first page). */
    record Pattern(String what, String query) {}

    /** The mix over the resources of the data: what each kind of client asks a fragments server. */
    static List<Pattern> mix(List<Servers.Resource> resources) {
        List<Pattern> mix = new ArrayList<>();
        mix.add(new Pattern("unbound", ""));
        mix.add(new Pattern("unbound, page 2", "page=2"));
        for (int i = 0; i < Math.min(3, resources.size()); i++) {
            mix.add(new Pattern("subject", "subject=" + encode(resources.get(i).iri())));
        }
        mix.add(new Pattern("predicate rdfs:label", "predicate=" + encode(RDFS_LABEL)));
        mix.add(new Pattern("rdfs:label, page 2", "predicate=" + encode(RDFS_LABEL) + "&page=2"));
        mix.add(new Pattern("predicate rdf:type", "predicate=" + encode(RDF_TYPE)));
        mix.add(new Pattern("rdf:type, page 3", "predicate=" + encode(RDF_TYPE) + "&page=3"));
        Servers.Resource linked = resources.get(Math.min(3, resources.size() - 1));
        mix.add(new Pattern("object (IRI)", "object=" + encode(linked.iri())));
        Servers.Resource named = resources.stream().filter(r -> !r.label().contains("\"") && !r.label().contains("\\"))
                .skip(Math.min(4, resources.size() - 1)).findFirst().orElse(resources.get(0));
        String literal = "\"" + named.label() + "\"@en";
        mix.add(new Pattern("object (literal)", "object=" + encode(literal)));
        mix.add(new Pattern("predicate and object", "predicate=" + encode(RDFS_LABEL) + "&object=" + encode(literal)));
        mix.add(new Pattern("subject and predicate", "subject=" + encode(resources.get(0).iri()) + "&predicate=" + encode(RDF_TYPE)));
        return mix;
    }

    /** Percent-encoded for a query string; a space as %20, which every server reads alike. */
    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static List<Wrk.Request> requests(String path, List<Pattern> mix) {
        return mix.stream().map(p -> new Wrk.Request(path + (p.query().isEmpty() ? "" : "?" + p.query()), ACCEPT)).toList();
    }

    static void run(Bench b, boolean install) throws Exception {
        BenchSettings s = b.settings;
        Path db = Servers.bundledStore(b);
        Wrk wrk = Wrk.create(b.logs()).seconds(s.wrkSeconds()).pinning(b.pinning);
        Wrk warm = Wrk.create(b.logs()).seconds(s.warmupSeconds()).pinning(b.pinning);
        List<List<String>> rows = new ArrayList<>();
        int oursPort = ServerProcess.freePort();
        List<Pattern> mix;
        String peerWhy = null;
        int warmRounds = 1;
        boolean warmSteady = false;
        try (ServerProcess ours = Servers.ours(b, db, oursPort, "fragments-ours", b.pinning)) {
            String oursBase = "http://127.0.0.1:" + oursPort;
            mix = mix(Servers.resources(oursBase, 10));
            List<Wrk.Request> oursMix = requests("/fragments", mix);
            List<Wrk.Request> peerMix = requests(LdfServerPeer.DATASET, mix);
            // the triples our /fragments serves (the union of the named graphs), for the peer to read
            Path nt = s.work().resolve("fragments-bundled.nt");
            long triples = dumpUnion(oursBase, nt);
            ServerProcess peer = null;
            String peerBase = null;
            try {
                Path script = LdfServerPeer.install(Path.of("target", "ldf-server"), install, b.logs());
                int peerPort = ServerProcess.freePort();
                peer = LdfServerPeer.start(script, nt, peerPort, b.logs(), b.pinning);
                peerBase = "http://127.0.0.1:" + peerPort;
                String wrong = sameAnswers(oursBase, oursMix, peerBase, peerMix, mix);
                if (wrong != null) peerWhy = "not run: the two servers answer differently: " + wrong;
            } catch (IOException e) {
                peerWhy = e instanceof Datasets.Skipped ? e.getMessage() : "not run: @ldf/server failed: " + e.getMessage();
            }
            try {
                if (peerWhy == null) {
                    Warmup warmup = Warmup.of(warm, oursMix, peerMix, 8).maxRounds(s.maxWarmupRounds());
                    warmRounds = warmup.run("ours", oursBase, "ldf", peerBase, "fragments");
                    warmSteady = warmup.steady();
                } else {
                    warm.run(oursBase, oursMix, 8, "fragments-ours-warmup");
                }
                for (int c : s.connections()) {
                    if (peerWhy != null) {
                        Wrk.Result o = wrk.run(oursBase, oursMix, c, "fragments-ours-" + c);
                        rows.add(row(Integer.toString(c), count(o.perSecond()), num(o.p50(), 2), num(o.p99(), 2), count(o.failed()),
                                peerWhy, "–", "–", "–", "–", "–", "–"));
                        continue;
                    }
                    String pb = peerBase;
                    System.out.println("fragments at " + c + " connections:");
                    PairedComparison.Result<Wrk.Result> r = b.compare(
                                    "ours", pair -> wrk.run(oursBase, oursMix, c, "fragments-ours-" + c + "-" + pair),
                                    "@ldf/server", pair -> wrk.run(pb, peerMix, c, "fragments-ldf-" + c + "-" + pair))
                            .higherIsBetter(Wrk.Result::perSecond).run();
                    b.findings.fragments.put(c, r);
                    rows.add(row(Integer.toString(c), count(r.medianOurs()), num(r.medianOurs(Wrk.Result::p50), 2),
                            num(r.medianOurs(Wrk.Result::p99), 2), count(EndpointMeasure.failed(r.oursRuns())), count(r.medianPeer()),
                            num(r.medianPeer(Wrk.Result::p50), 2), num(r.medianPeer(Wrk.Result::p99), 2),
                            count(EndpointMeasure.failed(r.peerRuns())), ratio(r.medianRatio()), EndpointMeasure.spread(r),
                            EndpointMeasure.pairsCell(r)));
                }
            } finally {
                if (peer != null) peer.close();
            }
            b.findings.fragmentsNote = peerWhy == null ? "" : peerWhy;
            StringBuilder kinds = new StringBuilder();
            for (Pattern p : mix) kinds.append(kinds.length() == 0 ? "" : "; ").append(p.what());
            b.report.note("fragments", "A mix of " + mix.size() + " fragments in turn (" + kinds + "), the same query strings for both, "
                    + "`Accept: " + ACCEPT + "`, on the bundled data: ours at `/fragments` (`serve --tdb2` on its TDB2 database, as "
                    + "`serve` starts it: fragments kept per data version), @ldf/server " + LdfServerPeer.VERSION + " at `"
                    + LdfServerPeer.DATASET + "` (Node.js " + nodeVersion(b) + ", one worker, `NTriplesDatasource`) reading the "
                    + count(triples) + " triples our `/fragments` serves, written as N-Triples. Every request answered the same number "
                    + "of data triples and the same `hydra:totalItems` from both before the runs. Both up together, "
                    + Warmup.describe(s.warmupSeconds(), 8, warmRounds, s.maxWarmupRounds(), warmSteady) + "; then at each connection count " + EndpointMeasure.pairs(s.pairs())
                    + " of " + s.wrkSeconds() + "-s wrk runs, ours and @ldf/server in turn; " + b.pinning.description()
                    + ". Medians over the pairs, latencies in ms.");
        }
        b.report.table("fragments", List.of("connections", "ours: req/s", "ours: p50", "ours: p99", "ours: failed", "@ldf/server: req/s",
                "@ldf/server: p50", "@ldf/server: p99", "@ldf/server: failed", "ours / @ldf/server (median)", "lowest–highest pair", "pairs"), rows);
    }

    /** Writes the union of the named graphs of the server at {@code base} as N-Triples; returns the triples written. */
    static long dumpUnion(String base, Path nt) throws IOException {
        Model union;
        try (QueryExecutionHTTP qe = QueryExecutionHTTP.service(base + "/ibcr/sparql")
                .query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }").build()) {
            union = qe.execConstruct();
        }
        try (var out = java.nio.file.Files.newOutputStream(nt)) {
            RDFDataMgr.write(out, union, Lang.NTRIPLES);
        }
        return union.size();
    }

    /**
     * Null if every pattern gives the same number of data triples and the same {@code hydra:totalItems} from both
     * servers, else the first that does not.
     */
    static String sameAnswers(String oursBase, List<Wrk.Request> ours, String peerBase, List<Wrk.Request> peer, List<Pattern> mix) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < mix.size(); i++) {
            try {
                long[] a = counts(client, oursBase + ours.get(i).path());
                long[] z = counts(client, peerBase + peer.get(i).path());
                if (a[0] != z[0] || a[1] != z[1]) {
                    return mix.get(i).what() + " (" + mix.get(i).query() + "): ours " + a[0] + " triples of " + a[1] + ", @ldf/server "
                            + z[0] + " of " + z[1];
                }
                if (a[0] == 0) return mix.get(i).what() + " (" + mix.get(i).query() + ") matches nothing on either";
            } catch (IOException e) {
                return mix.get(i).what() + ": " + e.getMessage();
            }
        }
        return null;
    }

    /** Data triples (the default graph) and hydra:totalItems (-1 if none) of one fragment asked in TriG. */
    static long[] counts(HttpClient client, String url) throws IOException {
        return counts(get(client, url), url);
    }

    /** One fragment asked in TriG; its body, or an IOException unless it answered 200. */
    static String get(HttpClient client, String url) throws IOException {
        HttpResponse<String> r;
        try {
            r = client.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", ACCEPT).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (r.statusCode() != 200) throw new IOException(url + " answered " + r.statusCode());
        return r.body();
    }

    /** Data triples (the default graph) and hydra:totalItems (-1 if none) of a fragment in TriG. */
    static long[] counts(String trig, String url) throws IOException {
        DatasetGraph ds = DatasetGraphFactory.createGeneral();
        try {
            RDFParser.create().fromString(trig).lang(Lang.TRIG).base(url).parse(ds);
        } catch (RuntimeException e) {
            throw new IOException(url + " is not TriG: " + e.getMessage());
        }
        long total = -1;
        Iterator<Quad> it = ds.find(Node.ANY, Node.ANY, TOTAL_ITEMS, Node.ANY);
        if (it.hasNext()) total = Long.parseLong(it.next().getObject().getLiteralLexicalForm());
        return new long[] {ds.getDefaultGraph().size(), total};
    }

    private static String nodeVersion(Bench b) {
        try {
            ChildRun.Outcome o = ChildRun.of(List.of("node", "--version")).logs(b.logs(), "node-version").limit(Duration.ofSeconds(30)).run();
            return o.ok() ? o.out().strip() : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
