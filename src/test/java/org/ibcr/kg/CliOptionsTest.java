package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ibcr.kg.publish.IbcrServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command line's shared idioms: the choices of --view, --format and --lang listed in help and in the message
 * of a bad value, --output shared by convert, graph and query, and serve's values checked by the server's builder
 * before any data is read.
 */
class CliOptionsTest {
    private static final String COUNT = "SELECT ?iso WHERE { ?c <https://w3id.org/ibcr/ontology#isoCode> ?iso } ORDER BY ?iso LIMIT 2";

    @TempDir
    Path dir;

    // One case per line: command, option, the choices its help and its errors list.
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "convert | --format | turtle, ntriples, jsonld, rdfxml, trig",
        "graph   | --view   | actors, organisations, full, geography",
        "graph   | --format | graphml, gexf, json, csv, dot",
        "graph   | --lang   | en, fr",
        "query   | --format | table, csv, tsv, json",
    })
    void helpListsEveryChoice(String command, String option, String choices) {
        CliRun help = CliRun.of(command, "--help");
        assertEquals(0, help.code());
        String text = help.out().replaceAll("\\s+", " ");
        int at = text.lastIndexOf(option + "="); // the option's row, after the synopsis
        assertTrue(at >= 0, option + " in help:\n" + help.out());
        assertTrue(text.substring(at).startsWith(option) && text.substring(at, Math.min(text.length(), at + 200)).contains(choices),
                command + " " + option + " lists " + choices + ":\n" + help.out());
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "convert | --format | csv    | turtle, ntriples, jsonld, rdfxml or trig",
        "graph   | --view   | nope   | actors, organisations, full or geography",
        "graph   | --format | xlsx   | graphml, gexf, json, csv or dot",
        "graph   | --lang   | de     | en, fr",
    })
    void aBadChoiceIsAUsageErrorThatNamesTheChoices(String command, String option, String value, String choices) {
        CliRun run = CliRun.of(command, option, value);
        assertEquals(2, run.code(), run::toString);
        assertTrue(run.err().contains(option) && run.err().contains(value) && run.err().contains(choices), run.err());
    }

    @Test
    void graphFormatAliasesStillWork() {
        CliRun cytoscape = CliRun.of("graph", "--format", "cytoscape");
        assertEquals(0, cytoscape.code(), cytoscape::toString);
        assertTrue(cytoscape.out().startsWith("{"), "Cytoscape JSON on standard output");
        CliRun gv = CliRun.of("graph", "--format", "GV");
        assertEquals(0, gv.code(), gv::toString);
        assertTrue(gv.out().contains("graph"), "DOT on standard output");
    }

    @Test
    void queryWritesItsOutputFileInTheFormatOfItsExtension() throws Exception {
        String stdoutCsv = CliRun.of("query", "--format", "csv", "--query", COUNT).out();
        Path csv = dir.resolve("isos.csv");
        CliRun run = CliRun.of("query", "--output", csv.toString(), "--query", COUNT);
        assertEquals(0, run.code(), run::toString);
        assertEquals("", run.out(), "nothing on standard output");
        assertArrayEquals(stdoutCsv.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(csv), "the file holds what --format csv prints");

        Path json = dir.resolve("isos.json");
        assertEquals(0, CliRun.of("query", "-o", json.toString(), "--query", COUNT).code());
        assertTrue(Files.readString(json).contains("\"value\": \"AT\""), Files.readString(json));

        Path table = dir.resolve("isos.txt");
        assertEquals(0, CliRun.of("query", "-o", table.toString(), "--query", COUNT).code());
        assertEquals(CliRun.of("query", "--query", COUNT).out(), Files.readString(table), "a table otherwise");
    }

    @Test
    void aFailedQueryLeavesTheOutputFileAsItWas() throws Exception {
        Path file = dir.resolve("kept.csv");
        Files.writeString(file, "before\n");
        CliRun run = CliRun.of("query", "--output", file.toString(), "--query", "SELECT WHERE {");
        assertEquals(1, run.code(), run::toString);
        assertEquals("before\n", Files.readString(file));
    }

    // One case per line: a value IbcrServer's builder refuses. The data folder does not exist: the usage error
    // must come first (before the data is read, which would be exit 1).
    @ParameterizedTest(name = "serve {0} {1}")
    @CsvSource(delimiter = '|', value = {
        "--port          | 70000",
        "--timeout       | 0",
        "--timeout       | -5",
        "--max-body      | 0",
        "--rate-limit    | -1",
        "--rate-burst    | 0",
        "--max-page-rows | 0",
        "--max-query-length | 0",
        "--max-query-depth | 0",
        "--max-projection | -1",
        "--cache         | -1",
        "--cache         | 99999999999999999",
        "--result-cache  | -1",
        "--result-cache  | 12X",
        "--result-cache  | 999999999999G",
        "--public-base   | ftp://example.org",
        "--cors-origin   | https://editor.example/path",
        "--cors-origin   | editor.example",
        "--cors-origin   | https://editor.example,ftp://other.example",
    })
    void aValueTheServerRefusesIsAUsageErrorBeforeTheDataIsRead(String option, String value) {
        CliRun run = CliRun.of("serve", "--data", dir.resolve("no-such-data").toString(), option, value);
        assertEquals(2, run.code(), run::toString);
        assertTrue(run.err().contains("'" + option + "'"), "the error names " + option + ": " + run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void validCorsOriginsPassToTheDataStep() {
        // Accepted by the builder: what stops serve is then the missing data (exit 1), not a usage error.
        CliRun run = CliRun.of("serve", "--data", dir.resolve("no-such-data").toString(),
                "--cors-origin", "https://editor.example,http://localhost:8080", "--cors-origin", "https://other.example:8443");
        assertEquals(1, run.code(), run::toString);
        assertFalse(run.err().contains("--cors-origin"), "the origins are valid: " + run.err());
        assertTrue(run.err().contains("no-such-data"), "the error names the data folder: " + run.err());
    }

    @Test
    void resultCacheSizesTakeAUnit() {
        for (String size : new String[] {"0", "512K", "256M", "1G", "64"}) {
            CliRun run = CliRun.of("serve", "--data", dir.resolve("no-such-data").toString(), "--result-cache", size);
            assertEquals(1, run.code(), run::toString); // the missing data, not the size, stops it
            assertFalse(run.err().contains("--result-cache"), size + " is a size: " + run.err());
        }
    }

    @Test
    void serveDefaultsAreTheServers() {
        String help = CliRun.of("serve", "--help").out().replaceAll("\\s+", " ");
        for (String expected : new String[] {"(default: " + IbcrServer.DEFAULT_PORT + ";", "(default: " + IbcrServer.DEFAULT_HOST + ",",
                "(default: " + IbcrServer.DEFAULT_TIMEOUT_SECONDS + ")", "(default: " + IbcrServer.DEFAULT_MAX_BODY + ",",
                "(default: " + (int) IbcrServer.DEFAULT_RATE_LIMIT + ";", "(default: " + IbcrServer.DEFAULT_MAX_PAGE_ROWS + ")",
                "(default: " + (IbcrServer.DEFAULT_CACHE >> 20) + ";", "(default: " + (IbcrServer.DEFAULT_RESULT_CACHE >> 20) + "M;"}) {
            assertTrue(help.contains(expected), "serve --help says " + expected + ":\n" + help);
        }
    }
}
