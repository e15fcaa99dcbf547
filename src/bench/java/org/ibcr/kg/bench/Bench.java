package org.ibcr.kg.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the measures of one run share: the settings, how to launch children, the tables at each scale, the
 * N-Triples file and triple count of each scale (made by the convert measure and read by the others), the report
 * being filled and the figures the targets are judged on.
 *
 * <pre>{@code
 * Bench bench = new Bench(BenchSettings.full(), Launcher.create().jar(Path.of("target/ibcr-kg.jar")));
 * ConvertMeasure.run(bench);
 * }</pre>
 */
public final class Bench {
    final BenchSettings settings;
    final Launcher launcher;
    final Datasets data;
    final Report report = Report.create();
    final Findings findings = new Findings();
    /** Triples in our N-Triples output, by scale. */
    final Map<Integer, Long> triples = new TreeMap<>();
    /** Seconds by measure and peer, by triples: the scaling plot. */
    final Map<String, Map<Long, Double>> seconds = new TreeMap<>();
    /** The bundled data in a TDB2 database, once loaded. */
    Path bundledStore;
    /** Rows of the start-up table, filled in two steps (bundled data early, the largest database after load). */
    final java.util.List<java.util.List<String>> startupRows = new java.util.ArrayList<>();
    /** Start-up on the largest database, ours against stock Fuseki (null until measured). */
    PairedComparison.Result<Double> startupRatio;
    /** Rows of the search table, one per scale of {@link SearchMeasure#SCALES} load reached. */
    final java.util.List<java.util.List<String>> searchRows = new java.util.ArrayList<>();
    /** The warm-up rounds the search took at each scale ("12", or "20, not steady"). */
    final java.util.Map<Integer, String> searchWarmups = new java.util.TreeMap<>();
    /** Rows of the bound-subject fragment and version tables, one per scale of {@link DatabaseMeasure#SCALES} load reached. */
    final java.util.List<java.util.List<String>> boundRows = new java.util.ArrayList<>();
    final java.util.List<java.util.List<String>> versionRows = new java.util.ArrayList<>();
    /** The database load made at the largest scale it finished, for start-up. */
    Path largestStore;
    int largestStoreScale;
    /** When the run's time budget ends. */
    Instant deadline = Instant.MAX;
    /** Where wrk and the servers of the HTTP measures run. */
    final Pinning pinning;

    public Bench(BenchSettings settings, Launcher launcher) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.data = new Datasets(launcher, settings, this::limit);
        this.pinning = Pinning.detect(settings.pin());
    }

    /**
     * A paired comparison of ours with a peer, with the run's number of pairs, that starts no further pair past the
     * run's budget or once its pairs would take longer than {@link BenchSettings#comparisonSeconds} (a pair costs
     * about what the last one did).
     */
    <T> PairedComparison<T> compare(String oursName, PairedComparison.Measure<T> ours, String peerName, PairedComparison.Measure<T> peer) {
        long began = System.nanoTime();
        long[] last = {began};
        return PairedComparison.of(oursName, ours, peerName, peer).pairs(settings.pairs()).beforeEach(() -> last[0] = System.nanoTime())
                .whileTrue(() -> {
                    double pair = (System.nanoTime() - last[0]) / 1e9;
                    double sofar = (System.nanoTime() - began) / 1e9;
                    return fits(pair) && sofar + pair <= settings.comparisonSeconds();
                });
    }

    /** Whether {@code seconds} more work fit the budget, keeping a minute for what follows. */
    boolean fits(double seconds) {
        if (deadline.equals(Instant.MAX)) return true;
        return !Instant.now().plusSeconds((long) seconds + 60).isAfter(deadline);
    }

    /** The time limit of the next child: the step limit, or what is left of the run's budget if less. */
    Duration limit() {
        Duration left = deadline.equals(Instant.MAX) ? settings.stepLimit() : Duration.between(Instant.now(), deadline);
        return left.compareTo(settings.stepLimit()) < 0 ? (left.isNegative() ? Duration.ZERO : left) : settings.stepLimit();
    }

    /** Whether the run's time budget is (nearly) spent: no new step starts. */
    boolean outOfTime() {
        return Duration.between(Instant.now(), deadline).compareTo(Duration.ofSeconds(15)) < 0;
    }

    /**
     * Whether a step at {@code scale} would not fit what is left of the budget (keeping a minute for what follows),
     * judged by the cost of one pair of the last step, {@code seconds} at {@code lastScale}, as if cost were linear in
     * the scale. One pair must fit for the step to start; the comparison then runs as many more as fit
     * ({@link #compare}), and its table says how many.
     */
    boolean wouldNotFit(int scale, int lastScale, double seconds) {
        if (deadline.equals(Instant.MAX) || lastScale <= 0) return false;
        return !fits(seconds * scale / lastScale);
    }

    /** The table cell of a step the budget left out. */
    static final String NO_TIME = "not run: it would not fit the run's time budget";

    /** Our N-Triples output at a scale. */
    Path nt(int scale) {
        return settings.work().resolve("ours-" + scale + ".nt");
    }

    /** A GC log file for a child. */
    Path gcLog(String name) {
        return settings.work().resolve("logs").resolve(name + ".gc.log");
    }

    Path logs() {
        return settings.work().resolve("logs");
    }

    /** Records a time for the scaling plot. */
    void plot(String series, long triples, double secs) {
        seconds.computeIfAbsent(series, s -> new TreeMap<>()).put(triples, secs);
    }

    /** Lines of an N-Triples file written by RIOT: one triple each. */
    static long lines(Path file) throws IOException {
        long n = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while ((r = in.read(buf)) > 0) {
                for (int i = 0; i < r; i++) if (buf[i] == '\n') n++;
            }
        }
        return n;
    }

    static double perSecond(long count, long millis) {
        return millis <= 0 ? Double.NaN : count * 1000.0 / millis;
    }

    /** The figures the targets are judged on, filled by the measures (NaN: not measured). */
    static final class Findings {
        int convertScale;
        long convertTriples;
        int carmlScale;
        String carmlNote = "not run";
        double peakHeapMiB = Double.NaN;
        boolean convertCompleted;
        /** Ours against the ceiling at convertScale, pair by pair. */
        PairedComparison.Result<?> ceiling;
        /** Ours against CARML at carmlScale. */
        PairedComparison.Result<?> carml;
        int loadScale;
        /** load --tdb2 against tdb2.tdbloader --graph at loadScale. */
        PairedComparison.Result<?> load;
        /** Median rate of load --tdb2, and tdb2.tdbloader's into the default graph (one run), triples/s. */
        double loadOursRate = Double.NaN;
        double loadJena = Double.NaN;
        /** Ours against stock Fuseki, by connections. */
        final Map<Integer, PairedComparison.Result<EndpointMeasure.Load>> endpoint = new TreeMap<>();
        /** Ours with its result cache against stock Fuseki at 32 connections: a repeating (Zipf) mix, a never-repeating one. */
        PairedComparison.Result<EndpointMeasure.Load> resultCacheRepeating;
        PairedComparison.Result<EndpointMeasure.Load> resultCacheUnique;
        /** Ours against Trifid: the HTML pages and Turtle documents at each connection count. */
        final java.util.List<PairedComparison.Result<Wrk.Result>> pages = new java.util.ArrayList<>();
        /** Whether our median p99 was at most Trifid's in every comparison. */
        boolean pagesP99Ok;
        String pagesNote = "not run";
        /** Our /fragments against @ldf/server, by connections; why the peer did not run, if it did not. */
        final Map<Integer, PairedComparison.Result<Wrk.Result>> fragments = new TreeMap<>();
        String fragmentsNote = "not run";
        /** The bound-subject fragment's p50 latency (ms, wrk at 1 connection), by scale. */
        final Map<Integer, Double> boundP50 = new TreeMap<>();
        /** The triples of the database those were measured on, by scale. */
        final Map<Integer, Long> databaseTriples = new TreeMap<>();
        /** Each one-label update's time end to end (ms), by scale. */
        final Map<Integer, java.util.List<Double>> versionMillis = new TreeMap<>();
        /** Launch to first answer on the bundled data, ms, each launch. */
        java.util.List<Double> firstQueryBundledMillis = java.util.List.of();
        boolean firstQueryWithArchive;
        /**
         * The largest scale the search was measured at (0: none), its triples, search p99 (ms) one at a time and at 8
         * connections, and index build (s) there.
         */
        int searchScale;
        long searchTriples;
        double searchP99 = Double.NaN;
        double searchLoadedP99 = Double.NaN;
        double searchBuildSeconds = Double.NaN;
    }
}
