package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.jena.query.Dataset;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.Syntax;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.resultset.ResultsWriter;
import org.ibcr.kg.pipeline.BuiltGraph;
import org.ibcr.kg.pipeline.GraphBuild;
import org.ibcr.kg.publish.SearchIndex;
import org.ibcr.kg.source.CsvHistory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every SPARQL query in {@code queries/} over the graph built from {@code data/} and compares its
 * answer with the expected answer in {@code src/test/resources/queries/NN-short-name.csv}: the SPARQL
 * CSV results format as Jena writes it (a header of variable names, then the rows), or {@code true} /
 * {@code false} for an ASK query. The files are found by listing the folder, so a new query is picked
 * up by itself, and a query without an expected answer fails.
 *
 * <p>The comparison is exact text after normalising line endings (Jena writes CSV with CRLF; the
 * expected files may use LF): every SELECT must therefore have an ORDER BY that orders its rows fully.
 */
class QueriesTest {
    private static final Path QUERIES = Path.of("queries");
    private static final Path EXPECTED = Path.of("src", "test", "resources", "queries");
    private static final Pattern FILE_NAME = Pattern.compile("\\d\\d-[a-z0-9]+(-[a-z0-9]+)*\\.rq");

    private static Dataset dataset;

    @BeforeAll
    static void build() {
        BuiltGraph built = GraphBuild.from(CsvHistory.open(Path.of("data"))).build();
        dataset = built.queryDataset();
        // text:query, as on the endpoint: the full-text index of the same data
        SearchIndex.of(dataset.asDatasetGraph()).registerWith(dataset.getContext());
    }

    @TestFactory
    Stream<DynamicTest> everyQueryGivesItsExpectedAnswer() throws IOException {
        List<Path> files = queryFiles();
        assertFalse(files.isEmpty(), "no .rq files in " + QUERIES.toAbsolutePath());
        // No file URI as test source: surefire's -Dtest filter would then leave the tests out.
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }

    @TestFactory
    Stream<DynamicTest> everyExpectedAnswerHasItsQuery() throws IOException {
        Set<String> queries = queryFiles().stream().map(f -> baseName(f.getFileName().toString()))
                .collect(Collectors.toSet());
        List<Path> expected;
        try (Stream<Path> list = Files.list(EXPECTED)) {
            expected = list.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        return expected.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                () -> assertTrue(queries.contains(baseName(file.getFileName().toString())),
                        "expected answer " + file + " has no query " + QUERIES.resolve(
                                baseName(file.getFileName().toString()) + ".rq") + " (left over after a rename?)")));
    }

    /** The CLI gives, byte for byte after line endings, the same CSV as the in-process run. */
    @Test
    void commandLineGivesTheSameCsv() throws IOException {
        CliRun run = CliRun.of("query", "--format", "csv", "queries/01-timeline.rq");
        assertEquals(0, run.code(), run::toString);
        String expected = Files.readString(EXPECTED.resolve("01-timeline.csv"), StandardCharsets.UTF_8);
        assertEquals(normalise(expected), normalise(run.out()), run::toString);
    }

    private static void check(Path file) throws IOException {
        String name = file.getFileName().toString();
        assertTrue(FILE_NAME.matcher(name).matches(), name + " is not named NN-short-name.rq");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("#"), name + " must open with comment lines stating its question");

        Path expectedFile = EXPECTED.resolve(baseName(name) + ".csv");
        if (!Files.isRegularFile(expectedFile)) {
            fail(name + " has no expected answer: create " + expectedFile
                    + " (run the query with 'java -jar target/ibcr-kg.jar query --format csv " + file
                    + "', then check every row against the data and the history)");
        }
        String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);

        Query query = QueryFactory.create(text, Syntax.syntaxSPARQL_11);
        String actual;
        try (QueryExecution exec = QueryExecution.create(query, dataset)) {
            if (query.isSelectType()) {
                assertTrue(query.hasOrderBy(), name + ": a SELECT needs an ORDER BY so its rows come in a fixed order");
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ResultsWriter.create().lang(ResultSetLang.RS_CSV).write(out, exec.execSelect());
                actual = out.toString(StandardCharsets.UTF_8);
            } else if (query.isAskType()) {
                actual = Boolean.toString(exec.execAsk());
            } else {
                actual = null;
                fail(name + ": only SELECT and ASK queries have a CSV answer");
            }
        }
        assertEquals(normalise(expected), normalise(actual), name + " against " + expectedFile);
    }

    private static List<Path> queryFiles() throws IOException {
        try (Stream<Path> list = Files.list(QUERIES)) {
            return list.filter(f -> f.getFileName().toString().endsWith(".rq") && Files.isRegularFile(f))
                    .sorted().toList();
        }
    }

    private static String baseName(String fileName) {
        return fileName.substring(0, fileName.lastIndexOf('.'));
    }

    /** CRLF and CR become LF; the text ends with exactly one line end. */
    private static String normalise(String text) {
        String lf = text.replace("\r\n", "\n").replace('\r', '\n');
        return lf.stripTrailing().isEmpty() ? "" : lf.replaceAll("\n+$", "") + "\n";
    }
}
