package org.ibcr.kg.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.ibcr.kg.bench.Report.count;
import static org.ibcr.kg.bench.Report.num;
import static org.ibcr.kg.bench.Report.row;

/**
 * start-up: from launching the server process to the first 200 answer to {@code ASK {}} (polled every 10 ms):
 * ours on the bundled data ({@code serve}: convert, validate and load into memory at start), ours and stock Fuseki
 * on the TDB2 database {@code load} made at the largest scale. The median of several launches.
 */
final class StartupMeasure {
    private StartupMeasure() {}

    static void run(Bench b) throws IOException {
        BenchSettings s = b.settings;
        List<List<String>> rows = new ArrayList<>();
        double bundled = median(b, "startup-bundled", port -> Servers.ours(b, null, port, "startup-bundled"));
        b.findings.firstQueryBundledMillis = bundled;
        rows.add(row("ours: `serve` on the bundled data (converted and validated at start)", count(b.triples.getOrDefault(1, 0L)),
                num(bundled / 1000.0, 2)));
        int largest = s.largestScale();
        Path store = LoadMeasure.oursStore(b, largest);
        String triples = b.triples.containsKey(largest) ? count(b.triples.get(largest)) : "–";
        if (Files.isDirectory(store)) {
            double ours = median(b, "startup-tdb2-ours", port -> Servers.ours(b, store, port, "startup-tdb2-ours"));
            double stock = median(b, "startup-tdb2-stock", port -> Servers.stock(b, store, port, "startup-tdb2-stock"));
            rows.add(row("ours: `serve --tdb2` at scale " + largest, triples, num(ours / 1000.0, 2)));
            rows.add(row("stock Fuseki main on the same TDB2 database", triples, num(stock / 1000.0, 2)));
        } else {
            rows.add(row("ours: `serve --tdb2` at scale " + largest, triples, "not run: no database (load failed or not run)"));
        }
        b.report.table("startup", List.of("server", "triples", "launch to first answer, s (median of " + s.startupRepeats() + ")"), rows);
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
