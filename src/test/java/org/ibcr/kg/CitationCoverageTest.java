package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate --coverage}: every fact of the data rests on a sentence of the source or a basis, and it says so. */
class CitationCoverageTest {
    @TempDir
    Path root;

    @Test
    void theBundledDataCoversTheSourceAndListsTheHeadings() {
        CliRun run = CliRun.of("validate", "--coverage");
        assertEquals(0, run.code(), run::toString);
        String out = run.out();
        assertTrue(out.contains("Sentences cited by no fact (3):"), out);
        assertTrue(out.contains("data/sentences.csv:2 the-beginnings/0: states no fact (heading)"), out);
        assertTrue(out.contains("a-new-era/0: states no fact (heading)"), out);
        assertTrue(out.contains("2020/5: states no fact (heading)"), out);
        assertTrue(out.contains("Facts that cite no sentence (0):"), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("participation sida-save-the-children-agreement.sida.funder: inferred,")
                && l.contains("(beside 2008/1)")), out);
        assertTrue(out.contains("Every fact cites a sentence or gives a basis"), out);
    }

    @Test
    void aFactWithNeitherASentenceNorABasisFailsNamingItsRow() throws IOException {
        Path data = copy();
        int line = replace(data.resolve("participations.csv"), "child-participation-focus,ibcr,lead,,,4,,,", "child-participation-focus,ibcr,lead,,,,,,");
        // without --coverage the data still converts and conforms: the citations are optional columns
        assertEquals(0, CliRun.of("validate", "--data", data.toString()).code());
        CliRun run = CliRun.of("validate", "--coverage", "--data", data.toString());
        assertEquals(3, run.code(), run::toString);
        assertTrue(run.out().contains("participations.csv:" + line + " participation child-participation-focus.ibcr.lead: ERROR neither a sentence nor a basis"), run::toString);
        DataCase.assertNoStackTrace("coverage", run);
    }

    @Test
    void aSentenceNoFactCitesMustSayWhy() throws IOException {
        Path data = copy();
        int line = replace(data.resolve("sentences.csv"), "a-new-era,0,4765,4774,heading", "a-new-era,0,4765,4774,");
        CliRun run = CliRun.of("validate", "--coverage", "--data", data.toString());
        assertEquals(3, run.code(), run::toString);
        assertTrue(run.out().contains("sentences.csv:" + line + " a-new-era/0: ERROR cited by no fact and no reason given"), run::toString);
    }

    @Test
    void aFactWithABasisAndNoSentenceIsListedAndPasses() throws IOException {
        Path data = copy();
        replace(data.resolve("quantities.csv"), "hearings held,audiences tenues,exactly,4,,hearing,3,,,",
                "hearings held,audiences tenues,exactly,4,,hearing,,inferred,Counted from the four cities named.,Compté d'après les quatre villes nommées.");
        CliRun run = CliRun.of("validate", "--coverage", "--data", data.toString());
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().contains("Facts that cite no sentence (1):"), run::toString);
        assertTrue(run.out().contains("quantity tribunal-hearings: inferred, Counted from the four cities named."), run::toString);
    }

    private Path copy() throws IOException {
        Path data = root.resolve("data");
        DataCase.copyData(data);
        return data;
    }

    /** Replaces the one line that contains {@code find} (a row's end) and says which line it is. */
    private static int replace(Path table, String find, String replacement) throws IOException {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(table, StandardCharsets.UTF_8));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(find)) {
                lines.set(i, lines.get(i).replace(find, replacement));
                Files.write(table, lines, StandardCharsets.UTF_8);
                return i + 1;
            }
        }
        throw new AssertionError(find + " is not in " + table);
    }
}
