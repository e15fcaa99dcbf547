package org.ibcr.kg.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Warms two servers in turn until both run steadily: rounds of a short wrk run each, until every server's rate in a
 * round is within {@link #STEADY} of its rate in the round before (at least {@link #MIN_ROUNDS}, at most
 * {@link #MAX_ROUNDS} rounds). Two fixed rounds were not enough on one pinned core: the JIT compiles on the core the
 * server answers on, and three quiet runs saw the rate at 1 connection still double from the first pair to the fifth.
 *
 * <pre>{@code
 * int rounds = Warmup.of(warm, mix, 8).run("ours", oursBase, "stock", stockBase, "endpoint");
 * }</pre>
 */
final class Warmup {
    static final double STEADY = 0.05;
    static final int MIN_ROUNDS = 2;
    static final int MAX_ROUNDS = 8;

    private final Wrk wrk;
    private final List<Wrk.Request> mix;
    private final List<Wrk.Request> peerMix;
    private final int connections;

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

    /**
     * Warms the servers at {@code bases} (their names beside them, used in the log file names under {@code tag}) in
     * turn, round after round, and returns how many rounds it took.
     */
    int run(String oursName, String oursBase, String peerName, String peerBase, String tag) throws IOException {
        List<Double> ours = new ArrayList<>();
        List<Double> peer = new ArrayList<>();
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            ours.add(wrk.run(oursBase, mix, connections, tag + "-" + oursName + "-warmup-" + round).perSecond());
            peer.add(wrk.run(peerBase, peerMix, connections, tag + "-" + peerName + "-warmup-" + round).perSecond());
            System.out.printf("  warm-up round %d: %s %.1f, %s %.1f requests/s%n", round, oursName, ours.get(round - 1), peerName,
                    peer.get(round - 1));
            if (round >= MIN_ROUNDS && steady(ours) && steady(peer)) return round;
        }
        return MAX_ROUNDS;
    }

    private static boolean steady(List<Double> rates) {
        double last = rates.get(rates.size() - 1);
        double before = rates.get(rates.size() - 2);
        return before > 0 && Math.abs(last - before) / before <= STEADY;
    }

    /** The warm-up in words, for a table's note. */
    static String describe(int warmupSeconds, int connections, int rounds) {
        return "warmed in turn in rounds of " + warmupSeconds + " s each at " + connections + " connections until each server's rate moved by under "
                + Math.round(STEADY * 100) + " % from one round to the next (at least " + MIN_ROUNDS + ", at most " + MAX_ROUNDS + " rounds; "
                + rounds + " here)";
    }
}
