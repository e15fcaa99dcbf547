package org.ibcr.kg.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one benchmark run does: the scales, how long each wrk run lasts, the heap each child gets, time limits.
 * {@link #full} is the documented run (about 10 million triples at its largest scale); {@link #smoke} is the tiny
 * run CI makes, which checks that every table comes out complete and never asserts a timing.
 *
 * @param scales           generator scales, ascending (1 is about the size of the real data)
 * @param seed             generator seed
 * @param wrkSeconds       length of each measured wrk run
 * @param warmupSeconds    length of the wrk run that warms each server up before it is measured
 * @param connections      wrk connection counts of the endpoint measure
 * @param pageConnections  wrk connection counts of the pages measure
 * @param convertHeap      -Xmx of the converters (ours and CARML): the memory target
 * @param bigHeap          -Xmx of the runs that hold the whole graph in memory (ceiling, validate, load)
 * @param serverHeap       -Xmx of the servers
 * @param validateMaxScale largest scale validated
 * @param carmlMaxScale    largest scale CARML is run at
 * @param fromNtMaxScale   largest scale our loading code is also fed the N-Triples file
 * @param stepLimit        time limit of any one child run
 * @param pairs            pairs of every peer comparison, ours and the peer in turn ({@link PairedComparison}); the
 *                         medians are reported with the pairs' spread
 * @param comparisonSeconds a comparison starts no further pair once its pairs so far and one more would take longer
 *                         than this (its first pair always runs): the long runs of the large scales get fewer pairs,
 *                         and the run's budget is not spent on one of them
 * @param pin              pin wrk to one CPU and the servers to the others where the machine allows ({@link Pinning})
 * @param jmhIterations    JMH measurement iterations (and warm-up iterations) per benchmark
 * @param jmhForks         JMH forks (0 runs in this JVM)
 * @param work             scratch folder (generated data, N-Triples files, databases, logs)
 * @param page             the Markdown page whose tables are rewritten
 * @param jar              our shaded jar, used for our runs when it exists
 * @param label            "full" or "smoke", printed in the report
 */
public record BenchSettings(List<Integer> scales, long seed, int wrkSeconds, int warmupSeconds, List<Integer> connections,
        List<Integer> pageConnections, String convertHeap, String bigHeap, String serverHeap, int validateMaxScale,
        int carmlMaxScale, int fromNtMaxScale, Duration stepLimit, int pairs, int comparisonSeconds, boolean pin, int jmhIterations, int jmhForks, Path work, Path page,
        Path jar, String label) {

    /** The documented full run: up to scale 3000 (about 10 million triples), within the run's time budget. */
    public static BenchSettings full() {
        return new BenchSettings(List.of(1, 10, 100, 1000, 3000), 1, 8, 5, List.of(1, 8, 32), List.of(8), "512m", "8g", "1g",
                100, 1000, 100, Duration.ofMinutes(8), 5, 120, true, 2, 1, Path.of("target", "bench"),
                Path.of("src", "site", "markdown", "performance.md"), Path.of("target", "ibcr-kg.jar"), "full");
    }

    /** The CI smoke run: scale 1 only, 1-second wrk runs, one pair per comparison, into a copy of the page under target/. */
    public static BenchSettings smoke(Path work, Path page) {
        return new BenchSettings(List.of(1), 1, 1, 1, List.of(1, 8, 32), List.of(8), "512m", "1g", "512m", 1, 1, 1,
                Duration.ofMinutes(3), 1, 120, true, 1, 0, work, page, null, "smoke");
    }

    /** The most warm-up rounds of a paired HTTP comparison ({@link Warmup}): the smoke run only checks that the harness runs. */
    public int maxWarmupRounds() {
        return "smoke".equals(label) ? 2 : Warmup.MAX_ROUNDS;
    }

    public int largestScale() {
        return scales.get(scales.size() - 1);
    }
}
