package org.ibcr.kg;

import static org.ibcr.kg.DataCase.assertNoStackTrace;
import static org.ibcr.kg.DataCase.copyData;
import static org.ibcr.kg.DataCase.filesIn;
import static org.ibcr.kg.DataCase.overlay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.servlets.SPARQLQueryProcessor;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input corpus, {@code src/test/resources/hostile/}, in one class: what a careless or malicious
 * edit of the tables holds, and what a hostile client sends to the server, each with the outcome it must get.
 *
 * <p><b>Data</b> ({@code hostile/data/}): each folder overlays the good data of {@code data/} as in
 * {@link BrokenDataTest}, with an {@code expected.txt}:
 * <ul>
 * <li>a refused case: the exit code, the location from the file name on ({@code milestones.csv:3:9 (part_of)})
 * and a part of the message: convert and validate must fail so, with no stack trace and no output file;</li>
 * <li>an accepted case: {@code 0}, then one value per line that must come out in the graph as a plain
 * literal, exactly as written (spreadsheet formulas are text: never evaluated or altered).</li>
 * </ul>
 * Cases too big to commit (a 1 MB row, a 100 MB table) are generated here, at test time.
 *
 * <p><b>HTTP</b> ({@code hostile/http/}): every file is one request (or a burst of them) with the answer it must
 * get. Requests go over raw sockets when {@code raw} is given (what {@link HttpClient} refuses to send:
 * {@code ..} segments, control characters, a lying Content-Length), else with {@link HttpClient}. After each case
 * the server still answers {@code /$/ping}, a fixed query still gives the answer it gave before, and nothing
 * connected to the trap socket (no SERVICE went out).
 *
 * <p>Case keys: {@code method}, {@code path}, {@code header.NAME}, {@code body}, {@code bodySize} (that many
 * bytes of a form body), {@code chunked}, {@code raw} (the whole request, {@code \r\n} escaped), {@code status}
 * ({@code 413} or {@code 400-499}), {@code absent.N} (must not be in the response), {@code present.N} (must be in it,
 * in any case), {@code requireHeader},
 * {@code maxSeconds}, {@code repeat} and {@code server} ({@code limited}: a server with a small rate limit;
 * {@code large}: a server with 50,000 more, synthetic, triples, for the runaway query shapes, which are also
 * sent all at once by {@link #runawayQueriesSentAtOnceAllStopAtTheLimit}).
 * Placeholders: {@code ${TRAP}} (the trap socket's port), {@code ${X:n}} (n letters x),
 * {@code ${OPEN:n}}, {@code ${CLOSE:n}} (n braces), {@code ${REPEAT:n|text|}} (n times the text),
 * {@code ${VARS:n}} (n variables {@code ?v0 ?v1 ...}).
 */
class HostileInputTest {

    private static final Path HTTP_CASES = Path.of("src", "test", "resources", "hostile", "http");
    private static final Path DATA_CASES = Path.of("src/test/resources/hostile/data");
    private static final Path DATA = Path.of("data");
    private static final String EXPECTED = "expected.txt";
    private static final String FIXED = "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }";
    private static final Pattern X = Pattern.compile("\\$\\{(X|OPEN|CLOSE):(\\d+)}");
    private static final Pattern REPEAT = Pattern.compile("\\$\\{REPEAT:(\\d+)\\|(.*?)\\|}");
    private static final Pattern VARS = Pattern.compile("\\$\\{VARS:(\\d+)}");

    private static TdbStore store;
    private static FusekiServer server;
    private static FusekiServer limited;
    private static TdbStore largeStore;
    private static FusekiServer large;
    private static HttpClient http;
    private static ServerSocket trap;
    private static final AtomicInteger trapped = new AtomicInteger();
    private static String fixedAnswer;

    @BeforeAll
    static void start() throws Exception {
        BuiltGraph built = GraphBuild.from(CsvHistory.open(Path.of("data"))).build();
        store = TdbStore.inMemory();
        store.replaceGraphs(built.dataset(), (fmt, args) -> {});
        // 5 s: the fixed query, cold, on a loaded machine, must never hit it; the query bombs still do.
        server = IbcrServer.create().port(0).dataset(store.dataset()).queryTimeout(Duration.ofSeconds(5))
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
        if (large != null) large.stop();
        if (largeStore != null) largeStore.close();
        if (trap != null) trap.close();
        if (store != null) store.close();
    }

    @Test
    void theCorpusHasAtLeastFortyCases() throws IOException {
        int cases = httpCaseFiles().size() + dataCaseDirs().size() + 2; // + the 1 MB row and the 100 MB table
        assertTrue(cases >= 40, "hostile cases: " + cases);
    }

    @TestFactory
    Stream<DynamicTest> everyHostileRequestIsAnsweredSafely() throws IOException {
        return httpCaseFiles().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(f)));
    }

    private static List<Path> httpCaseFiles() throws IOException {
        try (Stream<Path> list = Files.list(HTTP_CASES)) {
            return list.filter(p -> p.toString().endsWith(".properties")).sorted().toList();
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties c = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            c.load(in);
        }
        return c;
    }

    private static FusekiServer serverFor(Properties c) {
        return switch (c.getProperty("server", "")) {
            case "limited" -> limited;
            case "large" -> large();
            default -> server;
        };
    }

    private static void run(Path file) throws Exception {
        Properties c = load(file);
        String name = file.getFileName().toString();
        FusekiServer target = serverFor(c);
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
        // the body first: the headers alone (the policy is long) fill the clipped message
        String where = name + " (" + c.getProperty("description", "") + "): " + answer.status + " " + clip(bodyOf(answer.text)) + " " + clip(answer.text);
        assertTrue(inRange(answer.status, c.getProperty("status")), "status " + answer.status + " not in " + c.getProperty("status") + ": " + where);
        assertTrue(seconds <= maxSeconds * repeat, name + " took " + seconds + " s");
        for (var e : new TreeMap<>(c).entrySet()) {
            String key = (String) e.getKey();
            if (key.startsWith("present.")) {
                String present = expand((String) e.getValue());
                assertTrue(answer.text.toLowerCase(Locale.ROOT).contains(present.toLowerCase(Locale.ROOT)),
                        name + ": the response does not say '" + present + "': " + clip(bodyOf(answer.text)));
            }
            if (key.startsWith("absent.")) {
                String absent = expand((String) e.getValue());
                assertFalse(answer.text.toLowerCase(Locale.ROOT).contains(absent.toLowerCase(Locale.ROOT)),
                        name + ": the response contains '" + absent + "': " + clip(answer.text));
            }
        }
        // Every answer, whatever its status, tells browsers not to sniff it into HTML or script (issue 15).
        if (!answer.headers.isEmpty()) {
            assertEquals("nosniff", answer.headers.get("x-content-type-options"), name + ": no 'X-Content-Type-Options: nosniff': " + answer.headers);
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
        byte[] bytes = body(c);
        HttpResponse<String> response;
        try {
            response = http.send(request(c, target), BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The server may answer 413 and close before the client has sent its whole body.
            if (bytes != null && c.getProperty("status", "").startsWith("413")) return new Answer(413, Map.of(), "(connection closed: " + e + ")");
            throw e;
        }
        Map<String, String> headers = new TreeMap<>();
        response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(", ", v)));
        return new Answer(response.statusCode(), headers, headers + "\n" + response.body());
    }

    /** The request of a case without {@code raw}. */
    private static HttpRequest request(Properties c, FusekiServer target) {
        String method = c.getProperty("method", "GET");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseOf(target) + expand(c.getProperty("path"))))
                .timeout(Duration.ofSeconds(60));
        for (String key : c.stringPropertyNames()) {
            if (key.startsWith("header.")) request.header(key.substring("header.".length()), expand(c.getProperty(key)));
        }
        BodyPublisher body = BodyPublishers.noBody();
        byte[] bytes = body(c);
        if (bytes != null) {
            body = Boolean.parseBoolean(c.getProperty("chunked")) ? BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                    : BodyPublishers.ofByteArray(bytes);
        }
        return request.method(method, body).build();
    }

    private static byte[] body(Properties c) {
        byte[] bytes = null;
        if (c.getProperty("body") != null) bytes = expand(c.getProperty("body")).getBytes(StandardCharsets.UTF_8);
        if (c.getProperty("bodySize") != null) {
            bytes = new byte[Integer.parseInt(c.getProperty("bodySize"))];
            Arrays.fill(bytes, (byte) 'a');
            System.arraycopy("query=".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 6);
        }
        return bytes;
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
        s = REPEAT.matcher(s).replaceAll(r -> Matcher.quoteReplacement(r.group(2).repeat(Integer.parseInt(r.group(1)))));
        s = VARS.matcher(s).replaceAll(r -> Matcher.quoteReplacement(String.join(" ",
                java.util.stream.IntStream.range(0, Integer.parseInt(r.group(1))).mapToObj(i -> "?v" + i).toList())));
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

    /** What follows the headers in an answer's text. */
    private static String bodyOf(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (text.startsWith("HTTP/") && end >= 0) return text.substring(end + 4);
        int line = text.indexOf("}\n");
        return line >= 0 && text.startsWith("{") ? text.substring(line + 2) : text;
    }

    private static String clip(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "..." : s;
    }

    // --- Hostile data: the tables.

    @TempDir
    Path root;

    @TestFactory
    Stream<DynamicTest> everyHostileTableIsRefusedOrKeptAsText() throws IOException {
        List<Path> cases = dataCaseDirs();
        assertFalse(cases.isEmpty(), "no cases in " + DATA_CASES);
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
    }

    private static List<Path> dataCaseDirs() throws IOException {
        try (Stream<Path> list = Files.list(DATA_CASES)) {
            return list.filter(Files::isDirectory).sorted().toList();
        }
    }

    private void check(Path caseDir) throws IOException {
        String name = caseDir.getFileName().toString();
        List<String> expected = Files.readAllLines(caseDir.resolve(EXPECTED), StandardCharsets.UTF_8);
        assertTrue(expected.size() >= 2, name + ": " + EXPECTED + " needs an exit code and at least one more line");
        int code = Integer.parseInt(expected.get(0).strip());
        Path work = root.resolve(name);
        Path data = work.resolve("data");
        copyData(data);
        overlay(caseDir, data);
        Path outDir = Files.createDirectories(work.resolve("out"));
        Path out = outDir.resolve("out.nt");
        CliRun run = CliRun.of("convert", "--data", data.toString(), "--output", out.toString());
        assertNoStackTrace(name, run);
        if (code == 0) {
            assertEquals(0, run.code(), () -> name + ": convert\n" + run);
            Set<String> literals = literals(out);
            for (String value : expected.subList(1, expected.size())) {
                if (value.isEmpty()) continue;
                assertTrue(literals.contains(value), () -> name + ": no literal exactly '" + value + "' in the graph");
            }
            return;
        }
        assertTrue(expected.size() >= 3, name + ": a refused case needs: exit code, location, part of the message");
        String location = expected.get(1).strip();
        String message = expected.get(2).strip();
        assertRefused(name + ": convert", code, data, location, message, run, run.err());
        assertEquals(List.of(), filesIn(outDir), name + ": files left in the output folder");
        CliRun validate = CliRun.of("validate", "--data", data.toString());
        assertNoStackTrace(name + ": validate", validate);
        assertRefused(name + ": validate", code, data, location, message, validate, validate.out() + validate.err());
    }

    /**
     * A 1 MB description is accepted and written as it is: a cell has no length limit beyond memory
     * (data/README.md says so), and the reader and writers stream.
     */
    @Test
    void aOneMegabyteRowIsAcceptedAndWritten() throws IOException {
        Path data = root.resolve("big-row/data");
        copyData(data);
        StringBuilder text = new StringBuilder(1 << 20);
        String words = "The Bureau works with partners to protect children's rights, \"quoted\", and more; ";
        while (text.length() < (1 << 20)) text.append(words);
        String description = text.substring(0, 1 << 20).strip();
        Path milestones = data.resolve("milestones.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(milestones, StandardCharsets.UTF_8));
        // ibcr-founding's description_en is the 12th cell; replace the quoted English description on line 2.
        String row = lines.get(1);
        int start = row.indexOf(",\"Two founders");
        int end = row.indexOf("\",\"Deux fondateurs");
        assertTrue(start > 0 && end > start, "line 2 of data/milestones.csv changed: " + row);
        lines.set(1, row.substring(0, start + 1) + "\"" + description.replace("\"", "\"\"") + row.substring(end));
        Files.write(milestones, lines, StandardCharsets.UTF_8);
        Path out = root.resolve("big-row/out.nt");
        CliRun run = CliRun.of("convert", "--data", data.toString(), "--output", out.toString());
        assertNoStackTrace("1 MB row", run);
        assertEquals(0, run.code(), run::toString);
        assertTrue(literals(out).contains(description), "the 1 MB description is in the graph, unchanged");
    }

    /**
     * A 100 MB milestones table, made here, converts with --no-validate to N-Triples in a JVM with a
     * 256 MB heap: the reader, the converter and the writer stream. Not a timed test.
     */
    @Test
    void aHundredMegabyteTableConvertsInASmallHeap() throws Exception {
        Path data = root.resolve("big-table/data");
        copyData(data);
        Path milestones = data.resolve("milestones.csv");
        String filler = "A generated milestone, long enough to make the table big, naming no one in particular. ".repeat(5);
        long target = 100L << 20;
        int generated = 0;
        try (BufferedWriter w = Files.newBufferedWriter(milestones, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND)) {
            long size = Files.size(milestones);
            while (size < target) {
                String line = "generated-" + generated + ",event,Generated milestone " + generated + ",Jalon " + generated
                        + ",2001,2002,,,ibcr-founding,,the-beginnings,\"" + filler + generated + "\",\"" + filler + "\",1,,,\n";
                w.write(line);
                size += line.length();
                generated++;
            }
        }
        assertTrue(Files.size(milestones) >= target);
        Path out = root.resolve("big-table/out.nt");
        Path log = root.resolve("big-table/log.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "org.ibcr.kg.cli.Main", "convert", "--no-validate", "--data", data.toString(), "--output", out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("the conversion of a 100 MB table did not end in 10 minutes");
        }
        String report = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), report);
        assertFalse(report.contains("OutOfMemoryError"), report);
        assertTrue(report.contains((generated + 33) + " milestones"), report);
        assertTrue(Files.size(out) > target, "the N-Triples output holds every row");
        try (Stream<String> nt = Files.lines(out, StandardCharsets.UTF_8)) {
            String last = "/id/milestone/generated-" + (generated - 1) + ">";
            assertTrue(nt.anyMatch(l -> l.contains(last)), "the last generated milestone is written");
        }
    }

    /** The lexical forms of every literal of an N-Triples file. */
    private static Set<String> literals(Path nt) {
        Graph g = RDFDataMgr.loadGraph(nt.toString());
        Set<String> values = new HashSet<>();
        g.find().forEachRemaining(t -> {
            Node o = t.getObject();
            if (o.isLiteral()) values.add(o.getLiteralLexicalForm());
        });
        return values;
    }

    private static void assertRefused(String what, int code, Path data, String location, String message, CliRun run, String report) {
        assertEquals(code, run.code(), () -> what + ": exit code\n" + run);
        String where = data + "/" + location;
        boolean found = report.lines().anyMatch(line -> {
            int at = line.indexOf(where);
            return at >= 0 && line.indexOf(message, at + where.length()) >= 0;
        });
        assertTrue(found, () -> what + ": expected a line with '" + where + "' followed by '" + message + "'\n" + run);
    }

    // --- Runaway queries: shapes that run long inside one step, against a server with more data.

    /** Nodes of the synthetic graph: a binary tree of ex:member links, each node with a label (50,000 triples). */
    private static final int SYNTHETIC_NODES = 25_000;
    private static final String EX = "http://example.org/";
    private static final Node SYNTHETIC = NodeFactory.createURI("urn:x-ibcr-test:synthetic");
    private static final Duration LIMIT = Duration.ofSeconds(1);
    /** How long after the limit every query must have stopped: generous, for a loaded 2-core machine. */
    private static final Duration GRACE = Duration.ofSeconds(6);
    private static final Duration CPU_WINDOW = Duration.ofSeconds(3);

    /**
     * The server for the runaway shapes: the real data and, in a named graph, a synthetic one big enough that
     * those shapes run for seconds to minutes past the limit on Jena's own timeout (made here, not committed).
     */
    private static synchronized FusekiServer large() {
        if (large != null) return large;
        largeStore = TdbStore.inMemory();
        largeStore.replaceGraphs(GraphBuild.from(CsvHistory.open(DATA)).build().dataset(), (fmt, args) -> {});
        Node member = NodeFactory.createURI(EX + "member");
        Node label = NodeFactory.createURI(EX + "label");
        var dsg = largeStore.dataset();
        Txn.executeWrite(dsg, () -> {
            for (int i = 0; i < SYNTHETIC_NODES; i++) {
                Node s = NodeFactory.createURI(EX + "s" + i);
                if (i > 0) dsg.add(new Quad(SYNTHETIC, NodeFactory.createURI(EX + "s" + ((i - 1) / 2)), member, s));
                dsg.add(new Quad(SYNTHETIC, s, label, NodeFactory.createLiteralString("item number " + i)));
            }
        });
        large = IbcrServer.create().port(0).dataset(dsg).queryTimeout(LIMIT).rateLimit(0).build().start();
        return large;
    }

    /**
     * Every runaway shape of the corpus that must be stopped, at once: after the limit and a grace the server's threads use under a
     * quarter of a core and none is still executing a query, every client got 503 or a closed connection, and the
     * server still answers correctly. Figures go to target/runaway-queries.txt.
     */
    @Test
    void runawayQueriesSentAtOnceAllStopAtTheLimit() throws Exception {
        FusekiServer big = large();
        List<Properties> shapes = new ArrayList<>();
        for (Path f : httpCaseFiles()) {
            Properties c = load(f);
            // The shapes that must be stopped (a quick one may also finish within the limit).
            if ("large".equals(c.getProperty("server")) && "503".equals(c.getProperty("status"))) shapes.add(c);
        }
        assertTrue(shapes.size() >= 4, "runaway shapes in the corpus: " + shapes.size());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long started = System.nanoTime();
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (Properties c : shapes) {
            answers.add(http.sendAsync(request(c, big), BodyHandlers.ofString())
                    .handle((r, e) -> String.format(Locale.ROOT, "%s after %.1f s", e != null ? "closed (" + e + ")"
                            : r.statusCode() + " " + clip(r.body()), (System.nanoTime() - started) / 1e9)));
        }
        Thread.sleep(LIMIT.plus(GRACE).toMillis());
        Map<Long, Long> before = serverThreadCpu(threads);
        long processBefore = os.getProcessCpuTime();
        Thread.sleep(CPU_WINDOW.toMillis());
        Map<Long, Long> after = serverThreadCpu(threads);
        double processCores = (os.getProcessCpuTime() - processBefore) / (double) CPU_WINDOW.toNanos();
        long busy = 0;
        List<String> busiest = new ArrayList<>();
        for (var e : after.entrySet()) {
            long used = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            busy += used;
            if (used > CPU_WINDOW.toNanos() / 20) {
                var info = threads.getThreadInfo(e.getKey(), 8);
                busiest.add((info == null ? "thread " + e.getKey() : info.getThreadName() + " " + Arrays.toString(info.getStackTrace()))
                        + ": " + used / 1_000_000 + " ms");
            }
        }
        double serverCores = busy / (double) CPU_WINDOW.toNanos();
        assertTrue(serverCores < 0.25, String.format(Locale.ROOT, "%.2f cores still busy %d s after the %d s limit:%n%s",
                serverCores, GRACE.toSeconds(), LIMIT.toSeconds(), String.join("\n", busiest)));
        // On a crowded machine a runaway thread may get little CPU: it must not be executing a query at all.
        List<String> stillQuerying = new ArrayList<>();
        for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
            if (Arrays.stream(info.getStackTrace()).anyMatch(f -> f.getClassName().equals(SPARQLQueryProcessor.class.getName()))) {
                stillQuerying.add(info.getThreadName() + " " + Arrays.toString(Arrays.copyOf(info.getStackTrace(), 8)));
            }
        }
        assertEquals(List.of(), stillQuerying, "threads still executing a query " + GRACE.toSeconds() + " s after the limit");
        List<String> outcomes = new ArrayList<>();
        for (CompletableFuture<String> a : answers) outcomes.add(a.get(60, TimeUnit.SECONDS));
        double allAnswered = outcomes.stream().mapToDouble(o -> Double.parseDouble(o.replaceAll("(?s).* after ([0-9.]+) s$", "$1"))).max().orElse(0);
        for (int i = 0; i < shapes.size(); i++) {
            String outcome = outcomes.get(i);
            assertTrue(outcome.startsWith("503") || outcome.startsWith("closed"),
                    shapes.get(i).getProperty("description") + ": " + outcome);
        }
        // Still serving, with the right answers: a look-up in the synthetic graph, and the fixed query.
        int last = SYNTHETIC_NODES - 1;
        HttpResponse<String> label = http.send(HttpRequest.newBuilder(URI.create(baseOf(big) + IbcrServer.DATASET + "/sparql"))
                .header("Content-Type", "application/sparql-query").header("Accept", "text/csv")
                .POST(BodyPublishers.ofString("SELECT ?l { GRAPH <" + SYNTHETIC.getURI() + "> { <" + EX + "s" + last + "> <" + EX
                        + "label> ?l } }")).build(), BodyHandlers.ofString());
        assertEquals(200, label.statusCode(), label.body());
        assertEquals("l\r\nitem number " + last + "\r\n", label.body());
        assertEquals(fixedAnswer, fixedQuery());
        String report = String.format(Locale.ROOT, "Runaway queries: %d shapes at once, limit %d s; every answer (503 or closed) within"
                + " %.1f s; %d to %d s after the start: server threads %.3f cores, whole test JVM %.2f cores%n",
                shapes.size(), LIMIT.toSeconds(), allAnswered, LIMIT.plus(GRACE).toSeconds(),
                LIMIT.plus(GRACE).plus(CPU_WINDOW).toSeconds(), serverCores, processCores);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "runaway-queries.txt"), report);
        System.out.print(report);
    }

    /** CPU time of each live thread but this one (the server's threads: Jetty's, and what they start). */
    private static Map<Long, Long> serverThreadCpu(ThreadMXBean threads) {
        Map<Long, Long> cpu = new TreeMap<>();
        long self = Thread.currentThread().getId();
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (id != self && t >= 0) cpu.put(id, t);
        }
        return cpu;
    }
}
