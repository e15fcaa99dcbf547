package org.ibcr.kg.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.ibcr.kg.bench.Report.count;
import static org.ibcr.kg.bench.Report.num;
import static org.ibcr.kg.bench.Report.row;

/**
 * start-up: from launching the server process to the first 200 answer to {@code ASK {}} (polled every 10 ms):
 * ours on the bundled data ({@code serve}: convert, validate and load into memory at start), then ours and stock
 * Fuseki on the TDB2 database {@code load} made at the largest scale it finished. The median of several launches.
 */
final class StartupMeasure {
    private StartupMeasure() {}

    /**
     * The bundled-data rows: as the README starts it (with the class-data sharing archive the build writes; the
     * target's figure) and with a plain {@code java -jar}.
     */
    static void runBundled(Bench b) throws IOException {
        double plain = median(b, "startup-bundled", port -> Servers.ours(b, null, port, "startup-bundled"));
        if (b.launcher.classArchive() != null) {
            double archived = median(b, "startup-bundled-archive", port -> Servers.oursWithArchive(b, null, port, "startup-bundled-archive"));
            b.findings.firstQueryBundledMillis = archived;
            b.findings.firstQueryWithArchive = true;
            b.startupRows.add(row("ours: `serve` on the bundled data (converted and validated at start), as the README starts it: "
                    + "`java -XX:SharedArchiveFile=target/ibcr-kg.jsa -jar ...`", "the bundled data/", num(archived / 1000.0, 2)));
        } else {
            b.findings.firstQueryBundledMillis = plain;
        }
        b.startupRows.add(row("ours: the same with a plain `java -jar` (no class archive)", "the bundled data/", num(plain / 1000.0, 2)));
        table(b);
    }

    /** The rows of the largest database load made. */
    static void runLargest(Bench b) throws IOException {
        if (b.largestStore == null) {
            b.startupRows.add(row("ours: `serve --tdb2` at the largest scale", "–", "not run: no database (load did not run)"));
        } else if (b.outOfTime()) {
            b.startupRows.add(row("ours: `serve --tdb2` at scale " + b.largestStoreScale, "–", Bench.NO_TIME));
        } else {
            String triples = count(b.triples.getOrDefault(b.largestStoreScale, 0L));
            double ours = median(b, "startup-tdb2-ours", port -> Servers.ours(b, b.largestStore, port, "startup-tdb2-ours"));
            double stock = median(b, "startup-tdb2-stock", port -> Servers.stock(b, b.largestStore, port, "startup-tdb2-stock"));
            b.startupRows.add(row("ours: `serve --tdb2` at scale " + b.largestStoreScale + " (the largest loaded)", triples, num(ours / 1000.0, 2)));
            b.startupRows.add(row("stock Fuseki main on the same TDB2 database", triples, num(stock / 1000.0, 2)));
        }
        table(b);
    }

    private static void table(Bench b) {
        b.report.section("startup").setLength(0);
        b.report.table("startup", List.of("server", "triples", "launch to first answer, s (median of " + b.settings.startupRepeats() + ")"),
                b.startupRows);
    }

    interface Starter {
        ServerProcess start(int port) throws IOException;
    }

    private static double median(Bench b, String name, Starter starter) throws IOException {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < b.settings.startupRepeats(); i++) {
            try (ServerProcess p = starter.start(ServerProcess.freePort())) {
                times.add(p.startMillis());
            }
        }
        Collections.sort(times);
        System.out.printf("%s: %s ms%n", name, times);
        return times.get(times.size() / 2);
    }
}
