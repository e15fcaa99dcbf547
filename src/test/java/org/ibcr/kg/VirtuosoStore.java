package org.ibcr.kg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A Virtuoso open source 7 (Debian's {@code virtuoso-opensource-7}, {@code virtuoso-t}) that no one here wrote,
 * started once for every test class that asks for it (in its own folder, with its own virtuoso.ini, on free ports,
 * in the foreground) and stopped when the tests' JVM ends. It is filled by {@code ibcr-kg load --endpoint} through its
 * authenticated Graph Store endpoint ({@code /sparql-graph-crud-auth}, user dba, digest authentication), and read
 * through {@code /sparql}. Skipped with a message where Virtuoso is missing (failed under CI): see {@link ExternalTool}.
 *
 * <pre>{@code
 * VirtuosoStore v = VirtuosoStore.loaded();
 * String sparql = v.queryUrl();
 * }</pre>
 */
final class VirtuosoStore {
    static final String EXECUTABLE = "virtuoso-t";
    private static VirtuosoStore running;

    private final Path dir;
    private final int httpPort;
    private final Process process;

    private VirtuosoStore(Path dir, int httpPort, Process process) {
        this.dir = dir;
        this.httpPort = httpPort;
        this.process = process;
    }

    /** The shared Virtuoso, started if need be and filled with the bundled data by {@code ibcr-kg load --endpoint}. */
    static synchronized VirtuosoStore loaded() {
        ExternalTool.require(EXECUTABLE, "virtuoso-opensource-7");
        if (running == null) {
            VirtuosoStore v = start();
            Runtime.getRuntime().addShutdownHook(new Thread(v::stop, "virtuoso stop"));
            CliRun load = v.load(Path.of("data"));
            if (load.code() != 0) throw new AssertionError("load --endpoint into Virtuoso failed: " + load);
            running = v;
        }
        return running;
    }

    /** The SPARQL query endpoint. */
    String queryUrl() {
        return "http://127.0.0.1:" + httpPort + "/sparql";
    }

    /** The authenticated Graph Store Protocol endpoint, which takes writes from dba. */
    String gspUrl() {
        return "http://127.0.0.1:" + httpPort + "/sparql-graph-crud-auth";
    }

    /** The file holding dba's password, for --password-file. */
    Path passwordFile() {
        return dir.resolve("dba-password");
    }

    /** {@code ibcr-kg load --endpoint} of a data folder into this Virtuoso. */
    CliRun load(Path data) {
        return CliRun.of("load", "--data", data.toString(), "--endpoint", gspUrl(), "--user", "dba",
                "--password-file", passwordFile().toString());
    }

    private static VirtuosoStore start() {
        try {
            Path dir = Files.createTempDirectory("virtuoso");
            int sqlPort = freePort();
            int httpPort = freePort();
            Files.writeString(dir.resolve("virtuoso.ini"), """
                    [Database]
                    DatabaseFile = %1$s/virtuoso.db
                    ErrorLogFile = %1$s/virtuoso.log
                    LockFile = %1$s/virtuoso.lck
                    TransactionFile = %1$s/virtuoso.trx
                    xa_persistent_file = %1$s/virtuoso.pxa
                    [TempDatabase]
                    DatabaseFile = %1$s/virtuoso-temp.db
                    TransactionFile = %1$s/virtuoso-temp.trx
                    [Parameters]
                    ServerPort = %2$d
                    DisableUnixSocket = 1
                    CaseMode = 2
                    DirsAllowed = .
                    NumberOfBuffers = 10000
                    MaxDirtyBuffers = 6000
                    ThreadsPerQuery = 2
                    [HTTPServer]
                    ServerPort = %3$d
                    ServerRoot = %1$s
                    ServerThreads = 10
                    Charset = UTF-8
                    [SPARQL]
                    ResultSetMaxRows = 1000000
                    MaxQueryExecutionTime = 60
                    """.formatted(dir, sqlPort, httpPort), StandardCharsets.UTF_8);
            Path password = dir.resolve("dba-password");
            Files.writeString(password, "dba\n", StandardCharsets.UTF_8); // Virtuoso's own default for a new database
            Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
            Process p = new ProcessBuilder(EXECUTABLE, "+foreground", "+configfile", dir.resolve("virtuoso.ini").toString())
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("console.log").toFile()).start();
            VirtuosoStore v = new VirtuosoStore(dir, httpPort, p);
            v.awaitOnline();
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitOnline() throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ask = HttpRequest.newBuilder(URI.create(queryUrl() + "?query=ASK%7B%7D")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) break;
            try {
                if (client.send(ask, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String console = Files.exists(dir.resolve("console.log")) ? Files.readString(dir.resolve("console.log")) : "";
        stop();
        throw new AssertionError("Virtuoso did not come online on port " + httpPort + ":\n" + console);
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
