package org.ibcr.kg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A checking tool from outside Maven (Debian's rapper, python3-rdflib, ...). Where it is missing a
 * test is skipped with a visible message, except under CI ({@code CI=true}), where it fails: CI
 * installs every tool (.ci/run).
 */
public final class ExternalTool {
    /** Debian's Python, which loads Debian's modules (not the python3 first on PATH). */
    public static final String PYTHON = "/usr/bin/python3";

    private ExternalTool() {}

    /** Skips (or under CI fails) unless {@code executable} exists. */
    public static void require(String executable, String debianPackage) {
        boolean present = Files.isExecutable(Path.of(executable)) || onPath(executable);
        requireThat(present, executable + " (Debian package " + debianPackage + ")");
    }

    /** Skips (or under CI fails) unless Debian's python3 can import {@code module}. */
    public static void requirePythonModule(String module, String debianPackage) {
        boolean present;
        try {
            present = Files.isExecutable(Path.of(PYTHON)) && run(List.of(PYTHON, "-c", "import " + module)).code == 0;
        } catch (IOException e) {
            present = false;
        }
        requireThat(present, "Python module " + module + " (Debian package " + debianPackage + ")");
    }

    /** Skips (or under CI fails) unless {@code file} exists: an npm package .ci/run installs under target/. */
    public static void requireFile(Path file, String what) {
        requireThat(Files.exists(file), what + " (" + file + ")");
    }

    /**
     * For a tool only part of a test needs: true if {@code file} exists; otherwise says so visibly and returns
     * false (the test goes on without that part), except under CI, where it fails.
     */
    public static boolean optional(Path file, String what) {
        if (Files.exists(file)) return true;
        String message = what + " is not installed (" + file + ")";
        if ("true".equals(System.getenv("CI"))) throw new AssertionError(message + ", and CI must have it (.ci/run installs it)");
        System.err.println("SKIPPED PART: " + message + "; .ci/run installs it");
        return false;
    }

    private static void requireThat(boolean present, String what) {
        if (present) return;
        String message = what + " is not installed";
        if ("true".equals(System.getenv("CI"))) throw new AssertionError(message + ", and CI must have it (.ci/run installs it)");
        System.err.println("SKIPPED: " + message + "; .ci/run installs it");
        Assumptions.abort(message);
    }

    private static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null || name.contains("/")) return false;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, name))) return true;
        }
        return false;
    }

    /** What a finished process printed. */
    public record Result(int code, String out, String err) {}

    /** Runs a command to completion (at most two minutes). */
    public static Result run(List<String> command) throws IOException {
        Path out = Files.createTempFile("tool", ".out");
        Path err = Files.createTempFile("tool", ".err");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
