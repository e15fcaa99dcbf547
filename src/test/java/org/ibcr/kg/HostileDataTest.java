package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.RDFDataMgr;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile data: what a careless or malicious edit of the tables can hold. Each folder of
 * {@code src/test/resources/hostile/data/} overlays the good data of {@code data/} as in
 * {@link BrokenDataTest}, with an {@code expected.txt}:
 * <ul>
 * <li>a refused case: the exit code, the location from the file name on ({@code milestones.csv:3:9 (part_of)})
 * and a part of the message: convert and validate must fail so, with no stack trace and no output file;</li>
 * <li>an accepted case: {@code 0}, then one value per line that must come out in the graph as a plain
 * literal, exactly as written (spreadsheet formulas are text: never evaluated or altered).</li>
 * </ul>
 * Cases too big to commit (a 1 MB row, a 100 MB table) are generated here, at test time.
 */
class HostileDataTest {
    private static final Path CASES = Path.of("src/test/resources/hostile/data");
    private static final Path DATA = Path.of("data");
    private static final String EXPECTED = "expected.txt";

    @TempDir
    Path root;

    @TestFactory
    Stream<DynamicTest> everyHostileCase() throws IOException {
        List<Path> cases;
        try (Stream<Path> list = Files.list(CASES)) {
            cases = list.filter(Files::isDirectory).sorted().toList();
        }
        assertFalse(cases.isEmpty(), "no cases in " + CASES);
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
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
        String filler = "A generated milestone, long enough to make the table big; it names no one in particular. ".repeat(5);
        long target = 100L << 20;
        int generated = 0;
        try (BufferedWriter w = Files.newBufferedWriter(milestones, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND)) {
            long size = Files.size(milestones);
            while (size < target) {
                String line = "generated-" + generated + ",event,Generated milestone " + generated + ",Jalon " + generated
                        + ",2001,2002,,,ibcr-founding,,the-beginnings,\"" + filler + generated + "\",\"" + filler + "\"\n";
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

    private static void assertNoStackTrace(String what, CliRun run) {
        for (String text : List.of(run.out(), run.err())) {
            assertFalse(text.lines().anyMatch(line -> line.startsWith("\tat ")), () -> what + ": a stack trace\n" + run);
            assertFalse(text.contains("Exception in thread"), () -> what + ": an uncaught exception\n" + run);
            assertFalse(text.contains("-Dibcr.debug"), () -> what + ": an unexpected exception, not a data error\n" + run);
        }
    }

    private static void copyData(Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(DATA)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, target.resolve(f.getFileName().toString()));
            }
        }
    }

    private static void overlay(Path caseDir, Path data) throws IOException {
        try (Stream<Path> files = Files.list(caseDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String file = f.getFileName().toString();
                if (file.equals(EXPECTED)) continue;
                assertTrue(Files.exists(data.resolve(file)), caseDir + ": " + file + " replaces no table of data/");
                Files.copy(f, data.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static List<String> filesIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
