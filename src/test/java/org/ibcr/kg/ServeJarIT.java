package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar as a user runs it, in a process of its own from the project folder (what a fresh
 * checkout has after the README's first command): {@code serve}, started as that command starts it, comes up,
 * answers SPARQL over HTTP, shows the example queries, and stops cleanly on SIGTERM; {@code --version} says the
 * pom's version; the class-data sharing archive the build wrote fits the jar.
 * Run by failsafe in {@code mvn verify}, after {@code package}.
 */
class ServeJarIT {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path JAR = Path.of("target", "ibcr-kg.jar");
    private static final Path ARCHIVE = Path.of("target", "ibcr-kg.jsa");
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(15);

    @BeforeAll
    static void theJarIsBuilt() {
        assertTrue(Files.isRegularFile(PROJECT.resolve(JAR)), PROJECT.resolve(JAR) + " is missing: run 'mvn package' first");
        assertTrue(Files.isExecutable(JAVA), JAVA + " is not executable");
    }

    @Test
    void versionComesFromTheJarManifest() throws IOException, InterruptedException {
        String expected = System.getProperty("ibcr.version");
        assertNotNull(expected, "failsafe passes the pom's version as the system property ibcr.version");
        Process process = start(List.of(), "--version");
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "--version did not finish");
            assertEquals(0, process.exitValue(), out);
            assertEquals("ibcr-kg " + expected, out.lines().findFirst().orElse(""), out);
            assertTrue(out.contains("Apache Jena 5."), out);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void serveAnswersQueriesShowsTheExamplesAndStopsCleanly() throws Exception {
        Process process = start(List.of("-XX:SharedArchiveFile=" + ARCHIVE), "serve", "--port", "0");
        Output output = new Output(process);
        try {
            String endpoint = output.await("SPARQL endpoint:", START);
            String page = output.await("Query page:", START);
            assertTrue(endpoint.startsWith("http://") && endpoint.endsWith("/sparql"), endpoint);

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

            // SPARQL over HTTP, results as CSV: the milestones of the history.
            String query = "PREFIX ibcr: <https://w3id.org/ibcr/ontology#> SELECT (COUNT(DISTINCT ?m) AS ?n) { ?m a ibcr:Milestone }";
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                    URI.create(endpoint + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                    .header("Accept", "text/csv").timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            List<String> rows = answer.body().lines().toList();
            assertEquals("n", rows.get(0).strip(), answer.body());
            long milestones = Long.parseLong(rows.get(1).strip());
            assertTrue(milestones >= 18, "milestones: " + milestones);

            // The home page answers, and the query page (the URL serve prints) lists every example of queries/ by file name.
            String home = output.await("Home page:", START);
            assertEquals(URI.create(endpoint).resolve("/").toString(), home);
            HttpResponse<String> homePage = http.send(HttpRequest.newBuilder(URI.create(home)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, homePage.statusCode(), homePage.body());
            assertTrue(homePage.body().contains("href=\"" + URI.create(page).getPath() + "\""), "the home page does not link to the query page");
            HttpResponse<String> html = http.send(HttpRequest.newBuilder(URI.create(page)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, html.statusCode(), html.body());
            List<String> examples;
            try (Stream<Path> files = Files.list(PROJECT.resolve("queries"))) {
                examples = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".rq")).sorted().toList();
            }
            assertFalse(examples.isEmpty(), "no queries/*.rq");
            for (String name : examples) assertTrue(html.body().contains(name), "the query page does not list " + name);

            // SIGTERM: the shutdown hook stops the server and the process ends.
            process.destroy();
            if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
                fail("serve did not stop within " + STOP.toSeconds() + " s of SIGTERM; output:\n" + output.text());
            }
            output.join();
            String printed = output.text();
            assertFalse(printed.contains("Exception"), "the shutdown was not clean:\n" + printed);
        } finally {
            process.destroyForcibly();
            process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void theClassArchiveFitsTheJar() throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(PROJECT.resolve(ARCHIVE)), ARCHIVE + " is missing: the build writes it after the jar");
        // -Xshare:on makes an archive the JVM cannot use (another jar, another JDK) an error rather than a silent slow start
        Process process = start(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + ARCHIVE), "--version");
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "--version did not finish");
            assertEquals(0, process.exitValue(), "the JVM refused the archive:\n" + out);
        } finally {
            process.destroyForcibly();
        }
    }

    private static Process start(List<String> jvmOptions, String... args) throws IOException {
        List<String> command = Stream.of(Stream.of(JAVA.toString()), jvmOptions.stream(), Stream.of("-jar", JAR.toString()), Stream.of(args))
                .flatMap(s -> s).toList();
        return new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true).start();
    }

    /** Everything the process prints (stdout and stderr), read on a thread of its own so it never blocks. */
    private static final class Output {
        private final StringBuilder text = new StringBuilder();
        private final Thread reader;

        Output(Process process) {
            reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        synchronized (text) {
                            text.append(line).append('\n');
                            text.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "serve output");
            reader.setDaemon(true);
            reader.start();
        }

        String text() {
            synchronized (text) {
                return text.toString();
            }
        }

        /** What follows {@code label} on the first line that has it; fails after {@code timeout} with the output so far. */
        String await(String label, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (text) {
                while (true) {
                    for (String line : text.toString().split("\n")) {
                        int at = line.indexOf(label);
                        if (at >= 0) return line.substring(at + label.length()).strip();
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || !reader.isAlive()) {
                        fail("no '" + label + "' line within " + timeout.toSeconds() + " s; output so far:\n" + text);
                    }
                    TimeUnit.NANOSECONDS.timedWait(text, Math.min(left, TimeUnit.MILLISECONDS.toNanos(500)));
                }
            }
        }

        void join() throws InterruptedException {
            reader.join(STOP.toMillis());
        }
    }
}
