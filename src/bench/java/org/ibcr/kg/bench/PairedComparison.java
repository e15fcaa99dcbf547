package org.ibcr.kg.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.ToDoubleFunction;

/**
 * One peer comparison as alternating pairs: ours, then the peer, then the peer, then ours... (the side that runs first
 * swaps every pair, so that a machine speeding up or slowing down within a pair does not always favour the same
 * side), each pair after the same warm-up. What it gives is the ratio of each pair, ours over the peer with "more is
 * better for us" (rates divided as they are, times the other way round), their median, min and max, the median of
 * each side's figures, and the judgement of a target on them ({@link Judgement}).
 *
 * <p>On two cores whose speed drifts, one run of each side says little: the moment and the order decide the ratio.
 * The median of several pairs, each of two runs minutes apart at most, holds still; its min and max say how far the
 * pairs disagree, and a target between them is <em>within noise</em> rather than met or not by chance.
 *
 * <pre>{@code
 * PairedComparison.Result<Wrk.Result> r = PairedComparison.of(
 *                 "ours", pair -> wrk.run(ours, mix, 8, "ours-" + pair),
 *                 "stock Fuseki", pair -> wrk.run(stock, mix, 8, "stock-" + pair))
 *         .higherIsBetter(Wrk.Result::perSecond).pairs(5).run();
 * r.medianRatio();          // 0.98
 * r.judge(0.95);            // Judgement.WITHIN_NOISE if 0.95 lies between r.minRatio() and r.maxRatio()
 * }</pre>
 *
 * @param <T> what one run of either side gives (a wrk result, a finished child process)
 */
public final class PairedComparison<T> {
    /** One run of one side; {@code pair} counts from 0 (for log file names). */
    @FunctionalInterface
    public interface Measure<T> {
        T run(int pair) throws Exception;
    }

    /** What runs before each pair (the same for every pair), such as a warm-up. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    private final String oursName;
    private final Measure<T> ours;
    private final String peerName;
    private final Measure<T> peer;
    private ToDoubleFunction<T> figure;
    private boolean higherIsBetter = true;
    private int pairs = 5;
    private Step beforeEach = () -> {};
    private BooleanSupplier another = () -> true;

    private PairedComparison(String oursName, Measure<T> ours, String peerName, Measure<T> peer) {
        this.oursName = Objects.requireNonNull(oursName, "oursName");
        this.ours = Objects.requireNonNull(ours, "ours");
        this.peerName = Objects.requireNonNull(peerName, "peerName");
        this.peer = Objects.requireNonNull(peer, "peer");
    }

    /** A comparison of our {@code ours} with the {@code peer}; say how to read a figure next. */
    public static <T> PairedComparison<T> of(String oursName, Measure<T> ours, String peerName, Measure<T> peer) {
        return new PairedComparison<>(oursName, ours, peerName, peer);
    }

    /** The figure of a run is a rate (more is better): the pair's ratio is ours / peer. */
    public PairedComparison<T> higherIsBetter(ToDoubleFunction<T> figure) {
        this.figure = Objects.requireNonNull(figure, "figure");
        this.higherIsBetter = true;
        return this;
    }

    /** The figure of a run is a time (less is better): the pair's ratio is peer / ours, so above 1 is still ours ahead. */
    public PairedComparison<T> lowerIsBetter(ToDoubleFunction<T> figure) {
        this.figure = Objects.requireNonNull(figure, "figure");
        this.higherIsBetter = false;
        return this;
    }

    /** How many pairs (at least 1). */
    public PairedComparison<T> pairs(int pairs) {
        if (pairs < 1) throw new IllegalArgumentException("at least one pair, not " + pairs);
        this.pairs = pairs;
        return this;
    }

    /** Runs before each pair: the same warm-up for every pair. */
    public PairedComparison<T> beforeEach(Step step) {
        this.beforeEach = Objects.requireNonNull(step, "step");
        return this;
    }

    /**
     * Asked before each pair after the first: false stops the comparison there (a time budget). The first pair
     * always runs, so a comparison that starts always has a ratio.
     */
    public PairedComparison<T> whileTrue(BooleanSupplier another) {
        this.another = Objects.requireNonNull(another, "another");
        return this;
    }

    /**
     * Runs the pairs. A pair in which either side gives no finite figure (a failed run) ends the comparison: it is
     * kept, without a ratio, so that the caller can say why.
     */
    public Result<T> run() throws Exception {
        if (figure == null) throw new IllegalStateException("say how to read a figure: higherIsBetter or lowerIsBetter");
        List<Pair<T>> done = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            if (i > 0 && !another.getAsBoolean()) break;
            beforeEach.run();
            T a;
            T b;
            if (i % 2 == 0) {
                a = ours.run(i);
                b = peer.run(i);
            } else {
                b = peer.run(i);
                a = ours.run(i);
            }
            Pair<T> p = new Pair<>(a, b, figure.applyAsDouble(a), figure.applyAsDouble(b), higherIsBetter);
            done.add(p);
            System.out.printf("  pair %d of %d: %s %.4g, %s %.4g, ratio %.3f%n", i + 1, pairs, oursName, p.ours(), peerName, p.peer(), p.ratio());
            if (!p.complete()) break;
        }
        return new Result<>(oursName, peerName, done, pairs);
    }

    /** One pair: each side's run and figure; the ratio is "ours ahead" above 1. */
    public record Pair<T>(T oursRun, T peerRun, double ours, double peer, boolean higherIsBetter) {
        /** Ours over the peer for rates, the peer over ours for times; NaN if either figure is missing. */
        public double ratio() {
            if (!complete()) return Double.NaN;
            return higherIsBetter ? ours / peer : peer / ours;
        }

        /** Both figures finite and positive. */
        public boolean complete() {
            return Double.isFinite(ours) && Double.isFinite(peer) && ours > 0 && peer > 0;
        }
    }

    /**
     * The pairs a comparison ran, and what they say.
     *
     * @param asked the pairs asked for (fewer ran if the budget stopped it or a run failed)
     */
    public record Result<T>(String oursName, String peerName, List<Pair<T>> pairs, int asked) {
        public Result {
            pairs = List.copyOf(pairs);
        }

        /** The ratios of the complete pairs, in the order they ran. */
        public List<Double> ratios() {
            return pairs.stream().filter(Pair::complete).map(Pair::ratio).toList();
        }

        /** Complete pairs. */
        public int count() {
            return ratios().size();
        }

        /** Whether the last pair failed (then {@link #failedPair} says which run). */
        public boolean failed() {
            return !pairs.isEmpty() && !pairs.get(pairs.size() - 1).complete();
        }

        /** The pair that failed, or null. */
        public Pair<T> failedPair() {
            return failed() ? pairs.get(pairs.size() - 1) : null;
        }

        public double medianRatio() {
            return Spread.median(ratios());
        }

        public double minRatio() {
            return Spread.min(ratios());
        }

        public double maxRatio() {
            return Spread.max(ratios());
        }

        /** The median of our figure over the complete pairs. */
        public double medianOurs() {
            return Spread.median(pairs.stream().filter(Pair::complete).map(Pair::ours).toList());
        }

        /** The median of the peer's figure over the complete pairs. */
        public double medianPeer() {
            return Spread.median(pairs.stream().filter(Pair::complete).map(Pair::peer).toList());
        }

        /** The median of any other figure of our runs (p99 latency, peak heap), over the complete pairs. */
        public double medianOurs(ToDoubleFunction<T> other) {
            return Spread.median(pairs.stream().filter(Pair::complete).map(p -> other.applyAsDouble(p.oursRun())).toList());
        }

        /** The median of any other figure of the peer's runs, over the complete pairs. */
        public double medianPeer(ToDoubleFunction<T> other) {
            return Spread.median(pairs.stream().filter(Pair::complete).map(p -> other.applyAsDouble(p.peerRun())).toList());
        }

        /** Ours and the peer's runs of the complete pairs, in the order they ran. */
        public List<T> oursRuns() {
            return pairs.stream().filter(Pair::complete).map(Pair::oursRun).toList();
        }

        public List<T> peerRuns() {
            return pairs.stream().filter(Pair::complete).map(Pair::peerRun).toList();
        }

        /** The target "ratio ≥ goal" judged on these pairs. */
        public Judgement judge(double goal) {
            return Judgement.of(ratios(), goal, true);
        }

        /** The median ratio with its spread, for a table cell: {@code 0.98× (0.91–1.04×, 5 pairs)}. */
        public String ratioCell() {
            return Spread.cell(ratios(), "pair", Report::ratio);
        }
    }

    /** Median, min and max of a list of figures; NaN for an empty list. */
    public static final class Spread {
        private Spread() {}

        public static double median(List<Double> values) {
            List<Double> v = finite(values);
            if (v.isEmpty()) return Double.NaN;
            int n = v.size();
            return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
        }

        public static double min(List<Double> values) {
            List<Double> v = finite(values);
            return v.isEmpty() ? Double.NaN : v.get(0);
        }

        public static double max(List<Double> values) {
            List<Double> v = finite(values);
            return v.isEmpty() ? Double.NaN : v.get(v.size() - 1);
        }

        /** {@code median (min–max, n units)}, or just the value for one, or "–" for none. */
        public static String cell(List<Double> values, String unit, java.util.function.DoubleFunction<String> format) {
            List<Double> v = finite(values);
            if (v.isEmpty()) return "–";
            if (v.size() == 1) return format.apply(v.get(0)) + " (1 " + unit + ")";
            return format.apply(median(v)) + " (" + format.apply(min(v)).replace("×", "") + "–" + format.apply(max(v)) + ", " + v.size()
                    + " " + unit + "s)";
        }

        private static List<Double> finite(List<Double> values) {
            List<Double> v = new ArrayList<>();
            for (Double d : values) if (d != null && Double.isFinite(d)) v.add(d);
            Collections.sort(v);
            return v;
        }
    }

    /**
     * A target judged on several measurements: <em>met</em> or <em>not met</em> by their median, or <em>within
     * noise</em> when the goal lies between their min and max (the measurements disagree about it).
     */
    public enum Judgement {
        MET("met"), NOT_MET("not met"), WITHIN_NOISE("within noise"), NOT_MEASURED("not measured");

        private final String text;

        Judgement(String text) {
            this.text = text;
        }

        /** What the targets table says. */
        public String text() {
            return text;
        }

        /**
         * The target "value ≥ goal" ({@code higherIsBetter}) or "value ≤ goal" judged on {@code values}: within noise
         * when the goal lies between their min and max, so that some values meet it and some do not; else met or not
         * met (by the median, which then agrees with every value).
         */
        public static Judgement of(List<Double> values, double goal, boolean higherIsBetter) {
            double median = Spread.median(values);
            if (Double.isNaN(median)) return NOT_MEASURED;
            double min = Spread.min(values);
            double max = Spread.max(values);
            // the pairs disagree: some meet the goal, some do not
            boolean split = higherIsBetter ? min < goal && goal <= max : min <= goal && goal < max;
            if (split) return WITHIN_NOISE;
            return (higherIsBetter ? median >= goal : median <= goal) ? MET : NOT_MET;
        }

        /** Several judgements of one target (one per connection count, say): the worst of them. */
        public static Judgement worst(List<Judgement> all) {
            if (all.isEmpty() || all.contains(NOT_MEASURED)) return NOT_MEASURED;
            if (all.contains(NOT_MET)) return NOT_MET;
            if (all.contains(WITHIN_NOISE)) return WITHIN_NOISE;
            return MET;
        }
    }
}
