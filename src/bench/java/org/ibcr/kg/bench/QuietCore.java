package org.ibcr.kg.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Waits, before each timed run of a paired comparison, until the servers that share the pinned core have been idle
 * for a moment. Both servers of a comparison stay up on one core; a JVM keeps compiling for seconds after its load
 * stops (its JIT compiles what the last run made hot, a C2 compilation of a large method takes seconds on one core),
 * and without this wait those compilations ran during the other server's run and were counted against it.
 *
 * <pre>{@code
 * QuietCore quiet = QuietCore.of(List.of(ours, stock));
 * quiet.await();       // before each wrk run
 * quiet.describe();    // "each run began once ...: waits of 1.0-2.7 s, median 1.2 s" (a wait is at least one window)
 * }</pre>
 */
final class QuietCore {
    /** Idle: the servers together used at most this share of one core over {@link #WINDOW_MILLIS}. */
    static final double IDLE_SHARE = 0.05;
    static final long WINDOW_MILLIS = 1000;
    /** The longest wait: a server that never goes idle (a runaway query) does not stop the benchmark. */
    static final long LIMIT_MILLIS = 30_000;
    private static final long POLL_MILLIS = 100;

    private final List<ServerProcess> servers;
    private final List<Long> waits = new ArrayList<>();
    private int timedOut;
    /** Waits that ended because the servers' CPU time could not be read: the rule was not applied. */
    private int unread;
    private MachineSpeed speed;

    private QuietCore(List<ServerProcess> servers) {
        this.servers = List.copyOf(servers);
    }

    static QuietCore of(List<ServerProcess> servers) {
        Objects.requireNonNull(servers, "servers");
        return new QuietCore(servers);
    }

    /** Also times the machine's own speed ({@link MachineSpeed}) once the core is idle, before each run. */
    QuietCore speed(MachineSpeed speed) {
        this.speed = Objects.requireNonNull(speed, "speed");
        return this;
    }

    /** What {@link #speed} measured, or that it was not. */
    String speedDescribed() {
        return speed == null ? "the machine's speed was not measured" : speed.describe();
    }

    /** Returns once the servers have been idle for {@link #WINDOW_MILLIS} (or after {@link #LIMIT_MILLIS}). */
    void await() {
        long start = System.nanoTime();
        // CPU time used so far, one sample per poll, to compare the last with the one a window earlier
        List<Double> samples = new ArrayList<>();
        int window = (int) (WINDOW_MILLIS / POLL_MILLIS);
        while (true) {
            samples.add(cpu());
            long waited = (System.nanoTime() - start) / 1_000_000;
            if (samples.size() > window) {
                double used = samples.get(samples.size() - 1) - samples.get(samples.size() - 1 - window);
                if (Double.isNaN(used) || used <= IDLE_SHARE * WINDOW_MILLIS) {
                    if (Double.isNaN(used)) unread++;
                    waits.add(waited);
                    if (speed != null) speed.sample();
                    return;
                }
            }
            if (waited >= LIMIT_MILLIS) {
                waits.add(waited);
                timedOut++;
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private double cpu() {
        double sum = 0;
        for (ServerProcess s : servers) sum += s.cpuMillis();
        return sum;
    }

    /** What the waits were, for a table's note. */
    String describe() {
        String rule = "each run began once the servers had used under " + Math.round(IDLE_SHARE * 100) + " % of their core for "
                + WINDOW_MILLIS / 1000.0 + " s (so that one server's JIT, still compiling after its run, did not run during the other's)";
        if (waits.isEmpty()) return rule;
        List<Long> sorted = waits.stream().sorted().toList();
        String s = rule + ": waits of " + Report.num(sorted.get(0) / 1000.0, 1) + "–" + Report.num(sorted.get(sorted.size() - 1) / 1000.0, 1)
                + " s, median " + Report.num(sorted.get(sorted.size() / 2) / 1000.0, 1) + " s";
        if (timedOut > 0) s += ", " + timedOut + " cut at " + LIMIT_MILLIS / 1000 + " s";
        if (unread > 0) s += "; " + unread + " of " + waits.size() + " not applied (the servers' CPU time could not be read)";
        return s;
    }
}
