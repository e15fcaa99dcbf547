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

    /** One run of a converter: how it ended, the triples it wrote and its rate (NaN if it failed). */
    record Rated(ChildRun.Outcome outcome, long triples, double rate) {
        double seconds() {
            return outcome.wallMillis() / 1000.0;
        }
    }

    static void run(Bench b) throws Exception {
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
            PairedComparison.Measure<Rated> ours = pair -> {
                String name = "convert-" + scale + "-" + pair;
                ChildRun.Outcome o = ChildRun.of(b.launcher.ours(s.convertHeap(), b.gcLog(name), "convert", "--no-validate",
                                "-f", "ntriples", "-o", nt.toString(), "--data", tables.toString()))
                        .logs(b.logs(), name).gcLog(b.gcLog(name)).limit(b.limit()).run();
                if (!o.ok()) return new Rated(o, 0, Double.NaN);
                long triples = Bench.lines(nt);
                return new Rated(o, triples, Bench.perSecond(triples, o.wallMillis()));
            };
            // (a) the ceiling: RIOT writing our triples, its write alone
            Path ceilingOut = s.work().resolve("ceiling-" + scale + ".nt");
            PairedComparison.Measure<Rated> ceilingRun = pair -> {
                String name = "ceiling-" + scale + "-" + pair;
                ChildRun.Outcome o = ChildRun.of(b.launcher.peer(s.bigHeap(), b.gcLog(name), RiotCeiling.class.getName(),
                        nt.toString(), ceilingOut.toString())).logs(b.logs(), name).limit(b.limit()).run();
                Files.deleteIfExists(ceilingOut);
                Matcher m = CEILING.matcher(o.out());
                if (!o.ok() || !m.find()) return new Rated(o, 0, Double.NaN);
                long written = Long.parseLong(m.group(1));
                return new Rated(o, written, Bench.perSecond(written, Math.max(1, Long.parseLong(m.group(2)))));
            };
            System.out.println("convert scale " + scale + ", ours and the ceiling:");
            PairedComparison.Result<Rated> c = b.compare("ours", ours, "ceiling", ceilingRun).higherIsBetter(Rated::rate).run();
            if (c.pairs().isEmpty() || !c.pairs().get(0).oursRun().outcome().ok()) {
                String why = c.pairs().isEmpty() ? "not run" : "failed: " + c.pairs().get(0).oursRun().outcome().failure();
                rates.add(row(Integer.toString(scale), "–", why, "–", "–", "–", "–", "–"));
                memory.add(row(Integer.toString(scale), "–", why, "–", "–", "–"));
                continue;
            }
            Rated first = c.pairs().get(0).oursRun();
            long triples = first.triples();
            b.triples.put(scale, triples);
            List<Rated> oursRuns = new ArrayList<>(c.pairs().stream().map(PairedComparison.Pair::oursRun).toList());
            String ceilingCell;
            if (c.count() > 0) {
                ceilingCell = count(c.medianPeer());
                b.plot("convert ceiling (RIOT write from memory)", triples, triples / c.medianPeer());
            } else {
                ceilingCell = "failed: " + c.failedPair().peerRun().outcome().failure();
            }
            double oursSeconds = PairedComparison.Spread.median(oursRuns.stream().filter(r -> r.outcome().ok()).map(Rated::seconds).toList());
            double oursRate = Bench.perSecond(triples, Math.round(oursSeconds * 1000));
            b.plot("convert (ours)", triples, oursSeconds);
            System.out.printf("convert scale %d: %d triples in %.1f s (median)%n", scale, triples, oursSeconds);

            // (b) CARML
            String carmlCell = "–";
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
                PairedComparison.Measure<Rated> carmlRun = pair -> {
                    String name = "carml-" + scale + "-" + pair;
                    Files.deleteIfExists(carmlOut);
                    ChildRun.Outcome o = ChildRun.of(b.launcher.peer(s.convertHeap(), b.gcLog(name), CARML_MAIN,
                                    tables.toString(), carmlOut.toString()))
                            .logs(b.logs(), name).gcLog(b.gcLog(name)).limit(b.limit()).run();
                    long written = o.ok() && Files.exists(carmlOut) ? Bench.lines(carmlOut) : 0;
                    Files.deleteIfExists(carmlOut);
                    return new Rated(o, written, written > 0 ? Bench.perSecond(written, o.wallMillis()) : Double.NaN);
                };
                System.out.println("convert scale " + scale + ", ours and CARML:");
                PairedComparison.Result<Rated> k = b.compare("ours", ours, "CARML", carmlRun).higherIsBetter(Rated::rate).run();
                oursRuns.addAll(k.pairs().stream().map(PairedComparison.Pair::oursRun).toList());
                List<Rated> carmlRuns = k.pairs().stream().map(PairedComparison.Pair::peerRun).toList();
                double carmlPeak = carmlRuns.stream().mapToDouble(r -> r.outcome().heap().peakMiB()).max().orElse(0);
                double carmlLive = carmlRuns.stream().mapToDouble(r -> r.outcome().heap().liveMiB()).max().orElse(0);
                if (k.count() > 0) {
                    long carmlTriples = k.peerRuns().get(0).triples();
                    carmlCell = count(k.medianPeer()) + " (" + count(carmlTriples) + " triples)";
                    carmlHeap = num(carmlPeak, 0) + " / " + num(carmlLive, 0);
                    carmlRatio = k.ratioCell();
                    b.plot("convert (CARML)", carmlTriples, carmlTriples / k.medianPeer());
                    b.findings.carmlScale = scale;
                    b.findings.carml = k;
                    b.findings.carmlNote = "at scale " + scale;
                }
                if (k.failed()) {
                    ChildRun.Outcome failed = k.failedPair().peerRun().outcome();
                    if (k.count() == 0) {
                        carmlCell = "failed: " + failed.failure();
                        carmlHeap = carmlPeak > 0 ? num(carmlPeak, 0) + " / " + num(carmlLive, 0) : "–";
                        if (b.findings.carmlScale == 0) b.findings.carmlNote = "CARML failed at scale " + scale + ": " + failed.failure();
                    }
                    carmlStop = "not run: failed at scale " + scale;
                }
            }
            lastScale = scale;
            // one pair of ours and the ceiling: CARML stops at its own scale limit
            lastSeconds = first.seconds() + c.pairs().get(0).peerRun().seconds();
            rates.add(row(Integer.toString(scale), count(triples), num(oursSeconds, 1), count(oursRate), ceilingCell,
                    c.ratioCell(), carmlCell, carmlRatio));
            // memory: the worst of our runs
            double peak = oursRuns.stream().filter(r -> r.outcome().ok()).mapToDouble(r -> r.outcome().heap().peakMiB()).max().orElse(0);
            double live = oursRuns.stream().filter(r -> r.outcome().ok()).mapToDouble(r -> r.outcome().heap().liveMiB()).max().orElse(0);
            memory.add(row(Integer.toString(scale), count(triples), "completed", num(peak, 0), num(live, 0), carmlHeap));
            Bench.Findings f = b.findings;
            f.convertScale = scale;
            f.convertTriples = triples;
            f.ceiling = c;
            f.peakHeapMiB = peak;
            f.convertCompleted = true;
        }
        b.report.note("convert", "Each comparison in pairs, ours and the peer in turn (up to " + EndpointMeasure.pairs(s.pairs())
                + " per scale, fewer where the time budget would not hold them); figures are medians over the pairs, and each ratio the "
                + "median of the pairs' ratios (lowest–highest pair, pairs).");
        b.report.table("convert", List.of("scale", "triples", "ours: s", "ours: triples/s", "ceiling: triples/s", "ours / ceiling",
                "CARML: triples/s", "ours / CARML"), rates);
        b.report.note("convert", "Memory, every converter with `-Xmx" + s.convertHeap() + "` (the most heap in use at any point / the "
                + "most live after a collection, MiB, from the GC logs, the largest over every run; CARML in its own column as peak / live):");
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
