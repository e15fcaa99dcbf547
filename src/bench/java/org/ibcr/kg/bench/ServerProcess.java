package org.ibcr.kg.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A server the benchmark starts as a child process (our server, stock Fuseki, Trifid) and stops again. {@link #start}
 * returns once a probe URL answers 200, and records how long that took from launch: the start-up measure.
 *
 * <pre>{@code
 * int port = ServerProcess.freePort();
 * try (ServerProcess s = ServerProcess.start(cmd, "http://127.0.0.1:" + port + "/ibcr/sparql?query=ASK%7B%7D",
 *         Path.of("target/bench"), "ours", Duration.ofMinutes(2))) {
 *     System.out.println("first answer after " + s.startMillis() + " ms");
 * }
 * }</pre>
 */
public final class ServerProcess implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final long startMillis;
    private final Path err;

    private ServerProcess(Process process, long startMillis, Path err) {
        this.process = process;
        this.startMillis = startMillis;
        this.err = err;
    }

    /** A port nobody listens on now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Launches {@code command} and waits until {@code probe} answers 200 (polled every 10 ms). */
    public static ServerProcess start(List<String> command, String probe, Path logDir, String name, Duration limit) throws IOException {
        return start(command, probe, "text/csv", logDir, name, limit);
    }

    /** Launches {@code command} and waits until {@code probe}, asked with {@code accept}, answers 200. */
    public static ServerProcess start(List<String> command, String probe, String accept, Path logDir, String name, Duration limit)
            throws IOException {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(probe, "probe");
        Files.createDirectories(logDir);
        Path out = logDir.resolve(name + ".out");
        Path err = logDir.resolve(name + ".err");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        HttpRequest request = HttpRequest.newBuilder(URI.create(probe)).header("Accept", accept).timeout(Duration.ofSeconds(30)).build();
        long deadline = start + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException(name + " exited with " + p.exitValue() + " before answering: " + tail(err));
            }
            try {
                HttpResponse<Void> r = CLIENT.send(request, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return new ServerProcess(p, (System.nanoTime() - start) / 1_000_000, err);
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            sleep(10);
        }
        p.destroyForcibly();
        throw new IOException(name + " did not answer " + probe + " within " + limit.toSeconds() + " s: " + tail(err));
    }

    /**
     * CPU time the server has used so far, user and system, in milliseconds (NaN where the system does not say), as
     * the kernel counts it: in ticks, 10 ms on most Linux systems.
     */
    public double cpuMillis() {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(Double.NaN);
    }

    /** Milliseconds from launch to the first 200 answer to the probe. */
    public long startMillis() {
        return startMillis;
    }

    /** Stops it (SIGTERM, then SIGKILL after 20 s) and waits for it to be gone. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The end of its stderr, for error messages. */
    public String errTail() {
        return tail(err);
    }

    static String tail(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8).strip();
            return s.length() > 600 ? "..." + s.substring(s.length() - 600) : s;
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
