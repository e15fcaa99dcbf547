package org.ibcr.kg.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap use of a finished child JVM, read from its unified GC log ({@code -Xlog:gc,gc+heap+exit:file=...}):
 * the peak is the most heap ever in use (just before a collection, or at exit), the live size the most heap
 * still in use just after a collection (what the program really holds). Works for every peer alike, ours or not.
 *
 * <pre>{@code
 * HeapUse heap = HeapUse.fromGcLog(Path.of("target/bench/convert.gc.log"));
 * System.out.println(heap.peakMiB() + " MiB peak");
 * }</pre>
 *
 * @param peakMiB    most heap in use at any collection or at exit, in MiB
 * @param liveMiB    most heap in use just after a collection, in MiB (0 when no collection ran)
 * @param collections number of collection pauses
 */
public record HeapUse(double peakMiB, double liveMiB, int collections) {
    private static final Pattern PAUSE = Pattern.compile("Pause .*?(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
    private static final Pattern EXIT = Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K");

    /** The JVM option that writes the log this class reads. */
    public static String logOption(Path gcLog) {
        return "-Xlog:gc,gc+heap+exit:file=" + Objects.requireNonNull(gcLog, "gcLog");
    }

    /** Reads a GC log; a missing log (the JVM never started) gives zeros. */
    public static HeapUse fromGcLog(Path gcLog) throws IOException {
        Objects.requireNonNull(gcLog, "gcLog");
        if (!Files.exists(gcLog)) return new HeapUse(0, 0, 0);
        String log = Files.readString(gcLog, StandardCharsets.ISO_8859_1);
        double peak = 0;
        double live = 0;
        int pauses = 0;
        Matcher m = PAUSE.matcher(log);
        while (m.find()) {
            pauses++;
            peak = Math.max(peak, mib(m.group(1), m.group(2)));
            live = Math.max(live, mib(m.group(3), m.group(4)));
        }
        Matcher exit = EXIT.matcher(log);
        while (exit.find()) peak = Math.max(peak, mib(exit.group(2), "K"));
        return new HeapUse(peak, live, pauses);
    }

    private static double mib(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }
}
