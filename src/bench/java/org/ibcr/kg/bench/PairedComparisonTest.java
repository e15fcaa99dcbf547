package org.ibcr.kg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.ibcr.kg.bench.PairedComparison.Judgement;
import org.ibcr.kg.bench.PairedComparison.Spread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pairing and the judgement the targets table shows: medians, spread, met / not met / within noise. */
class PairedComparisonTest {
    @Test
    void medianOfAnOddAndAnEvenNumberOfValues() {
        assertEquals(1.0, Spread.median(List.of(1.2, 0.7, 1.0)));
        assertEquals(0.95, Spread.median(List.of(1.1, 0.7, 0.9, 1.0)), 1e-12);
        assertEquals(0.7, Spread.min(List.of(1.1, 0.7, 0.9)));
        assertEquals(1.1, Spread.max(List.of(1.1, 0.7, 0.9)));
    }

    @Test
    void missingFiguresAreLeftOutAndNoneGivesNaN() {
        assertEquals(2.0, Spread.median(List.of(Double.NaN, 2.0, Double.POSITIVE_INFINITY)));
        assertTrue(Double.isNaN(Spread.median(List.of())));
        assertTrue(Double.isNaN(Spread.min(List.of(Double.NaN))));
    }

    @Test
    void aCellShowsTheMedianWithItsSpreadAndCount() {
        assertEquals("1.00× (0.90–1.20×, 3 pairs)", Spread.cell(List.of(1.2, 0.9, 1.0), "pair", Report::ratio));
        assertEquals("0.97× (1 pair)", Spread.cell(List.of(0.97), "pair", Report::ratio));
        assertEquals("–", Spread.cell(List.of(), "pair", Report::ratio));
    }

    @Test
    void everyPairAboveTheGoalIsMet() {
        assertEquals(Judgement.MET, Judgement.of(List.of(0.96, 1.02, 1.10), 0.95, true));
    }

    @Test
    void everyPairBelowTheGoalIsNotMet() {
        assertEquals(Judgement.NOT_MET, Judgement.of(List.of(0.80, 0.85, 0.94), 0.95, true));
    }

    @Test
    void aGoalBetweenTheLowestAndHighestPairIsWithinNoiseWhicheverSideTheMedianIs() {
        assertEquals(Judgement.WITHIN_NOISE, Judgement.of(List.of(0.90, 1.00, 1.05), 0.95, true));
        assertEquals(Judgement.WITHIN_NOISE, Judgement.of(List.of(0.90, 0.92, 0.97), 0.95, true));
        assertEquals(Judgement.MET, Judgement.of(List.of(0.95, 1.00, 1.05), 0.95, true), "the lowest pair just meets it");
        assertEquals(Judgement.WITHIN_NOISE, Judgement.of(List.of(0.90, 0.92, 0.95), 0.95, true), "only the highest meets it");
    }

    @Test
    void oneValueIsJudgedOnItselfAndNothingIsNotMeasured() {
        assertEquals(Judgement.MET, Judgement.of(List.of(0.95), 0.95, true));
        assertEquals(Judgement.NOT_MET, Judgement.of(List.of(0.94), 0.95, true));
        assertEquals(Judgement.NOT_MEASURED, Judgement.of(List.of(), 0.95, true));
        assertEquals(Judgement.NOT_MEASURED, Judgement.of(List.of(Double.NaN), 0.95, true));
    }

    @Test
    void aTimeTargetIsMetBelowItsGoal() {
        assertEquals(Judgement.MET, Judgement.of(List.of(2700.0, 2800.0, 2900.0), 3000, false));
        assertEquals(Judgement.NOT_MET, Judgement.of(List.of(3100.0, 3200.0), 3000, false));
        assertEquals(Judgement.WITHIN_NOISE, Judgement.of(List.of(2800.0, 2900.0, 3100.0), 3000, false));
        assertEquals(Judgement.MET, Judgement.of(List.of(2800.0, 3000.0), 3000, false), "the slowest just meets it");
    }

    @Test
    void severalJudgementsOfOneTargetGiveTheWorst() {
        assertEquals(Judgement.MET, Judgement.worst(List.of(Judgement.MET, Judgement.MET)));
        assertEquals(Judgement.WITHIN_NOISE, Judgement.worst(List.of(Judgement.MET, Judgement.WITHIN_NOISE)));
        assertEquals(Judgement.NOT_MET, Judgement.worst(List.of(Judgement.WITHIN_NOISE, Judgement.NOT_MET, Judgement.MET)));
        assertEquals(Judgement.NOT_MEASURED, Judgement.worst(List.of(Judgement.MET, Judgement.NOT_MEASURED)));
        assertEquals(Judgement.NOT_MEASURED, Judgement.worst(List.of()));
    }

    @Test
    void pairsAlternateWhichSideRunsFirstAndGiveOneRatioEach() throws Exception {
        List<String> calls = new ArrayList<>();
        Iterator<Double> oursRates = List.of(100.0, 90.0, 110.0, 95.0, 105.0).iterator();
        Iterator<Double> peerRates = List.of(100.0, 100.0, 100.0, 100.0, 100.0).iterator();
        int[] warmUps = {0};
        PairedComparison.Result<Double> r = PairedComparison.<Double>of(
                        "ours", pair -> { calls.add("ours" + pair); return oursRates.next(); },
                        "peer", pair -> { calls.add("peer" + pair); return peerRates.next(); })
                .higherIsBetter(Double::doubleValue).pairs(5).beforeEach(() -> warmUps[0]++).run();
        assertEquals(List.of("ours0", "peer0", "peer1", "ours1", "ours2", "peer2", "peer3", "ours3", "ours4", "peer4"), calls);
        assertEquals(5, warmUps[0], "the same warm-up before every pair");
        assertEquals(List.of(1.0, 0.9, 1.1, 0.95, 1.05), r.ratios());
        assertEquals(1.0, r.medianRatio(), 1e-12);
        assertEquals(0.9, r.minRatio(), 1e-12);
        assertEquals(1.1, r.maxRatio(), 1e-12);
        assertEquals(100.0, r.medianOurs());
        assertEquals(100.0, r.medianPeer());
        assertEquals(Judgement.WITHIN_NOISE, r.judge(0.95));
        assertEquals(Judgement.MET, r.judge(0.85));
        assertEquals(Judgement.NOT_MET, r.judge(1.2));
    }

    @Test
    void timesAreDividedTheOtherWaySoAboveOneIsStillOursAhead() throws Exception {
        PairedComparison.Result<Double> r = PairedComparison.<Double>of("ours", pair -> 2.0, "peer", pair -> 3.0)
                .lowerIsBetter(Double::doubleValue).pairs(3).run();
        assertEquals(List.of(1.5, 1.5, 1.5), r.ratios());
        assertEquals(Judgement.MET, r.judge(0.9));
    }

    @Test
    void theBudgetStopsAfterAnyPairButTheFirst() throws Exception {
        PairedComparison.Result<Double> r = PairedComparison.<Double>of("ours", pair -> 1.0, "peer", pair -> 1.0)
                .higherIsBetter(Double::doubleValue).pairs(5).whileTrue(() -> false).run();
        assertEquals(1, r.count());
        assertEquals(5, r.asked());
    }

    @Test
    void aFailedRunEndsTheComparisonAndIsKeptToSayWhy() throws Exception {
        Iterator<Double> peer = List.of(10.0, Double.NaN, 10.0).iterator();
        PairedComparison.Result<Double> r = PairedComparison.<Double>of("ours", pair -> 10.0, "peer", pair -> peer.next())
                .higherIsBetter(Double::doubleValue).pairs(3).run();
        assertEquals(2, r.pairs().size());
        assertEquals(1, r.count());
        assertTrue(r.failed());
        assertTrue(Double.isNaN(r.failedPair().peer()));
    }

    @Test
    void aComparisonNeedsAFigureAndAPair() {
        assertThrows(IllegalStateException.class, () -> PairedComparison.<Double>of("a", p -> 1.0, "b", p -> 1.0).run());
        assertThrows(IllegalArgumentException.class, () -> PairedComparison.<Double>of("a", p -> 1.0, "b", p -> 1.0).pairs(0));
    }

    @Test
    void theAllowedCpuListIsRead() {
        assertEquals(List.of(0, 1), Pinning.parseList("0-1"));
        assertEquals(List.of(0, 2, 3, 4), Pinning.parseList("0,2-4"));
        assertEquals(List.of(3), Pinning.parseList("3"));
    }

    @Test
    void theTargetsOfAPageAreReadBackCellByCell(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("performance.md");
        Files.writeString(page, "intro\n<!-- bench:targets -->\nold\n<!-- /bench:targets -->\n", StandardCharsets.UTF_8);
        Report report = Report.create();
        report.table("targets", List.of("target", "measured", "result"), List.of(List.of("a | b", "1.00× (0.90–1.10×, 5 pairs)", "within noise")));
        report.writeInto(page);
        assertEquals(List.of(List.of("a | b", "1.00× (0.90–1.10×, 5 pairs)", "within noise")), Report.rowsOf(page, "targets"));
    }

    @Test
    void aTimeThatMustNotGrowWithTheDataIsJudgedAtTenMillionTriplesAgainstScaleOne() {
        String name = "version at 10 M triples ≤ 3 × at scale 1";
        java.util.Map<Integer, Long> triples = java.util.Map.of(1, 6_000L, 100, 500_000L, 3000, 15_000_000L);
        // each update of the largest scale over scale 1's median (100 ms): 1.2, 1.5 and 2.0, all under 3
        List<String> met = Benchmark.growthTarget(name, java.util.Map.of(1, List.of(90.0, 100.0, 130.0), 3000, List.of(120.0, 150.0, 200.0)),
                triples, "median ", "update");
        assertEquals("met", met.get(2), met.toString());
        assertEquals("median 150.00 ms at scale 3000 (15 000 000 triples) against 100.00 ms at scale 1: 1.50× (1.20–2.00×, 3 updates)",
                met.get(1));
        // some updates over 3 ×, some under: this run cannot tell
        assertEquals("within noise", Benchmark.growthTarget(name, java.util.Map.of(1, List.of(100.0), 3000, List.of(250.0, 280.0, 400.0)),
                triples, "", "update").get(2));
        assertEquals("not met", Benchmark.growthTarget(name, java.util.Map.of(1, List.of(100.0), 3000, List.of(350.0, 400.0)),
                triples, "", "update").get(2));
        // the largest scale run has under 10 M triples, or there is no scale 1 to compare with
        assertEquals("not measured at 10 M triples", Benchmark.growthTarget(name, java.util.Map.of(1, List.of(100.0), 100, List.of(120.0)),
                triples, "", "update").get(2));
        assertEquals("not measured", Benchmark.growthTarget(name, java.util.Map.of(3000, List.of(120.0)), triples, "", "update").get(2));
        assertEquals("not measured", Benchmark.growthTarget(name, java.util.Map.of(), triples, "", "update").get(2));
    }
}
