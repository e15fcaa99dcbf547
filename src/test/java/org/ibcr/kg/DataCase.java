package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A data case: a copy of {@code data/} with a case folder's tables laid over it, and the checks every case's run
 * must pass. Shared by {@link BrokenDataTest} and {@link HostileInputTest}.
 */
final class DataCase {
    static final Path DATA = Path.of("data");
    /** The file of a case folder that holds its expected outcome, not a table. */
    static final String EXPECTED = "expected.txt";
    private static final String DELETE = ".delete";

    private DataCase() {}

    static void assertNoStackTrace(String what, CliRun run) {
        for (String text : List.of(run.out(), run.err())) {
            assertFalse(text.lines().anyMatch(line -> line.startsWith("\tat ")), () -> what + ": a stack trace\n" + run);
            assertFalse(text.contains("Exception in thread"), () -> what + ": an uncaught exception\n" + run);
            assertFalse(text.contains("-Dibcr.debug"), () -> what + ": an unexpected exception, not a data error\n" + run);
        }
    }

    static void copyData(Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(DATA)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, target.resolve(f.getFileName().toString()));
            }
        }
    }

    /** The case's files over the copy of the data: a replacement table, or {@code <table>.delete}. */
    static void overlay(Path caseDir, Path data) throws IOException {
        try (Stream<Path> files = Files.list(caseDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String file = f.getFileName().toString();
                if (file.equals(EXPECTED)) continue;
                if (file.endsWith(DELETE)) {
                    Path table = data.resolve(file.substring(0, file.length() - DELETE.length()));
                    assertTrue(Files.deleteIfExists(table), caseDir + ": " + file + " names no table of data/");
                } else {
                    assertTrue(Files.exists(data.resolve(file)), caseDir + ": " + file + " replaces no table of data/");
                    Files.copy(f, data.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Every file in a folder, hidden ones included (a temporary {@code .out.ttl.*.part} is hidden). */
    static List<String> filesIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
