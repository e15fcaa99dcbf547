package org.ibcr.kg.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The tables at each scale: {@code ibcr-kg generate --scale N --seed S --output DIR} (in a child JVM, once per run).
 * Where the generator is not there, scale 1 falls back to the bundled data/ (about the same size) and other
 * scales are reported as not run.
 *
 * <pre>{@code
 * Datasets data = new Datasets(launcher, settings);
 * Path dir = data.tables(100);
 * }</pre>
 */
public final class Datasets {
    /** The bundled real data. */
    public static final Path BUNDLED = Path.of("data");

    private final Launcher launcher;
    private final BenchSettings settings;
    private final Map<Integer, Path> made = new HashMap<>();
    private Boolean generator;

    private final java.util.function.Supplier<java.time.Duration> limit;

    public Datasets(Launcher launcher, BenchSettings settings, java.util.function.Supplier<java.time.Duration> limit) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.limit = Objects.requireNonNull(limit, "limit");
    }

    /** Whether this build has the {@code generate} command. */
    public boolean generatorAvailable() throws IOException {
        if (generator == null) {
            ChildRun.Outcome o = ChildRun.of(launcher.ours("256m", null, "generate", "--help"))
                    .logs(settings.work().resolve("logs"), "generate-help").run();
            // An unknown subcommand falls through to the top-level help, so look for the generator's own option.
            generator = o.ok() && o.out().contains("--scale");
        }
        return generator;
    }

    /** Where the data of this scale comes from, for the report. */
    public String source() throws IOException {
        return generatorAvailable() ? "ibcr-kg generate --scale N --seed " + settings.seed()
                : "the bundled data/ (the generator is not in this build; larger scales not run)";
    }

    /** The folder of tables at {@code scale}; throws {@link Skipped} if it cannot be had. */
    public Path tables(int scale) throws IOException {
        Path known = made.get(scale);
        if (known != null) return known;
        if (!generatorAvailable()) {
            if (scale == 1) return BUNDLED;
            throw new Skipped("not run: no generator in this build");
        }
        Path dir = settings.work().resolve("data-" + scale);
        deleteTree(dir);
        ChildRun.Outcome o = ChildRun.of(launcher.ours("2g", null, "generate", "--scale", Integer.toString(scale), "--seed",
                        Long.toString(settings.seed()), "--output", dir.toString()))
                .logs(settings.work().resolve("logs"), "generate-" + scale).limit(limit.get()).run();
        if (!o.ok()) throw new Skipped("not run: generate --scale " + scale + " failed (" + o.failure() + ")");
        made.put(scale, dir);
        System.out.printf("generated scale %d in %.1f s%n", scale, o.wallMillis() / 1000.0);
        return dir;
    }

    /** A measure that could not run here, with the reason for the table. */
    public static final class Skipped extends IOException {
        private static final long serialVersionUID = 1L;

        public Skipped(String reason) {
            super(reason);
        }
    }

    /** Deletes a folder and everything in it, if it exists. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
