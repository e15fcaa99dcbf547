package org.ibcr.kg.bench;

import java.util.ArrayList;
import java.util.List;

import static org.ibcr.kg.bench.Report.count;
import static org.ibcr.kg.bench.Report.num;
import static org.ibcr.kg.bench.Report.row;

/**
 * start-up: from launching the server process to the first 200 answer to {@code ASK {}} (polled every 10 ms):
 * ours on the bundled data ({@code serve}: convert, validate and load into memory at start), as the README starts it
 * and with a plain {@code java -jar}, then ours and stock Fuseki on the TDB2 database {@code load} made at the
 * largest scale it finished. Each comparison is launches in alternating pairs ({@link PairedComparison}); the table
 * gives the median launch with the lowest and highest. Start-up is never pinned: it is measured as users start it.
 */
final class StartupMeasure {
    private StartupMeasure() {}

    /**
     * The bundled-data rows: as the README starts it (with the class-data sharing archive the build writes; the
     * target's figure) against a plain {@code java -jar}, in pairs.
     */
    static void runBundled(Bench b) throws Exception {
        PairedComparison.Measure<Double> plain = pair -> launch(Servers.ours(b, null, ServerProcess.freePort(), "startup-bundled"));
        if (b.launcher.classArchive() != null) {
            System.out.println("start-up on the bundled data, with and without the class archive:");
            PairedComparison.Result<Double> r = b.compare("with the class archive",
                            pair -> launch(Servers.oursWithArchive(b, null, ServerProcess.freePort(), "startup-bundled-archive")),
                            "plain java -jar", plain)
                    .lowerIsBetter(Double::doubleValue).run();
            b.findings.firstQueryBundledMillis = r.oursRuns();
            b.findings.firstQueryWithArchive = true;
            b.startupRows.add(startupRow("ours: `serve` on the bundled data (converted and validated at start), as the README starts it: "
                    + "`java -XX:SharedArchiveFile=target/ibcr-kg.jsa -jar ...`", "the bundled data/", r.oursRuns()));
            b.startupRows.add(startupRow("ours: the same with a plain `java -jar` (no class archive)", "the bundled data/", r.peerRuns()));
        } else {
            List<Double> launches = new ArrayList<>();
            for (int i = 0; i < b.settings.pairs(); i++) launches.add(plain.run(i));
            b.findings.firstQueryBundledMillis = launches;
            b.startupRows.add(startupRow("ours: `serve` on the bundled data, plain `java -jar` (no class archive in this build)",
                    "the bundled data/", launches));
        }
        table(b);
    }

    /** The rows of the largest database load made: ours against stock Fuseki, in pairs. */
    static void runLargest(Bench b) throws Exception {
        b.startupRatio = null;
        if (b.largestStore == null) {
            b.startupRows.add(row("ours: `serve --tdb2` at the largest scale", "–", "not run: no database (load did not run)", "–", "–"));
        } else if (b.outOfTime()) {
            b.startupRows.add(row("ours: `serve --tdb2` at scale " + b.largestStoreScale, "–", Bench.NO_TIME, "–", "–"));
        } else {
            String triples = count(b.triples.getOrDefault(b.largestStoreScale, 0L));
            System.out.println("start-up on the largest database, ours and stock Fuseki:");
            PairedComparison.Result<Double> r = b.compare(
                            "ours", pair -> launch(Servers.ours(b, b.largestStore, ServerProcess.freePort(), "startup-tdb2-ours")),
                            "stock Fuseki", pair -> launch(Servers.stock(b, b.largestStore, ServerProcess.freePort(), "startup-tdb2-stock")))
                    .lowerIsBetter(Double::doubleValue).run();
            b.startupRows.add(startupRow("ours: `serve --tdb2` at scale " + b.largestStoreScale + " (the largest loaded)", triples, r.oursRuns()));
            b.startupRows.add(startupRow("stock Fuseki main on the same TDB2 database", triples, r.peerRuns()));
            b.startupRatio = r;
        }
        table(b);
    }

    private static double launch(ServerProcess p) {
        try (p) {
            return p.startMillis();
        }
    }

    private static List<String> startupRow(String server, String triples, List<Double> millis) {
        List<Double> s = millis.stream().map(m -> m / 1000.0).toList();
        return row(server, triples, num(PairedComparison.Spread.median(s), 2),
                s.size() < 2 ? "–" : num(PairedComparison.Spread.min(s), 2) + "–" + num(PairedComparison.Spread.max(s), 2),
                Integer.toString(s.size()));
    }

    private static void table(Bench b) {
        b.report.section("startup").setLength(0);
        b.report.table("startup", List.of("server", "triples", "launch to first answer, s (median)", "lowest–highest launch", "launches"),
                b.startupRows);
        if (b.startupRatio != null) {
            b.report.note("startup", "Launches in alternating pairs, ours and the peer in turn. Stock Fuseki's time over ours, the median "
                    + "of the pairs' ratios (above 1 ours answers first): " + b.startupRatio.ratioCell() + ".");
        } else {
            b.report.note("startup", "Launches in alternating pairs, ours and the peer in turn (here the two ways of starting ours).");
        }
    }
}
