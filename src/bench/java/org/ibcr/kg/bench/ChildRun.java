package org.ibcr.kg.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One process of the benchmark run to completion: its wall time from launch to exit, exit code, output and, for a
 * JVM started with {@link HeapUse#logOption}, its heap use. A run past its time limit is killed and says so.
 *
 * <pre>{@code
 * ChildRun run = ChildRun.of(List.of("java", "-version")).logs(Path.of("target/bench"), "version").run();
 * }</pre>
 */
public final class ChildRun {
    private final List<String> command;
    private Path logDir = Path.of("target", "bench");
    private String name = "child";
    private Duration limit = Duration.ofMinutes(30);
    private Path gcLog;

    private ChildRun(List<String> command) {
        this.command = List.copyOf(command);
    }

    /** A run of {@code command} (program and arguments). */
    public static ChildRun of(List<String> command) {
        return new ChildRun(Objects.requireNonNull(command, "command"));
    }

    /** Where its stdout and stderr go, as {@code name.out} and {@code name.err}. */
    public ChildRun logs(Path dir, String name) {
        this.logDir = Objects.requireNonNull(dir, "dir");
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** Kill it after this long. */
    public ChildRun limit(Duration limit) {
        this.limit = Objects.requireNonNull(limit, "limit");
        return this;
    }

    /** The GC log it writes (the command must carry {@link HeapUse#logOption} for it). */
    public ChildRun gcLog(Path gcLog) {
        this.gcLog = gcLog;
        return this;
    }

    /** What a finished run did. */
    public record Outcome(int exitCode, long wallMillis, boolean timedOut, String out, String err, HeapUse heap) {
        public boolean ok() {
            return !timedOut && exitCode == 0;
        }

        /** Why it failed, in a few words for a table cell. */
        public String failure() {
            if (timedOut) return "stopped after the time limit";
            if (err.contains("OutOfMemoryError") || out.contains("OutOfMemoryError")) return "out of memory";
            String[] lines = err.strip().split("\n");
            String last = lines.length == 0 ? "" : lines[lines.length - 1];
            return "exit " + exitCode + (last.isBlank() ? "" : ": " + Report.cell(last.length() > 80 ? last.substring(0, 80) + "..." : last));
        }
    }

    public Outcome run() throws IOException {
        Files.createDirectories(logDir);
        Path out = logDir.resolve(name + ".out");
        Path err = logDir.resolve(name + ".err");
        if (gcLog != null) Files.deleteIfExists(gcLog);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean done;
        try {
            done = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.destroyForcibly();
                p.waitFor();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
        long wall = (System.nanoTime() - start) / 1_000_000;
        HeapUse heap = gcLog == null ? new HeapUse(0, 0, 0) : HeapUse.fromGcLog(gcLog);
        return new Outcome(done ? p.exitValue() : -1, wall, !done, Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), heap);
    }
}
