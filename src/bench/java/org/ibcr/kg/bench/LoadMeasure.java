package org.ibcr.kg.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.ibcr.kg.bench.Report.count;
import static org.ibcr.kg.bench.Report.num;
import static org.ibcr.kg.bench.Report.ratio;
import static org.ibcr.kg.bench.Report.row;

/**
 * load: four ways into an empty TDB2 database, each in a fresh JVM with the large heap, timed from launch to exit:
 * {@code ibcr-kg load --tdb2 --no-validate} from the tables (conversion included: what a user runs);
 * {@link NtIntoTdbStore}, our loading code fed our N-Triples file; and Jena's {@code tdb2.tdbloader} (its default
 * loader) on that same file, twice: into a named graph ({@code --graph}, the database ours builds: quads in six
 * quad indexes) and into the default graph (triples in three triple indexes, half the index work). The ratio of the
 * target is ours from the tables over tdb2.tdbloader into a named graph, like for like; the other is shown beside.
 * On the database ours made at some scales, {@link SearchMeasure} and {@link DatabaseMeasure} measure the search, the
 * bound-subject fragment and the cost of a version.
 */
final class LoadMeasure {
    /** The named graph ours loads the data into; tdbloader's --graph puts the same file there. */
    private static final String DATA_GRAPH = "https://w3id.org/ibcr/graph/data";

    private LoadMeasure() {}

    /** The database {@code load} made at a scale (kept for the start-up measure). */
    static Path oursStore(Bench b, int scale) {
        return b.settings.work().resolve("tdb-ours-" + scale);
    }

    static void run(Bench b) throws Exception {
        BenchSettings s = b.settings;
        List<List<String>> rows = new ArrayList<>();
        int lastScale = 0;
        double lastSeconds = 0;
        for (int scale : s.scales()) {
            Long triples = b.triples.get(scale);
            if (b.outOfTime() || b.wouldNotFit(scale, lastScale, lastSeconds)) {
                rows.add(row(Integer.toString(scale), triples == null ? "–" : count(triples), Bench.NO_TIME, "–", "–", "–", "–", "–", "–"));
                continue;
            }
            Path tables;
            try {
                tables = b.data.tables(scale);
            } catch (Datasets.Skipped e) {
                rows.add(row(Integer.toString(scale), "–", e.getMessage(), "–", "–", "–", "–", "–", "–"));
                continue;
            }
            if (triples == null || !Files.exists(b.nt(scale))) {
                rows.add(row(Integer.toString(scale), "–", "not run: no N-Triples file (convert failed)", "–", "–", "–", "–", "–", "–"));
                continue;
            }
            Path ours = oursStore(b, scale);
            Path fromNt = s.work().resolve("tdb-nt-" + scale);
            Path jena = s.work().resolve("tdb-jena-" + scale);
            Path jenaNamed = s.work().resolve("tdb-jena-named-" + scale);
            for (Path p : List.of(ours, fromNt, jena, jenaNamed)) Datasets.deleteTree(p);
            // The target's comparison in pairs: ours from the tables against tdb2.tdbloader --graph, each into an empty folder.
            System.out.println("load scale " + scale + ", ours and tdb2.tdbloader --graph:");
            PairedComparison.Result<ChildRun.Outcome> r = b.compare("ours", pair -> {
                Datasets.deleteTree(ours);
                String name = "load-" + scale + "-" + pair;
                return ChildRun.of(b.launcher.ours(s.bigHeap(), b.gcLog(name), "load", "--tdb2", ours.toString(),
                                "--no-validate", "-q", "--data", tables.toString()))
                        .logs(b.logs(), name).gcLog(b.gcLog(name)).limit(b.limit()).run();
            }, "tdb2.tdbloader --graph", pair -> {
                Datasets.deleteTree(jenaNamed);
                String name = "tdbloader-named-" + scale + "-" + pair;
                ChildRun.Outcome g = ChildRun.of(b.launcher.peer(s.bigHeap(), b.gcLog(name), "tdb2.tdbloader",
                                "--loc", jenaNamed.toString(), "--graph=" + DATA_GRAPH, b.nt(scale).toString()))
                        .logs(b.logs(), name).gcLog(b.gcLog(name)).limit(b.limit()).run();
                Datasets.deleteTree(jenaNamed);
                return g;
            }).lowerIsBetter(o -> o.ok() ? o.wallMillis() : Double.NaN).run();
            // Shown beside it, once: our loading code fed the .nt file, and tdb2.tdbloader into the default graph.
            ChildRun.Outcome n = scale > s.fromNtMaxScale() || !b.fits(r.pairs().get(0).oursRun().wallMillis() / 1000.0) ? null
                    : ChildRun.of(b.launcher.peer(s.bigHeap(), b.gcLog("load-nt-" + scale), NtIntoTdbStore.class.getName(),
                            b.nt(scale).toString(), fromNt.toString()))
                    .logs(b.logs(), "load-nt-" + scale).gcLog(b.gcLog("load-nt-" + scale)).limit(b.limit()).run();
            ChildRun.Outcome j = ChildRun.of(b.launcher.peer(s.bigHeap(), b.gcLog("tdbloader-" + scale), "tdb2.tdbloader",
                            "--loc", jena.toString(), b.nt(scale).toString()))
                    .logs(b.logs(), "tdbloader-" + scale).gcLog(b.gcLog("tdbloader-" + scale)).limit(b.limit()).run();
            ChildRun.Outcome o = r.pairs().get(r.pairs().size() - 1).oursRun();
            ChildRun.Outcome g = r.failed() ? r.failedPair().peerRun() : r.pairs().get(0).peerRun();
            lastScale = scale;
            // what a scale costs: one pair and the runs shown beside it
            lastSeconds = (r.pairs().get(0).oursRun().wallMillis() + r.pairs().get(0).peerRun().wallMillis() + j.wallMillis()) / 1000.0;
            Datasets.deleteTree(fromNt);
            Datasets.deleteTree(jena);
            Datasets.deleteTree(jenaNamed);
            if (o.ok()) {
                // the search on this database, while it is there (the next scale's load deletes it)
                if (SearchMeasure.SCALES.contains(scale)) SearchMeasure.atScale(b, scale, ours, triples);
                if (DatabaseMeasure.SCALES.contains(scale)) DatabaseMeasure.atScale(b, scale, ours, triples);
                if (b.largestStore != null && !b.largestStore.equals(ours)) Datasets.deleteTree(b.largestStore);
                b.largestStore = ours;
                b.largestStoreScale = scale;
            } else {
                Datasets.deleteTree(ours);
            }
            double oursMillis = r.count() > 0 ? r.medianOurs() : Double.NaN;
            double namedMillis = r.count() > 0 ? r.medianPeer() : Double.NaN;
            double oursRate = triples * 1000.0 / oursMillis;
            double ntRate = n != null && n.ok() ? Bench.perSecond(triples, n.wallMillis()) : Double.NaN;
            double jenaRate = j.ok() ? Bench.perSecond(triples, j.wallMillis()) : Double.NaN;
            double namedRate = triples * 1000.0 / namedMillis;
            if (r.count() > 0) {
                b.plot("load --tdb2 (ours, from tables)", triples, oursMillis / 1000.0);
                b.plot("tdb2.tdbloader --graph (from .nt)", triples, namedMillis / 1000.0);
            }
            String ntCell = n == null ? "not run: above scale " + s.fromNtMaxScale() + " (time budget)" : cell(n, ntRate);
            String oursCell = r.count() > 0 ? num(oursMillis / 1000.0, 1) + " (" + count(oursRate) + ")"
                    : "failed: " + r.failedPair().oursRun().failure();
            String namedCell = r.count() > 0 ? num(namedMillis / 1000.0, 1) + " (" + count(namedRate) + ")"
                    : g.ok() ? "–" : "failed: " + g.failure();
            rows.add(row(Integer.toString(scale), count(triples), oursCell, ntCell, namedCell, cell(j, jenaRate),
                    r.ratioCell(), ratio(oursRate / jenaRate), ratio(ntRate / namedRate)));
            System.out.printf("load scale %d: ours %.0f ms, from .nt %s ms, tdb2.tdbloader --graph %.0f ms (medians), tdb2.tdbloader %d ms%n",
                    scale, oursMillis, n == null ? "-" : Long.toString(n.wallMillis()), namedMillis, j.wallMillis());
            if (r.count() > 0 && j.ok()) {
                b.findings.loadScale = scale;
                b.findings.load = r;
                b.findings.loadOursRate = oursRate;
                b.findings.loadJena = jenaRate;
            }
        }
        b.report.note("load", "Ours from the tables against `tdb2.tdbloader --graph` in pairs, in turn (up to "
                + EndpointMeasure.pairs(s.pairs()) + " per scale, fewer where the time budget would not hold them): their times are "
                + "medians, and their ratio the median of the pairs' ratios (lowest–highest pair, pairs). The other two ran once per "
                + "scale, beside them; their ratios are to the medians.");
        b.report.table("load", List.of("scale", "triples", "load --tdb2 from tables: s (triples/s)",
                "our TdbStore from .nt: s (triples/s)", "tdb2.tdbloader --graph from .nt: s (triples/s)",
                "tdb2.tdbloader from .nt, default graph: s (triples/s)", "load / tdbloader --graph",
                "load / tdbloader, default graph", "our TdbStore from .nt / tdbloader --graph"), rows);
        SearchMeasure.write(b);
        DatabaseMeasure.write(b);
    }

    private static String cell(ChildRun.Outcome o, double rate) {
        return o.ok() ? num(o.wallMillis() / 1000.0, 1) + " (" + count(rate) + ")" : "failed: " + o.failure();
    }
}
