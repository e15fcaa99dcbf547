package org.ibcr.kg.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.ibcr.kg.bench.Report.count;
import static org.ibcr.kg.bench.Report.num;
import static org.ibcr.kg.bench.Report.row;

/**
 * validate: {@code ibcr-kg validate --data DIR} (convert in memory, then SHACL) in a fresh JVM with the large heap,
 * by scale up to the validate limit: wall time and heap. SHACL holds the whole graph in memory, so it is not flat.
 */
final class ValidateMeasure {
    private ValidateMeasure() {}

    static void run(Bench b) throws IOException {
        BenchSettings s = b.settings;
        List<List<String>> rows = new ArrayList<>();
        String stop = null;
        for (int scale : s.scales()) {
            Long triples = b.triples.get(scale);
            String t = triples == null ? "–" : count(triples);
            if (b.outOfTime()) stop = Bench.NO_TIME;
            if (stop != null || scale > s.validateMaxScale()) {
                rows.add(row(Integer.toString(scale), t, stop != null ? stop : "not run: above scale " + s.validateMaxScale()
                        + " (time budget)", "–", "–", "–"));
                continue;
            }
            Path tables;
            try {
                tables = b.data.tables(scale);
            } catch (Datasets.Skipped e) {
                rows.add(row(Integer.toString(scale), t, e.getMessage(), "–", "–", "–"));
                continue;
            }
            String name = "validate-" + scale;
            ChildRun.Outcome o = ChildRun.of(b.launcher.ours(s.bigHeap(), b.gcLog(name), "validate", "--data", tables.toString()))
                    .logs(b.logs(), name).gcLog(b.gcLog(name)).limit(b.limit()).run();
            if (o.timedOut() || (o.exitCode() != 0 && o.exitCode() != 3)) {
                rows.add(row(Integer.toString(scale), t, "failed: " + o.failure(), "–", "–", "–"));
                stop = "not run: failed at a smaller scale";
                continue;
            }
            String result = o.exitCode() == 0 ? "conforms" : "does not conform (exit 3)";
            rows.add(row(Integer.toString(scale), t, num(o.wallMillis() / 1000.0, 1),
                    triples == null ? "–" : count(Bench.perSecond(triples, o.wallMillis())),
                    num(o.heap().peakMiB(), 0) + " / " + num(o.heap().liveMiB(), 0), result));
            if (triples != null) b.plot("validate (ours)", triples, o.wallMillis() / 1000.0);
            System.out.printf("validate scale %d: %d ms, %s%n", scale, o.wallMillis(), result);
        }
        b.report.table("validate", List.of("scale", "triples", "s", "triples/s", "peak / live heap MiB (-Xmx" + s.bigHeap() + ")",
                "result"), rows);
    }
}
