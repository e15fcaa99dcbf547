package org.ibcr.kg.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import static org.ibcr.kg.bench.Report.count;
import static org.ibcr.kg.bench.Report.num;
import static org.ibcr.kg.bench.Report.ratio;
import static org.ibcr.kg.bench.Report.row;

/**
 * The benchmark harness: runs every measure (convert, JMH, validate, load, endpoint, result cache, pages, start-up, fragments), judges the
 * targets on the median of each comparison's pairs ({@link PairedComparison}: met, not met or within noise) and
 * rewrites the generated blocks of performance.md and the scaling plot. {@code mvn -B -Pbench verify}
 * runs the full run; {@code BenchmarkSmokeTest} the smoke run.
 *
 * <pre>{@code
 * java -cp <test classpath> org.ibcr.kg.bench.Benchmark              # the full run
 * java -cp <test classpath> org.ibcr.kg.bench.Benchmark --scales 1,10 --wrk-seconds 2
 * java -cp <test classpath> org.ibcr.kg.bench.Benchmark --only endpoint --pairs 7    # the endpoint's tables only
 * }</pre>
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, description = "Runs the benchmark and rewrites performance.md.")
public final class Benchmark implements Callable<Integer> {
    @Option(names = "--scales", split = ",", description = "Generator scales (default: 1,10,100,1000,3000).")
    List<Integer> scales;

    @Option(names = "--wrk-seconds", description = "Seconds per wrk run (default 8).")
    Integer wrkSeconds;

    @Option(names = "--pairs", description = "Pairs per peer comparison, ours and the peer in turn (default 5; the smoke run 1). "
            + "Tables show the medians and the pairs' spread.")
    Integer pairs;

    @Option(names = "--comparison-seconds", description = "A comparison starts no further pair once its pairs would take longer "
            + "than this (default 120; its first pair always runs).")
    Integer comparisonSeconds;

    @Option(names = "--pin", arity = "1", description = "Pin wrk to one CPU and the servers to the others where the machine allows "
            + "(default true).")
    Boolean pin;

    @Option(names = "--page", description = "The Markdown page to rewrite (default src/site/markdown/performance.md).")
    Path page;

    @Option(names = "--smoke", description = "The tiny CI run: scale 1, 1-second wrk runs, no npm install (Trifid, @ldf/server).")
    boolean smoke;

    @Option(names = "--work", description = "Scratch folder (default target/bench).")
    Path work;

    @Option(names = "--only", split = ",", paramLabel = "MEASURE",
            description = "Run only these measures (convert, convert-jmh, validate, load, endpoint, result-cache, pages, startup, fragments) and rewrite "
                    + "only their tables and their rows of the targets; the machine and scaling blocks are left as they are.")
    List<String> only;

    @Option(names = "--budget-minutes", description = "Stop starting new steps, and cut running ones, after this many minutes "
            + "(default 28 for the full run, so it ends within 30; 0 = no budget); what is cut says so in its table.")
    Integer budgetMinutes;

    @Option(names = "--jfr", arity = "0..1", description = "Record a JFR profile of each of our runs into the logs folder.")
    boolean jfr;

    public static void main(String[] args) {
        // Stopped early (Ctrl-C, a time limit): take the servers and tools it started down with it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy),
                "benchmark children"));
        System.exit(new CommandLine(new Benchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BenchSettings s = smoke ? BenchSettings.smoke(work != null ? work : Path.of("target", "bench-smoke"),
                page != null ? page : Path.of("target", "bench-smoke", "performance.md")) : BenchSettings.full();
        if (scales != null || wrkSeconds != null || pairs != null || comparisonSeconds != null || pin != null || (!smoke && (page != null || work != null))) {
            s = new BenchSettings(scales != null ? scales.stream().sorted().toList() : s.scales(), s.seed(),
                    wrkSeconds != null ? wrkSeconds : s.wrkSeconds(), s.warmupSeconds(), s.connections(), s.pageConnections(),
                    s.convertHeap(), s.bigHeap(), s.serverHeap(), s.validateMaxScale(), s.carmlMaxScale(), s.fromNtMaxScale(), s.stepLimit(),
                    pairs != null ? pairs : s.pairs(),
                    comparisonSeconds != null ? comparisonSeconds : s.comparisonSeconds(), pin != null ? pin : s.pin(), s.jmhIterations(), s.jmhForks(), work != null ? work : s.work(), page != null ? page : s.page(),
                    s.jar(), s.label());
        }
        int budget = budgetMinutes != null ? budgetMinutes : smoke ? 0 : 28;
        run(s, !smoke, jfr, only, budget == 0 ? null : Duration.ofMinutes(budget));
        return 0;
    }

    /** Runs every measure with {@code settings} and rewrites the page; {@code installTrifid} lets it npm-install Trifid and @ldf/server. */
    public static Report run(BenchSettings settings, boolean installTrifid) throws IOException {
        return run(settings, installTrifid, false, null, null);
    }

    /**
     * As {@link #run(BenchSettings, boolean)}, with a JFR profile of each of our runs if {@code jfr}, only the
     * measures of {@code only} if it is not null, and within {@code budget} if it is not null.
     */
    public static Report run(BenchSettings settings, boolean installTrifid, boolean jfr, List<String> only, Duration budget)
            throws IOException {
        Instant started = Instant.now();
        Files.createDirectories(settings.work().resolve("logs"));
        Launcher launcher = Launcher.create().jar(settings.jar()).jfr(jfr);
        Bench b = new Bench(settings, launcher);
        if (budget != null) b.deadline = started.plus(budget);
        System.out.println("benchmark (" + settings.label() + "), scales " + settings.scales() + ", data: " + b.data.source());
        if (only != null) {
            for (String name : only) {
                if (!MEASURES.contains(name)) {
                    throw new IllegalArgumentException("no measure " + name);
                }
            }
            // load reads the N-Triples files convert writes; start-up serves the database load makes
            only = new ArrayList<>(only);
            if (only.contains("startup") && !only.contains("load")) only.add("load");
            if (only.contains("load") && !only.contains("convert")) only.add("convert");
        }
        if (only != null) {
            for (String name : MEASURES) {
                if (!only.contains(name)) continue;
                if (name.equals("startup")) {
                    b.report.section("startup").setLength(0);
                    measure(b, "startup-bundled", installTrifid);
                    measure(b, "startup-largest", installTrifid);
                } else {
                    measure(b, name, installTrifid);
                }
            }
            targetsOf(b, only);
            b.report.writeInto(settings.page());
            System.out.println("wrote the blocks " + only + " and their targets of " + settings.page());
            return b.report;
        }
        // Every block says "not reached" until its measure ran, and the page is rewritten after each measure: a run
        // stopped early (time limit, Ctrl-C) leaves a page that says what it measured and what it did not.
        for (String name : MEASURES) b.report.note(name, NOT_REACHED);
        // measured with load, on each database it makes
        for (String name : List.of("search", "fragments-bound", "versions")) b.report.note(name, NOT_REACHED);
        List<List<String>> machine = machine(b);
        Path svg = plotFile(settings.page());
        // fragments last: the load at the largest scale (and the targets measured on its database) comes first
        List<String> steps = List.of("endpoint", "result-cache", "pages", "startup-bundled", "convert", "validate", "convert-jmh", "load", "startup-largest",
                "fragments");
        for (int i = 0; i < steps.size(); i++) {
            String step = steps.get(i);
            if (!step.startsWith("startup")) b.report.section(step).setLength(0);
            if (step.equals("startup-bundled")) b.report.section("startup").setLength(0);
            measure(b, step, installTrifid);
            summarise(b, machine, svg, started, i == steps.size() - 1);
        }
        System.out.println("wrote " + settings.page() + " and " + svg + " in " + Duration.between(started, Instant.now()).toSeconds() + " s");
        return b.report;
    }

    /** The measures (a run takes them in another order: those the targets need, and fixed-cost ones, first). */
    static final List<String> MEASURES = List.of("convert", "convert-jmh", "validate", "load", "endpoint", "result-cache", "pages", "startup",
            "fragments");

    private static final String NOT_REACHED = "*Not reached: the run stopped before this measure.*";

    /** Targets, scaling plot and machine from what is measured so far, then the page. */
    private static void summarise(Bench b, List<List<String>> machine, Path svg, Instant started, boolean complete) throws IOException {
        for (String name : List.of("targets", "scaling", "machine")) b.report.section(name).setLength(0);
        targets(b);
        Files.createDirectories(svg.getParent());
        Files.writeString(svg, ScalingPlot.svg(b.seconds), StandardCharsets.UTF_8);
        scaling(b, svg);
        Duration took = Duration.between(started, Instant.now());
        List<List<String>> rows = new ArrayList<>(machine);
        rows.add(row("run", b.settings.label() + ", scales " + b.settings.scales() + ", started "
                + started.truncatedTo(ChronoUnit.SECONDS) + ", " + took.toMinutes() + " min " + took.toSecondsPart() + " s"
                + (complete ? " in all" : " so far: stopped before its end (see the blocks marked not reached)")));
        b.report.table("machine", List.of("", ""), rows);
        b.report.writeInto(b.settings.page());
    }

    /** The SVG beside a page in src/site/markdown: src/site/resources/images/performance-scaling.svg. */
    public static Path plotFile(Path page) {
        Path dir = page.toAbsolutePath().getParent();
        return dir.resolveSibling("resources").resolve("images").resolve("performance-scaling.svg");
    }

    interface Step {
        void run() throws Exception;
    }

    /** Runs one measure; if it fails, its section says why instead of holding a table. */
    private static void measure(Bench b, String section, boolean installTrifid) {
        Step step = switch (section) {
            case "convert" -> () -> ConvertMeasure.run(b);
            case "convert-jmh" -> () -> jmh(b);
            case "validate" -> () -> ValidateMeasure.run(b);
            case "load" -> () -> LoadMeasure.run(b);
            case "endpoint" -> () -> EndpointMeasure.run(b);
            case "result-cache" -> () -> ResultCacheMeasure.run(b);
            case "pages" -> () -> PagesMeasure.run(b, installTrifid);
            case "fragments" -> () -> FragmentsMeasure.run(b, installTrifid);
            case "startup-bundled" -> () -> StartupMeasure.runBundled(b);
            case "startup-largest" -> () -> StartupMeasure.runLargest(b);
            default -> throw new IllegalArgumentException("no measure " + section);
        };
        String block = section.startsWith("startup") ? "startup" : section;
        Instant t = Instant.now();
        try {
            if (b.outOfTime() && !block.equals("startup")) {
                b.report.note(block, "*Not run: the run's time budget ran out before this measure.*");
                return;
            }
            step.run();
        } catch (Exception e) {
            e.printStackTrace();
            if (block.equals("startup")) {
                b.startupRows.add(row(section, "–", "failed: " + Report.cell(String.valueOf(e.getMessage()))));
            } else {
                b.report.section(block).setLength(0);
                b.report.note(block, "**Not run**: " + Report.cell(e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
        System.out.println(section + " done in " + Duration.between(t, Instant.now()).toSeconds() + " s");
    }

    private static void jmh(Bench b) throws Exception {
        BenchSettings s = b.settings;
        int scale = s.scales().contains(10) ? 10 : s.scales().get(0);
        Path tables = b.data.tables(scale);
        long triples = ConvertJmh.triples(tables);
        TimeValue time = s.jmhForks() == 0 ? TimeValue.milliseconds(300) : TimeValue.seconds(1);
        Collection<RunResult> results = new Runner(new OptionsBuilder().include(ConvertJmh.class.getName() + "\\.")
                .param("data", tables.toString()).forks(s.jmhForks()).jvmArgs("-Xmx" + s.convertHeap())
                .warmupIterations(s.jmhIterations()).warmupTime(time).measurementIterations(s.jmhIterations()).measurementTime(time)
                .shouldFailOnError(true).build()).run();
        double ours = Double.NaN;
        double riot = Double.NaN;
        double oursErr = Double.NaN;
        double riotErr = Double.NaN;
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            double score = r.getPrimaryResult().getScore() * triples;
            double err = r.getPrimaryResult().getScoreError() * triples;
            if (name.endsWith(".ours")) {
                ours = score;
                oursErr = err;
            } else {
                riot = score;
                riotErr = err;
            }
        }
        b.report.note("convert-jmh", "JMH " + (s.jmhForks() == 0 ? "in the harness's JVM" : s.jmhForks() + " fork, -Xmx" + s.convertHeap())
                + ", " + s.jmhIterations() + " warm-up and " + s.jmhIterations() + " measured iterations of " + time
                + ", scale " + scale + " (" + count(triples) + " triples per operation), output discarded:");
        b.report.table("convert-jmh", List.of("what", "triples/s", "± (99.9 %)"), List.of(
                row("ours: read tables, convert, write N-Triples", count(ours), Double.isNaN(oursErr) ? "–" : count(oursErr)),
                row("RIOT: write the same triples from memory", count(riot), Double.isNaN(riotErr) ? "–" : count(riotErr)),
                row("ours / RIOT", ratio(ours / riot), "–")));
    }

    /** The targets, each with the measure that judges it, in the order of the table. */
    static final List<List<String>> TARGETS = List.of(
            List.of("convert", "convert ≥ 0.5 × the ceiling"),
            List.of("convert", "convert ≥ 10 × CARML"),
            List.of("convert", "peak heap of convert --no-validate ≤ 512 MiB at 10 M triples"),
            List.of("load", "load ≥ 0.9 × tdb2.tdbloader (the same database: into a named graph, --graph)"),
            List.of("endpoint", "endpoint ≥ 0.95 × stock Fuseki"),
            List.of("pages", "pages ≥ 2 × Trifid, p99 equal or lower"),
            List.of("startup", "first query ≤ 3 s after launch, bundled data"),
            List.of("result-cache", "result cache: repeating mix ≥ 3 × stock Fuseki at 32 connections"),
            List.of("result-cache", "result cache: never-repeating mix ≥ 0.95 × stock Fuseki at 32 connections"),
            List.of("load", "search p99 < 50 ms at 10 M triples (one search at a time, the search mix)"),
            List.of("load", "search index built < 2 min at 10 M triples"),
            List.of("fragments", "fragments ≥ 5 × @ldf/server"),
            List.of("load", "bound-subject fragment at 10 M triples: p50 ≤ 3 × at scale 1 (does not grow with the data)"),
            List.of("load", "version after a one-label update at 10 M triples: time ≤ 3 × at scale 1 (proportional to the change, not the data)"));

    /** Every target's row, judged on what this run measured. */
    private static List<List<String>> targetRows(Bench b) {
        Bench.Findings f = b.findings;
        List<List<String>> rows = new ArrayList<>();
        String at = f.convertScale == 0 ? "" : " (scale " + f.convertScale + ", " + count(f.convertTriples) + " triples)";
        rows.add(target(TARGETS.get(0).get(1), f.ceiling, 0.5, at, ""));
        rows.add(target(TARGETS.get(1).get(1), f.carml, 10,
                f.carmlScale == 0 ? "" : " (scale " + f.carmlScale + ", the largest CARML finished)", f.carmlNote));
        String heap;
        String met;
        if (!f.convertCompleted) {
            heap = "–";
            met = "not measured";
        } else {
            heap = num(f.peakHeapMiB, 0) + " MiB peak (the most of every run), completed under -Xmx" + b.settings.convertHeap() + at;
            met = f.convertTriples < 10_000_000 ? "not measured at 10 M triples" : f.peakHeapMiB <= 512 ? "met" : "not met";
        }
        rows.add(row(TARGETS.get(2).get(1), heap, met));
        rows.add(target(TARGETS.get(3).get(1), f.load, 0.9,
                f.loadScale == 0 ? "" : " (scale " + f.loadScale + "; " + ratio(f.loadOursRate / f.loadJena)
                        + " of tdbloader into the default graph, half the indexes, one run)", ""));
        String endpoint = TARGETS.get(4).get(1);
        if (f.endpoint.isEmpty()) {
            rows.add(row(endpoint, "–", "not measured"));
        } else {
            StringBuilder sb = new StringBuilder();
            List<PairedComparison.Judgement> all = new ArrayList<>();
            for (var e : f.endpoint.entrySet()) {
                sb.append(sb.length() == 0 ? "" : "; ").append(e.getValue().ratioCell()).append(" at ").append(e.getKey());
                all.add(e.getValue().judge(0.95));
            }
            rows.add(row(endpoint, sb + " connections", PairedComparison.Judgement.worst(all).text()));
        }
        String pages = TARGETS.get(5).get(1);
        List<PairedComparison.Judgement> pageJudgements = f.pages.stream().map(r -> r.judge(2)).toList();
        PairedComparison.Judgement pj = PairedComparison.Judgement.worst(pageJudgements);
        if (pj == PairedComparison.Judgement.NOT_MEASURED) {
            rows.add(row(pages, Report.cell(f.pagesNote), "not measured"));
        } else {
            PairedComparison.Result<Wrk.Result> lowest = f.pages.stream()
                    .min(java.util.Comparator.comparingDouble(PairedComparison.Result::medianRatio)).orElseThrow();
            if (!f.pagesP99Ok) pj = PairedComparison.Judgement.NOT_MET;
            rows.add(row(pages, joined(lowest.ratioCell(), " (the lowest median)") + ", median p99 "
                    + (f.pagesP99Ok ? "equal or lower in every comparison" : "higher in some comparison"), pj.text()));
        }
        List<Double> first = f.firstQueryBundledMillis;
        PairedComparison.Judgement fj = PairedComparison.Judgement.of(first, 3000, false);
        rows.add(row(TARGETS.get(6).get(1), first.isEmpty() ? "–"
                        : joined(PairedComparison.Spread.cell(first.stream().map(m -> m / 1000).toList(), "launch", v -> num(v, 2) + " s"),
                        f.firstQueryWithArchive ? " (as the README starts it, with the class archive)" : " (plain java -jar, no class archive)"),
                fj.text()));
        rows.add(target(TARGETS.get(7).get(1), f.resultCacheRepeating, 3, "", ""));
        rows.add(target(TARGETS.get(8).get(1), f.resultCacheUnique, 0.95, "", ""));
        rows.add(searchTarget(TARGETS.get(9).get(1), f, f.searchP99, num(f.searchP99, 1) + " ms; at 8 connections on one core "
                + num(f.searchLoadedP99, 1) + " ms", f.searchP99 < 50));
        rows.add(searchTarget(TARGETS.get(10).get(1), f, f.searchBuildSeconds, num(f.searchBuildSeconds, 1) + " s", f.searchBuildSeconds < 120));
        String fragments = TARGETS.get(11).get(1);
        if (f.fragments.isEmpty()) {
            rows.add(row(fragments, Report.cell(f.fragmentsNote), "not measured"));
        } else {
            StringBuilder sb = new StringBuilder();
            List<PairedComparison.Judgement> all = new ArrayList<>();
            for (var e : f.fragments.entrySet()) {
                sb.append(sb.length() == 0 ? "" : "; ").append(e.getValue().ratioCell()).append(" at ").append(e.getKey());
                all.add(e.getValue().judge(5));
            }
            rows.add(row(fragments, sb + " connections", PairedComparison.Judgement.worst(all).text()));
        }
        Map<Integer, List<Double>> p50 = new java.util.TreeMap<>();
        f.boundP50.forEach((scale, ms) -> p50.put(scale, List.of(ms)));
        rows.add(growthTarget(TARGETS.get(12).get(1), p50, f.databaseTriples, "p50 ", "run"));
        rows.add(growthTarget(TARGETS.get(13).get(1), f.versionMillis, f.databaseTriples, "median ", "update"));
        return rows;
    }

    /**
     * A target "at the largest scale at most 3 × at scale 1": each figure of the largest scale over the median of
     * scale 1's, judged as a time ({@link PairedComparison.Judgement#of}: within noise when 3 lies between the lowest
     * and the highest); judged only where the largest scale has 10 million triples or more.
     */
    static List<String> growthTarget(String name, Map<Integer, List<Double>> byScale, Map<Integer, Long> triples, String what, String runName) {
        List<Double> one = byScale.get(1);
        int largest = byScale.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (one == null || one.isEmpty() || largest <= 1) {
            return row(name, byScale.isEmpty() ? "–" : "scale 1 and a larger scale are needed", "not measured");
        }
        double base = PairedComparison.Spread.median(one);
        List<Double> ratios = byScale.get(largest).stream().map(v -> v / base).toList();
        String cell = what + num(PairedComparison.Spread.median(byScale.get(largest)), 2) + " ms at scale " + largest + " ("
                + count(triples.getOrDefault(largest, 0L)) + " triples) against " + num(base, 2) + " ms at scale 1: "
                + (ratios.size() == 1 ? ratio(ratios.get(0)) : PairedComparison.Spread.cell(ratios, runName, Report::ratio));
        if (triples.getOrDefault(largest, 0L) < 10_000_000) return row(name, cell, "not measured at 10 M triples");
        return row(name, cell, PairedComparison.Judgement.of(ratios, 3, false).text());
    }

    /** A search target, judged at the largest scale the search was measured at (the search table has every scale). */
    private static List<String> searchTarget(String name, Bench.Findings f, double value, String cell, boolean met) {
        if (f.searchScale == 0 || Double.isNaN(value)) return row(name, "–", "not measured");
        String where = " (scale " + f.searchScale + ", " + count(f.searchTriples) + " triples"
                + (f.searchTriples < 10_000_000 ? ": fewer than 10 M" : "") + ")";
        return row(name, cell + where, met ? "met" : "not met");
    }

    private static void targets(Bench b) {
        b.report.table("targets", List.of("target", "measured", "result"), targetRows(b));
    }

    /**
     * The targets after a run of some measures only: the rows of the measures that ran are judged anew, the others
     * are kept as the page has them.
     */
    private static void targetsOf(Bench b, List<String> ran) throws IOException {
        List<List<String>> fresh = targetRows(b);
        List<List<String>> kept = Report.rowsOf(b.settings.page(), "targets");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < TARGETS.size(); i++) {
            String name = TARGETS.get(i).get(1);
            List<String> old = kept.stream().filter(r -> r.size() == 3 && r.get(0).equals(name)).findFirst().orElse(null);
            rows.add(ran.contains(TARGETS.get(i).get(0)) || old == null ? fresh.get(i) : old);
        }
        b.report.section("targets").setLength(0);
        b.report.table("targets", List.of("target", "measured", "result"), rows);
    }

    private static List<String> target(String name, PairedComparison.Result<?> r, double goal, String where, String whyNot) {
        if (r == null || r.count() == 0) return row(name, whyNot.isBlank() ? "–" : Report.cell(whyNot), "not measured");
        return row(name, joined(r.ratioCell(), where), r.judge(goal).text());
    }

    /** {@code 0.98× (0.91–1.04×, 5 pairs)} and {@code  (scale 3000)} as {@code 0.98× (0.91–1.04×, 5 pairs; scale 3000)}. */
    static String joined(String cell, String where) {
        if (where.startsWith(" (") && cell.endsWith(")")) return cell.substring(0, cell.length() - 1) + "; " + where.substring(2);
        return cell + where;
    }

    private static void scaling(Bench b, Path svg) {
        Path rel = b.settings.page().toAbsolutePath().getParent().relativize(svg.toAbsolutePath());
        b.report.note("scaling", "![Seconds against triples, log-log](" + rel.toString().replace('\\', '/') + ")");
        List<List<String>> rows = new ArrayList<>();
        for (var e : b.seconds.entrySet()) {
            var points = new ArrayList<>(e.getValue().entrySet());
            StringBuilder sb = new StringBuilder();
            for (var p : points) sb.append(sb.length() == 0 ? "" : "; ").append(count(p.getKey())).append(": ").append(num(p.getValue(), 2)).append(" s");
            String growth = "–";
            if (points.size() >= 2) {
                var a = points.get(points.size() - 2);
                var z = points.get(points.size() - 1);
                double exponent = Math.log(z.getValue() / a.getValue()) / Math.log((double) z.getKey() / a.getKey());
                growth = num(exponent, 2);
            }
            rows.add(row(e.getKey(), sb.toString(), growth));
        }
        b.report.table("scaling", List.of("measure", "triples: seconds", "growth exponent between the two largest (1 = linear)"), rows);
    }

    /** What the machine and the run's tools are, read at run time. */
    private static List<List<String>> machine(Bench b) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<String> cpus = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).toList();
        rows.add(row("CPU", cpus.isEmpty() ? "unknown" : cpus.size() + " × " + cpus.get(0)));
        rows.add(row("memory (free -m: total used free shared buff/cache available)",
                firstLine(List.of("free", "-m"), 2, b).replaceAll("\\s+", " ")));
        rows.add(row("load average at start (1, 5, 15 min)", String.join(" ", Arrays.asList(
                Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3))));
        rows.add(row("Java", firstLine(List.of(b.launcher.java(), "-version"), 1, b) + " — " + firstLine(List.of(b.launcher.java(), "-version"), 2, b)));
        rows.add(row("OS", firstLine(List.of("uname", "-srm"), 1, b)));
        rows.add(row("wrk", firstLine(List.of("wrk", "-v"), 1, b)));
        rows.add(row("node", firstLine(List.of("node", "--version"), 1, b)));
        rows.add(row("commit", firstLine(List.of("git", "rev-parse", "--short", "HEAD"), 1, b)));
        rows.add(row("our tool started as", b.launcher.oursDescription()));
        rows.add(row("data", b.data.source()));
        return rows;
    }

    /** The {@code n}th line (1-based) of what a command prints, or "unknown". */
    private static String firstLine(List<String> cmd, int n, Bench b) {
        try {
            ChildRun.Outcome o = ChildRun.of(cmd).logs(b.logs(), "machine").limit(Duration.ofSeconds(30)).run();
            String[] lines = (o.out() + o.err()).strip().split("\n");
            return lines.length >= n ? lines[n - 1].strip() : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
