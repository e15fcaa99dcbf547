package org.ibcr.kg.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Warms two servers in turn (or one, a measure without a peer) until each runs steadily: rounds of a short wrk run
 * each, until every server's mean rate over its last {@link #STEADY_ROUNDS} rounds is within {@link #STEADY} of its
 * mean over the {@link #STEADY_ROUNDS} before (at least {@link #MIN_ROUNDS} or {@link #minRounds}, at most
 * {@link #MAX_ROUNDS} rounds, fewer in the smoke run). On one pinned core
 * the JIT compiles on the core the server answers on: under the endpoint's mix both servers' rates rose for about
 * three and a half minutes (20 rounds of 5 s each) and `jstat -compiler` still counted 50-100 new compiled methods a
 * round after that; eight rounds were not enough. A single round moves by some 15 % from the next on this kind of
 * machine whatever the server does ({@link MachineSpeed}), so rounds are compared three at a time.
 *
 * <pre>{@code
 * int rounds = Warmup.of(warm, mix, 8).quiet(quiet).maxRounds(s.maxWarmupRounds()).run("ours", oursBase, "stock", stockBase, "endpoint");
 * }</pre>
 */
final class Warmup {
    static final double STEADY = 0.05;
    static final int STEADY_ROUNDS = 3;
    static final int MIN_ROUNDS = 18;
    static final int MAX_ROUNDS = 30;

    private final Wrk wrk;
    private final List<Wrk.Request> mix;
    private final List<Wrk.Request> peerMix;
    private final int connections;
    private QuietCore quiet;
    private int minRounds = MIN_ROUNDS;
    private int maxRounds = MAX_ROUNDS;
    private boolean steady;

    private Warmup(Wrk wrk, List<Wrk.Request> mix, List<Wrk.Request> peerMix, int connections) {
        this.wrk = Objects.requireNonNull(wrk, "wrk");
        this.mix = List.copyOf(mix);
        this.peerMix = List.copyOf(peerMix);
        this.connections = connections;
    }

    /** Both servers warmed with the same requests. */
    static Warmup of(Wrk wrk, List<Wrk.Request> mix, int connections) {
        return new Warmup(wrk, mix, mix, connections);
    }

    /** Each server warmed with its own spelling of the same requests (a peer with other paths). */
    static Warmup of(Wrk wrk, List<Wrk.Request> mix, List<Wrk.Request> peerMix, int connections) {
        return new Warmup(wrk, mix, peerMix, connections);
    }

    /** Each round's runs begin on an idle core ({@link QuietCore}), as the timed runs do. */
    Warmup quiet(QuietCore quiet) {
        this.quiet = Objects.requireNonNull(quiet, "quiet");
        return this;
    }

    /**
     * At most {@code rounds} rounds. The smoke run asks 2: it only checks that the harness runs, and two rounds can
     * never show steadiness (that needs {@code 2 × STEADY_ROUNDS}), so its note says "not steady yet".
     */
    Warmup maxRounds(int rounds) {
        if (rounds < 1) throw new IllegalArgumentException("rounds must be positive: " + rounds);
        this.maxRounds = rounds;
        return this;
    }

    /**
     * At least {@code rounds} rounds (default {@link #MIN_ROUNDS}, what the endpoint's large mix needs; a mix of a few
     * requests settles sooner). Steadiness is never judged before {@code 2 × STEADY_ROUNDS}.
     */
    Warmup minRounds(int rounds) {
        if (rounds < 1) throw new IllegalArgumentException("rounds must be positive: " + rounds);
        this.minRounds = rounds;
        return this;
    }

    /**
     * Warms the servers at {@code bases} (their names beside them, used in the log file names under {@code tag}) in
     * turn, round after round, and returns how many rounds it took.
     */
    int run(String oursName, String oursBase, String peerName, String peerBase, String tag) throws IOException {
        return rounds(List.of(new Server(oursName, oursBase, mix), new Server(peerName, peerBase, peerMix)), tag);
    }

    /** Warms one server (a measure with no peer), round after round, and returns how many rounds it took. */
    int run(String name, String base, String tag) throws IOException {
        return rounds(List.of(new Server(name, base, mix)), tag);
    }

    private record Server(String name, String base, List<Wrk.Request> mix) {}

    private int rounds(List<Server> servers, String tag) throws IOException {
        List<List<Double>> rates = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) rates.add(new ArrayList<>());
        for (int round = 1; round <= maxRounds; round++) {
            StringBuilder line = new StringBuilder("  warm-up round " + round + ":");
            for (int i = 0; i < servers.size(); i++) {
                Server server = servers.get(i);
                if (quiet != null) quiet.await();
                double rate = wrk.run(server.base, server.mix, connections, tag + "-" + server.name + "-warmup-" + round).perSecond();
                rates.get(i).add(rate);
                line.append(i == 0 ? " " : ", ").append(server.name).append(' ').append(String.format(java.util.Locale.ROOT, "%.1f", rate));
            }
            System.out.println(line + " requests/s");
            if (round >= Math.min(minRounds, maxRounds) && rates.stream().allMatch(Warmup::steady)) {
                steady = true;
                return round;
            }
        }
        return maxRounds;
    }

    /** Whether the last {@link #run} ended because every server was steady, not at its most rounds. */
    boolean steady() {
        return steady;
    }

    /** The mean of the last {@link #STEADY_ROUNDS} rates within {@link #STEADY} of the mean of the ones before them. */
    static boolean steady(List<Double> rates) {
        if (rates.size() < 2 * STEADY_ROUNDS) return false;
        double last = mean(rates.subList(rates.size() - STEADY_ROUNDS, rates.size()));
        double before = mean(rates.subList(rates.size() - 2 * STEADY_ROUNDS, rates.size() - STEADY_ROUNDS));
        return before > 0 && Math.abs(last - before) / before <= STEADY;
    }

    private static double mean(List<Double> rates) {
        return rates.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    /** The warm-up in words, for a table's note. */
    static String describe(int warmupSeconds, int connections, int rounds, int maxRounds, boolean steady) {
        return "warmed in turn in rounds of " + warmupSeconds + " s each at " + connections + " connections until each server's mean rate over its last "
                + STEADY_ROUNDS + " rounds was within " + Math.round(STEADY * 100) + " % of its mean over the " + STEADY_ROUNDS + " before (at least " + Math.min(MIN_ROUNDS, maxRounds)
                + ", at most " + maxRounds + " rounds; " + rounds + " here" + (steady ? "" : ", so not steady yet") + ")";
    }
}
