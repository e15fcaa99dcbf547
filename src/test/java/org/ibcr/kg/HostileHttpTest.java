package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Node;
import org.ibcr.kg.pipeline.BuiltGraph;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.publish.IbcrServer;
import org.ibcr.kg.source.CsvHistory;
import org.ibcr.kg.store.TdbStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Hostile HTTP: every file of {@code src/test/resources/hostile/http/} is one request (or a burst of them) a
 * hostile client sends, with the answer it must get. Requests go over raw sockets when {@code raw} is given
 * (what {@link HttpClient} refuses to send: {@code ..} segments, control characters, a lying Content-Length),
 * else with {@link HttpClient}. After each case the server still answers {@code /$/ping}, a fixed query still
 * gives the answer it gave before, and nothing connected to the trap socket (no SERVICE went out).
 *
 * <p>Case keys: {@code method}, {@code path}, {@code header.NAME}, {@code body}, {@code bodySize} (that many
 * bytes of a form body), {@code chunked}, {@code raw} (the whole request, {@code \r\n} escaped), {@code status}
 * ({@code 413} or {@code 400-499}), {@code absent.N} (must not be in the response), {@code requireHeader},
 * {@code maxSeconds}, {@code repeat} and {@code server} ({@code limited}: a server with a small rate limit).
 * Placeholders: {@code ${TRAP}} (the trap socket's port), {@code ${X:n}} (n letters x),
 * {@code ${OPEN:n}}, {@code ${CLOSE:n}} (n braces).
 */
class HostileHttpTest {
    private static final Path CASES = Path.of("src", "test", "resources", "hostile", "http");
    private static final String FIXED = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }";
    private static final Pattern X = Pattern.compile("\\$\\{(X|OPEN|CLOSE):(\\d+)}");

    private static TdbStore store;
    private static FusekiServer server;
    private static FusekiServer limited;
    private static HttpClient http;
    private static ServerSocket trap;
    private static final AtomicInteger trapped = new AtomicInteger();
    private static String fixedAnswer;

    @BeforeAll
    static void start() throws Exception {
        BuiltGraph built = GraphBuild.from(CsvHistory.open(Path.of("data"))).build();
        store = TdbStore.inMemory();
        store.replaceGraphs(built.dataset(), (fmt, args) -> {});
        server = IbcrServer.create().port(0).dataset(store.dataset()).queryTimeout(Duration.ofSeconds(1))
                .rateLimit(0).build().start();
        limited = IbcrServer.create().port(0).dataset(store.dataset()).rateLimit(2).rateBurst(3).build().start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        trap = new ServerSocket(0);
        Thread watcher = new Thread(() -> {
            while (!trap.isClosed()) {
                try (Socket s = trap.accept()) {
                    trapped.incrementAndGet();
                } catch (IOException e) {
                    // closed
                }
            }
        }, "service-trap");
        watcher.setDaemon(true);
        watcher.start();
        fixedAnswer = fixedQuery();
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) server.stop();
        if (limited != null) limited.stop();
        if (trap != null) trap.close();
        if (store != null) store.close();
    }

    @Test
    void theCorpusHasAtLeastTwentyCases() throws IOException {
        assertTrue(caseFiles().size() >= 20, "hostile HTTP cases: " + caseFiles().size());
    }

    @TestFactory
    Stream<DynamicTest> everyHostileRequestIsAnsweredSafely() throws IOException {
        return caseFiles().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(f)));
    }

    private static List<Path> caseFiles() throws IOException {
        try (Stream<Path> list = Files.list(CASES)) {
            return list.filter(p -> p.toString().endsWith(".properties")).sorted().toList();
        }
    }

    private static void run(Path file) throws Exception {
        Properties c = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            c.load(in);
        }
        String name = file.getFileName().toString();
        FusekiServer target = "limited".equals(c.getProperty("server")) ? limited : server;
        int repeat = Integer.parseInt(c.getProperty("repeat", "1"));
        double maxSeconds = Double.parseDouble(c.getProperty("maxSeconds", "30"));
        Answer answer = null;
        long started = System.nanoTime();
        for (int i = 0; i < repeat; i++) {
            answer = send(c, target);
            // A flood stops at its first expected answer: on a slow machine later tokens may have refilled.
            if (repeat > 1 && inRange(answer.status, c.getProperty("status"))) break;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertNotNull(answer);
        String where = name + " (" + c.getProperty("description", "") + "): " + answer.status + " " + clip(answer.text);
        assertTrue(inRange(answer.status, c.getProperty("status")), "status " + answer.status + " not in " + c.getProperty("status") + ": " + where);
        assertTrue(seconds <= maxSeconds * repeat, name + " took " + seconds + " s");
        for (var e : new TreeMap<>(c).entrySet()) {
            String key = (String) e.getKey();
            if (key.startsWith("absent.")) {
                String absent = expand((String) e.getValue());
                assertFalse(answer.text.toLowerCase(Locale.ROOT).contains(absent.toLowerCase(Locale.ROOT)),
                        name + ": the response contains '" + absent + "': " + clip(answer.text));
            }
        }
        String required = c.getProperty("requireHeader");
        if (required != null) {
            String value = answer.headers.get(required.toLowerCase(Locale.ROOT));
            assertNotNull(value, name + ": no " + required + " header: " + answer.headers);
            if (required.equalsIgnoreCase("Retry-After")) {
                long wait = Long.parseLong(value.trim());
                assertTrue(wait >= 1 && wait <= 60, "Retry-After " + value);
                Thread.sleep(wait * 1000 + 100);
            }
        }
        // The server goes on: ping, the same answer to a fixed query, and no SERVICE call went out.
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(baseOf(target) + "/$/ping")).build(),
                BodyHandlers.discarding()).statusCode(), name + ": ping after the case");
        assertEquals(fixedAnswer, fixedQuery(), name + ": the fixed query's answer changed");
        assertEquals(0, trapped.get(), name + ": the server connected to the trap socket");
    }

    private record Answer(int status, Map<String, String> headers, String text) {}

    private static Answer send(Properties c, FusekiServer target) throws Exception {
        String raw = c.getProperty("raw");
        if (raw != null) return sendRaw(expand(raw).replace("${HOST}", "127.0.0.1:" + target.getHttpPort()), target.getHttpPort());
        String method = c.getProperty("method", "GET");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseOf(target) + expand(c.getProperty("path"))))
                .timeout(Duration.ofSeconds(60));
        for (String key : c.stringPropertyNames()) {
            if (key.startsWith("header.")) request.header(key.substring("header.".length()), expand(c.getProperty(key)));
        }
        BodyPublisher body = BodyPublishers.noBody();
        byte[] bytes = null;
        if (c.getProperty("body") != null) bytes = expand(c.getProperty("body")).getBytes(StandardCharsets.UTF_8);
        if (c.getProperty("bodySize") != null) {
            bytes = new byte[Integer.parseInt(c.getProperty("bodySize"))];
            Arrays.fill(bytes, (byte) 'a');
            System.arraycopy("query=".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 6);
        }
        if (bytes != null) {
            byte[] b = bytes;
            body = Boolean.parseBoolean(c.getProperty("chunked")) ? BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(b))
                    : BodyPublishers.ofByteArray(b);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.method(method, body).build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The server may answer 413 and close before the client has sent its whole body.
            if (bytes != null && c.getProperty("status", "").startsWith("413")) return new Answer(413, Map.of(), "(connection closed: " + e + ")");
            throw e;
        }
        Map<String, String> headers = new TreeMap<>();
        response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(", ", v)));
        return new Answer(response.statusCode(), headers, headers + "\n" + response.body());
    }

    /** Sends the bytes as they are (ISO-8859-1, so \\u0001 is the byte 1) and reads one response. */
    private static Answer sendRaw(String request, int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    all.write(buffer, 0, n);
                    if (complete(all.toString(StandardCharsets.ISO_8859_1))) break;
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                if (all.size() == 0) throw e;
            }
            String text = all.toString(StandardCharsets.UTF_8);
            Matcher status = Pattern.compile("^HTTP/1\\.[01] (\\d{3})").matcher(text);
            assertTrue(status.find(), "no HTTP status line in: " + clip(text));
            Map<String, String> headers = new TreeMap<>();
            int end = text.indexOf("\r\n\r\n");
            for (String line : text.substring(0, end < 0 ? text.length() : end).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            return new Answer(Integer.parseInt(status.group(1)), headers, text);
        }
    }

    /** Whether a raw response is whole: its Content-Length read, or the last chunk. */
    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) return false;
        String head = text.substring(0, end).toLowerCase(Locale.ROOT);
        Matcher length = Pattern.compile("\r\ncontent-length: *(\\d+)").matcher(head);
        if (length.find()) return text.getBytes(StandardCharsets.ISO_8859_1).length - end - 4 >= Long.parseLong(length.group(1));
        if (head.contains("transfer-encoding: chunked")) return text.endsWith("\r\n0\r\n\r\n");
        return false;
    }

    private static String expand(String s) {
        s = s.replace("${TRAP}", Integer.toString(trap.getLocalPort()));
        Matcher m = X.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String unit = switch (m.group(1)) { case "OPEN" -> "{ "; case "CLOSE" -> "} "; default -> "x"; };
            m.appendReplacement(out, Matcher.quoteReplacement(unit.repeat(Integer.parseInt(m.group(2)))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean inRange(int status, String spec) {
        if (spec == null) throw new IllegalArgumentException("a case needs a status");
        for (String part : spec.split(",")) {
            String[] r = part.trim().split("-");
            int lo = Integer.parseInt(r[0]);
            int hi = Integer.parseInt(r[r.length - 1]);
            if (status >= lo && status <= hi) return true;
        }
        return false;
    }

    private static String fixedQuery() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseOf(server) + IbcrServer.DATASET + "/sparql"))
                .header("Content-Type", "application/sparql-query").header("Accept", "text/csv")
                .POST(BodyPublishers.ofString(FIXED)).build(), BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static String baseOf(FusekiServer s) {
        return "http://127.0.0.1:" + s.getHttpPort();
    }

    private static String clip(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "..." : s;
    }
}
