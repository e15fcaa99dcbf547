package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees at the command line: help, versions, exit codes, usage errors. */
class CommandLineTest {
    @TempDir
    Path dir;

    @Test
    void helpTeachesTheCommandsAndExitCodes() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.code());
        for (String word : new String[] {"convert", "validate", "query", "Exit codes", "3", "Examples"}) {
            assertTrue(run.out().contains(word), "help lacks '" + word + "':\n" + run.out());
        }
        CliRun convertHelp = CliRun.of("convert", "--help");
        assertTrue(convertHelp.out().contains("--no-validate") && convertHelp.out().contains(".gz"), convertHelp.out());
    }

    @Test
    void versionNamesTheToolAndJena() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.code());
        assertTrue(run.out().startsWith("ibcr-kg "), run.out());
        assertTrue(run.out().contains("Apache Jena 5."), run.out());
    }

    @Test
    void usageErrorsExitWithTwoAndSayWhatIsWrong() {
        CliRun unknown = CliRun.of("convert", "--frobnicate");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("--frobnicate"), unknown.err());

        CliRun none = CliRun.of();
        assertEquals(2, none.code());
        assertTrue(none.err().contains("subcommand"), none.err());

        CliRun format = CliRun.of("convert", "--output", dir.resolve("out.xyz").toString());
        assertEquals(2, format.code());
        assertTrue(format.err().contains("out.xyz"), format.err());
        assertFalse(Files.exists(dir.resolve("out.xyz")));

        CliRun badFormat = CliRun.of("convert", "--format", "csv");
        assertEquals(2, badFormat.code());
        assertTrue(badFormat.err().contains("turtle, ntriples, jsonld, rdfxml or trig"), badFormat.err());
    }

    @Test
    void aBadBaseIriIsAUsageError() {
        for (String base : new String[] {"not an iri", "ftp://example.org/", "https://example.org/no-slash", "https://exa mple.org/"}) {
            CliRun run = CliRun.of("convert", "--base", base, "--output", dir.resolve("out.ttl").toString());
            assertEquals(2, run.code(), base + ": " + run);
            assertTrue(run.err().contains("--base"), run.err());
            assertFalse(Files.exists(dir.resolve("out.ttl")));
        }
    }

    @Test
    void aMissingDataFolderIsAFailureNamingIt() {
        CliRun run = CliRun.of("validate", "--data", dir.resolve("nowhere").toString());
        assertEquals(1, run.code());
        assertTrue(run.err().contains("nowhere") && run.err().contains("not a data folder"), run.err());
    }

    @Test
    void validateSaysTheBundledDataConforms() {
        CliRun run = CliRun.of("validate");
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().contains("conforms"), run.out());
    }

    @Test
    void queryPrintsEachResultFormat() {
        String q = "PREFIX ibcr: <https://w3id.org/ibcr/ontology#> SELECT ?iso { ?c a ibcr:Country ; ibcr:isoCode ?iso } ORDER BY ?iso LIMIT 2";
        CliRun table = CliRun.of("query", "--query", q);
        assertEquals(0, table.code(), table::toString);
        assertTrue(table.out().contains("| \"AT\" |"), table.out());
        assertEquals("iso\r\nAT\r\nBF\r\n", CliRun.of("query", "--format", "csv", "--query", q).out());
        assertEquals("?iso\n\"AT\"\n\"BF\"\n", CliRun.of("query", "--format", "tsv", "--query", q).out());
        assertTrue(CliRun.of("query", "--format", "json", "--query", q).out().contains("\"value\": \"AT\""));
        CliRun ask = CliRun.of("query", "--query", "ASK { ?s ?p ?o }");
        assertEquals("yes\n", ask.out());
        CliRun construct = CliRun.of("query", "--query",
                "CONSTRUCT { ?c <urn:x:iso> ?iso } WHERE { ?c <https://w3id.org/ibcr/ontology#isoCode> ?iso FILTER(?iso = 'FR') }");
        assertTrue(construct.out().contains("<urn:x:iso>  \"FR\"") || construct.out().contains("<urn:x:iso> \"FR\""), construct.out());
    }

    @Test
    void aBrokenQueryIsAFailureWithItsPosition() {
        CliRun run = CliRun.of("query", "--query", "SELECT ?x WHERE { ?x ?y }");
        assertEquals(1, run.code());
        assertTrue(run.err().contains("line 1"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        CliRun missing = CliRun.of("query", dir.resolve("missing.rq").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("missing.rq"), missing.err());
    }

    @Test
    void serveRefusesAPasswordFileOthersCanRead() throws Exception {
        java.nio.file.Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, "admin: s3cret\n");
        Files.setPosixFilePermissions(passwd, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        CliRun run = CliRun.of("serve", "--port", "0", "--update", "--passwd", passwd.toString());
        assertEquals(2, run.code(), run::toString);
        assertTrue(run.err().contains("chmod 600"), run.err());

        CliRun withoutPasswd = CliRun.of("serve", "--port", "0", "--update");
        assertEquals(2, withoutPasswd.code());
        assertTrue(withoutPasswd.err().contains("--passwd"), withoutPasswd.err());

        CliRun missing = CliRun.of("serve", "--port", "0", "--update", "--passwd", dir.resolve("none").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("none"), missing.err());
    }

    @Test
    void serveRefusesDataThatDoesNotConform() throws Exception {
        // The shapes are checked beside the load into memory: a violation still stops serve before it listens.
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        try (var files = Files.list(Path.of("data"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, data.resolve(f.getFileName().toString()));
        }
        Path participations = data.resolve("participations.csv");
        Files.write(participations, Files.readAllLines(participations).stream()
                .filter(line -> !line.startsWith("tribunal-hearing-paris,")).toList());
        CliRun run = CliRun.of("serve", "--port", "0", "--data", data.toString());
        assertEquals(3, run.code(), run::toString);
        assertTrue(run.err().contains("a milestone needs at least one participant"), run.err());
        assertFalse(run.out().contains("SPARQL endpoint"), "it announced a server: " + run.out());
    }
}
