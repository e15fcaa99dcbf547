package org.ibcr.kg;

import static org.ibcr.kg.DataCase.assertNoStackTrace;
import static org.ibcr.kg.DataCase.copyData;
import static org.ibcr.kg.DataCase.filesIn;
import static org.ibcr.kg.DataCase.overlay;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input, one folder per case in the manner of RMLMapper's test cases: each folder of
 * {@code src/test/resources/broken/} holds the tables that differ from the good data of {@code data/}
 * ({@code <table>.csv.delete} removes a table) and {@code expected.txt}: the exit code, the location
 * as {@code DataException.describe()} prints it from the file name on (such as
 * {@code milestones.csv:5:5 (start_year)}), and a part of the message. A new folder is a new test.
 *
 * <p>Each case is converted twice, once with no output file and once over an existing one, and then
 * validated: both commands must fail with the expected code, name the row, print no stack trace, and
 * leave the output as it was, with no temporary file behind.
 */
class BrokenDataTest {
    private static final Path CASES = Path.of("src/test/resources/broken");
    private static final Path DATA = Path.of("data");
    private static final String EXPECTED = "expected.txt";
    private static final byte[] PREVIOUS = "# an earlier conversion, to be left as it is\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;

    /** What {@code expected.txt} says. */
    record Expected(int code, String location, String message) {
        static Expected read(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 3 || lines.get(1).isBlank() || lines.get(2).isBlank()) {
                fail(file + ": needs three lines: exit code, location (from the file name on), part of the message");
            }
            return new Expected(Integer.parseInt(lines.get(0).strip()), lines.get(1).strip(), lines.get(2).strip());
        }
    }

    @Test
    void theGoodDataConverts() {
        Path out = root.resolve("good.ttl");
        CliRun run = CliRun.of("convert", "--data", DATA.toString(), "--output", out.toString());
        assertEquals(0, run.code(), run::toString);
        assertTrue(Files.isRegularFile(out));
    }

    @TestFactory
    Stream<DynamicTest> everyBrokenCaseIsRefused() throws IOException {
        List<Path> cases;
        try (Stream<Path> list = Files.list(CASES)) {
            cases = list.filter(Files::isDirectory).sorted().toList();
        }
        assertFalse(cases.isEmpty(), "no cases in " + CASES);
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
    }

    private void check(Path caseDir) throws IOException {
        String name = caseDir.getFileName().toString();
        Path expectedFile = caseDir.resolve(EXPECTED);
        assertTrue(Files.isRegularFile(expectedFile), name + " has no " + EXPECTED);
        Expected expected = Expected.read(expectedFile);

        Path work = root.resolve(name);
        Path data = work.resolve("data");
        copyData(data);
        overlay(caseDir, data);
        Path outDir = Files.createDirectories(work.resolve("out"));
        Path out = outDir.resolve("out.ttl");

        // No output file before: none after, and no temporary file left.
        CliRun first = CliRun.of("convert", "--data", data.toString(), "--output", out.toString());
        assertRefused(name + ": convert", expected, data, first, first.err());
        assertEquals("", first.out(), name + ": convert with --output prints nothing on standard output");
        assertFalse(Files.exists(out), () -> name + ": an output file was written\n" + first);
        assertEquals(List.of(), filesIn(outDir), name + ": files left in the output folder");

        // An output file before: left byte for byte as it was.
        Files.write(out, PREVIOUS);
        CliRun second = CliRun.of("convert", "--data", data.toString(), "--output", out.toString());
        assertRefused(name + ": convert over an existing file", expected, data, second, second.err());
        assertArrayEquals(PREVIOUS, Files.readAllBytes(out), name + ": the existing output file was changed");
        assertEquals(List.of("out.ttl"), filesIn(outDir), name + ": files left in the output folder");

        // validate refuses the data the same way (its SHACL report goes to standard output).
        CliRun validate = CliRun.of("validate", "--data", data.toString());
        assertRefused(name + ": validate", expected, data, validate, validate.out() + validate.err());
    }

    private static void assertRefused(String what, Expected expected, Path data, CliRun run, String report) {
        assertEquals(expected.code(), run.code(), () -> what + ": exit code\n" + run);
        assertNoStackTrace(what, run);
        // describe() prints {dir}/{file}:{line}:{column} ({field}): message, with {dir} as --data named it.
        String where = data + "/" + expected.location() + ": ";
        boolean found = report.lines().anyMatch(line -> {
            int at = line.indexOf(where);
            return at >= 0 && line.indexOf(expected.message(), at + where.length()) >= 0;
        });
        assertTrue(found, () -> what + ": expected a line with '" + where + "' followed by '" + expected.message() + "'\n" + run);
    }

}
