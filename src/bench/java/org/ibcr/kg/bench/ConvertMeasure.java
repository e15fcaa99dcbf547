package org.ibcr.kg.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.ibcr.kg.bench.Report.count;
import static org.ibcr.kg.bench.Report.num;
import static org.ibcr.kg.bench.Report.ratio;
import static org.ibcr.kg.bench.Report.row;

/**
 * convert: {@code ibcr-kg convert --no-validate -f ntriples} in a fresh JVM with the converter heap limit, against
 * (a) the ceiling, RIOT writing the same triples from memory ({@link RiotCeiling}), and (b) CARML running the RML
 * mapping of the same tables ({@code org.ibcr.kg.bench.CarmlConvert}, with the same heap limit). Rates are triples
 * per second of wall time of the whole process, start-up included, except the ceiling's: its write alone.
 */
final class ConvertMeasure {
    static final String CARML_MAIN = "org.ibcr.kg.bench.CarmlConvert";
    private static final Pattern CEILING = Pattern.compile("triples=(\\d+) writeMillis=(\\d+)");

    private ConvertMeasure() {}

    static void run(Bench b) throws IOException {
        BenchSettings s = b.settings;
        boolean carmlPresent = present(CARML_MAIN);
        String carmlStop = carmlPresent ? null : "not run: no CARML peer (" + CARML_MAIN + ") in this build";
        List<List<String>> rates = new ArrayList<>();
        List<List<String>> memory = new ArrayList<>();
        int lastScale = 0;
        double lastSeconds = 0;
        for (int scale : s.scales()) {
            if (b.outOfTime() || b.wouldNotFit(scale, lastScale, lastSeconds)) {
                rates.add(row(Integer.toString(scale), "–", Bench.NO_TIME, "–", "–", "–", "–", "–"));
                memory.add(row(Integer.toString(scale), "–", Bench.NO_TIME, "–", "–", "–"));
                continue;
            }
            Path tables;
            try {
                tables = b.data.tables(scale);
            } catch (Datasets.Skipped e) {
                rates.add(row(Integer.toString(scale), "–", e.getMessage(), "–", "–", "–", "–", "–"));
                memory.add(row(Integer.toString(scale), "–", e.getMessage(), "–", "–", "–"));
                continue;
            }
            Path nt = b.nt(scale);
            ChildRun.Outcome ours = ChildRun.of(b.launcher.ours(s.convertHeap(), b.gcLog("convert-" + scale), "convert", "--no-validate",
                            "-f", "ntriples", "-o", nt.toString(), "--data", tables.toString()))
                    .logs(b.logs(), "convert-" + scale).gcLog(b.gcLog("convert-" + scale)).limit(b.limit()).run();
            if (!ours.ok()) {
                rates.add(row(Integer.toString(scale), "–", "failed: " + ours.failure(), "–", "–", "–", "–", "–"));
                memory.add(row(Integer.toString(scale), "–", "failed: " + ours.failure(), "–", "–", "–"));
                continue;
            }
            long triples = Bench.lines(nt);
            b.triples.put(scale, triples);
            double oursRate = Bench.perSecond(triples, ours.wallMillis());
            b.plot("convert (ours)", triples, ours.wallMillis() / 1000.0);
            System.out.printf("convert scale %d: %d triples in %d ms, peak heap %.0f MiB%n", scale, triples, ours.wallMillis(),
                    ours.heap().peakMiB());

            // (a) the ceiling
            Path ceilingOut = s.work().resolve("ceiling-" + scale + ".nt");
            ChildRun.Outcome ceiling = ChildRun.of(b.launcher.peer(s.bigHeap(), b.gcLog("ceiling-" + scale), RiotCeiling.class.getName(),
                    nt.toString(), ceilingOut.toString())).logs(b.logs(), "ceiling-" + scale).limit(b.limit()).run();
            Files.deleteIfExists(ceilingOut);
            double ceilingRate = Double.NaN;
            String ceilingCell;
            Matcher m = CEILING.matcher(ceiling.out());
            if (ceiling.ok() && m.find()) {
                long written = Long.parseLong(m.group(1));
                long millis = Math.max(1, Long.parseLong(m.group(2)));
                ceilingRate = Bench.perSecond(written, millis);
                ceilingCell = count(ceilingRate);
                b.plot("convert ceiling (RIOT write from memory)", written, millis / 1000.0);
            } else {
                ceilingCell = "failed: " + ceiling.failure();
            }

            // (b) CARML
            String carmlCell;
            String carmlHeap = "–";
            String carmlRatio = "–";
            if (carmlStop != null) {
                carmlCell = carmlStop;
            } else if (b.outOfTime()) {
                carmlCell = Bench.NO_TIME;
            } else if (scale > s.carmlMaxScale()) {
                carmlCell = "not run: above scale " + s.carmlMaxScale() + " (time budget)";
            } else {
                Path carmlOut = s.work().resolve("carml-" + scale + ".nt");
                Files.deleteIfExists(carmlOut);
                ChildRun.Outcome carml = ChildRun.of(b.launcher.peer(s.convertHeap(), b.gcLog("carml-" + scale), CARML_MAIN,
                                tables.toString(), carmlOut.toString()))
                        .logs(b.logs(), "carml-" + scale).gcLog(b.gcLog("carml-" + scale)).limit(b.limit()).run();
                if (carml.ok() && Files.exists(carmlOut)) {
                    long carmlTriples = Bench.lines(carmlOut);
                    double carmlRate = Bench.perSecond(carmlTriples, carml.wallMillis());
                    carmlCell = count(carmlRate) + " (" + count(carmlTriples) + " triples)";
                    carmlHeap = num(carml.heap().peakMiB(), 0) + " / " + num(carml.heap().liveMiB(), 0);
                    carmlRatio = ratio(oursRate / carmlRate);
                    b.plot("convert (CARML)", carmlTriples, carml.wallMillis() / 1000.0);
                    b.findings.carmlScale = scale;
                    b.findings.carmlRate = carmlRate;
                    b.findings.oursRateAtCarml = oursRate;
                    b.findings.carmlNote = "at scale " + scale;
                } else {
                    carmlCell = "failed: " + carml.failure();
                    carmlHeap = carml.heap().peakMiB() > 0 ? num(carml.heap().peakMiB(), 0) + " / " + num(carml.heap().liveMiB(), 0) : "–";
                    carmlStop = "not run: failed at scale " + scale;
                    if (b.findings.carmlScale == 0) b.findings.carmlNote = "CARML failed at scale " + scale + ": " + carml.failure();
                }
                Files.deleteIfExists(carmlOut);
            }
            lastScale = scale;
            // CARML stops at its own scale limit, so the next scale costs what ours and the ceiling cost
            lastSeconds = (ours.wallMillis() + ceiling.wallMillis()) / 1000.0;
            rates.add(row(Integer.toString(scale), count(triples), num(ours.wallMillis() / 1000.0, 1), count(oursRate), ceilingCell,
                    ratio(oursRate / ceilingRate), carmlCell, carmlRatio));
            memory.add(row(Integer.toString(scale), count(triples), "completed", num(ours.heap().peakMiB(), 0),
                    num(ours.heap().liveMiB(), 0), carmlHeap));
            Bench.Findings f = b.findings;
            f.convertScale = scale;
            f.convertTriples = triples;
            f.oursRate = oursRate;
            f.ceilingRate = ceilingRate;
            f.peakHeapMiB = ours.heap().peakMiB();
            f.convertCompleted = true;
        }
        b.report.table("convert", List.of("scale", "triples", "ours: s", "ours: triples/s", "ceiling: triples/s", "ours / ceiling",
                "CARML: triples/s", "ours / CARML"), rates);
        b.report.note("convert", "Memory, every converter with `-Xmx" + s.convertHeap() + "` (peak heap in use / most heap live "
                + "after a collection, MiB, from the GC log; CARML in its own column as peak / live):");
        b.report.table("convert", List.of("scale", "triples", "ours under -Xmx" + s.convertHeap(), "ours: peak heap MiB",
                "ours: live heap MiB", "CARML: peak / live MiB"), memory);
    }

    static boolean present(String className) {
        try {
            Class.forName(className, false, ConvertMeasure.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
