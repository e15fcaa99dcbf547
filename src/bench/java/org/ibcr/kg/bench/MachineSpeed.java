package org.ibcr.kg.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The machine's own speed while a comparison runs: the same piece of work (coreutils' {@code sha256sum} of a fixed
 * 64 MiB file, held in the page cache) timed on the servers' core before each run. On an idle machine of this kind it
 * took from 0.94 to 1.30 s for 300 MiB within one minute, with no time stolen by the hypervisor: the core's speed
 * moves by some 15 % from second to second, so two runs minutes apart can differ that much whatever the servers do.
 * The spread is printed beside the ratios it explains.
 *
 * <pre>{@code
 * MachineSpeed speed = MachineSpeed.create(pinning, Path.of("target/bench"));
 * speed.sample();        // before each run
 * speed.describe();      // "the same work on the servers' core took 231-302 ms (median 255 ms) ..."
 * }</pre>
 */
final class MachineSpeed {
    private static final int MIB = 1 << 20;
    private static final int SIZE = 64 * MIB;

    private final Pinning pinning;
    private final Path file;
    private final List<Long> millis = new ArrayList<>();
    private String failure;

    private MachineSpeed(Pinning pinning, Path file) {
        this.pinning = pinning;
        this.file = file;
    }

    /** Writes the file of the work (the same bytes every run: a fixed seed) under {@code work}. */
    static MachineSpeed create(Pinning pinning, Path work) throws IOException {
        Objects.requireNonNull(pinning, "pinning");
        Path file = work.resolve("machine-speed.bin");
        if (!Files.exists(file) || Files.size(file) != SIZE) {
            byte[] bytes = new byte[SIZE];
            new Random(1).nextBytes(bytes);
            Files.createDirectories(work);
            Files.write(file, bytes);
        }
        return new MachineSpeed(pinning, file);
    }

    /** Times the work once, on the servers' core; a failure (no sha256sum) is said once in {@link #describe}. */
    void sample() {
        if (failure != null) return;
        Process p = null;
        try {
            long start = System.nanoTime(); // starting the process is in it too: a few milliseconds, the same each time
            p = new ProcessBuilder(pinning.server(List.of("sha256sum", file.toString()))).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                failure = "sha256sum did not finish within 60 s";
                return;
            }
            if (p.exitValue() != 0) {
                failure = "sha256sum exited with " + p.exitValue();
                return;
            }
            millis.add((System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            failure = "sha256sum could not be run: " + e.getMessage();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The spread of the samples, for a table's note. */
    String describe() {
        if (failure != null) return "the machine's speed was not measured (" + failure + ")";
        if (millis.isEmpty()) return "the machine's speed was not measured";
        List<Long> sorted = millis.stream().sorted().toList();
        long low = sorted.get(0);
        long high = sorted.get(sorted.size() - 1);
        long median = sorted.get(sorted.size() / 2);
        return "the machine's own speed, timed before each run by the same work " + (pinning.pinned() ? "on the servers' core" : "(nothing pinned)")
                + " (`sha256sum` of 64 MiB in "
                + "the page cache), took " + low + "–" + high + " ms (median " + median + " ms, " + sorted.size() + " times): "
                + Report.num(100.0 * (high - low) / median, 0) + " % of the median from its fastest to its slowest";
    }
}
