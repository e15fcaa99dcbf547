package org.ibcr.kg.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.ibcr.kg.model.Origin;
import org.ibcr.kg.model.Records.Section;
import org.ibcr.kg.source.SourceSentences.Position;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** data/sentences.csv is what the segmentation of the source gives, and the segmentation finds what a reader sees. */
class SourceSentencesTest {
    private static final Path DATA = Path.of("data");
    /** Where CI has the source, beside the checkout; {@code -Dibcr.source=FILE} names another place. */
    private static final Path SOURCE = Path.of(System.getProperty("ibcr.source", "../shared/source/ibcr-history.txt"));

    private static Section section(String id, String heading, int position) {
        return new Section(new Origin("sections.csv", position + 1), id, new org.ibcr.kg.model.Text(heading, Optional.empty()), position, Optional.empty(), Optional.empty());
    }

    @Test
    void headingsBulletsAndSentencesAreFoundWithCodePointOffsets() {
        String text = "Part one\n\n2003\u00a0:\n\nFirst one. Second \uD835\uDC9C one.\n  \u2022 Third one.\nClosing words\n";
        List<Position> positions = SourceSentences.of(List.of(section("2003", "2003", 2), section("part-one", "Part one", 1)))
                .derive(text, "test.txt");
        int astral = text.indexOf('\uD835');
        assertEquals(List.of(
                new Position("part-one", 0, 0, 8),
                new Position("2003", 0, 10, 16),
                new Position("2003", 1, 18, 28),
                new Position("2003", 2, 29, 29 + "Second x one.".length()),
                // after the astral character, code points are one fewer than UTF-16 units
                new Position("2003", 3, text.indexOf("Third") - 1, text.indexOf("Third") - 1 + "Third one.".length()),
                new Position("2003", 4, text.indexOf("Closing") - 1, text.indexOf("Closing") - 1 + "Closing words".length())),
                positions, "astral character at " + astral);
    }

    @Test
    void aSectionWhoseHeadingIsNotInTheSourceIsAnError() {
        DataException e = assertThrows(DataException.class, () -> SourceSentences.of(
                List.of(section("a", "A", 1), section("b", "B", 2))).derive("A\nText.\n", "test.txt"));
        assertTrue(e.describe().startsWith("test.txt: the heading of section 'b' ('B')"), e.describe());
    }

    @Test
    void theSentenceTableIsTheSegmentationOfTheSource() {
        Assumptions.assumeTrue(Files.isRegularFile(SOURCE), () -> SOURCE + " is not beside the checkout (give -Dibcr.source=FILE):"
                + " data/sentences.csv is not checked against the source");
        CsvHistory history = CsvHistory.open(DATA);
        List<Position> derived = SourceSentences.of(history.sections().toList()).derive(SOURCE);
        List<Position> table;
        try (var sentences = history.sentences()) {
            table = sentences.map(s -> new Position(s.section(), s.n(), s.start(), s.end())).toList();
        }
        assertEquals(derived, table, () -> "data/sentences.csv differs from the segmentation of " + SOURCE
                + "; its rows should be (section,n,start,end; keep the reason column):\n"
                + derived.stream().map(p -> p.section() + "," + p.n() + "," + p.start() + "," + p.end()).collect(Collectors.joining("\n")));
    }
}
