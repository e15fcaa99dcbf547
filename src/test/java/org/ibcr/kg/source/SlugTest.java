package org.ibcr.kg.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The hand-written slug check says exactly what the documented pattern says. */
class SlugTest {
    @Test
    void agreesWithThePatternOnEdgeCases() {
        for (String s : List.of("", "a", "-", "a-", "-a", "a--b", "a-b", "montreal-2003", "Montreal", "montréal",
                "a b", "a_b", "0", "9-9", "z-0-a", "ab-", "<ibcr>", "a\u0000b")) {
            assertEquals(CsvRow.SLUG.matcher(s).matches(), CsvRow.isSlug(s), "'" + s + "'");
        }
    }

    @Test
    void agreesWithThePatternOnRandomStrings() {
        Random random = new Random(7);
        String alphabet = "ab09-Z_ é";
        List<String> samples = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = random.nextInt(7); n > 0; n--) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            samples.add(sb.toString());
        }
        for (String s : samples) assertEquals(CsvRow.SLUG.matcher(s).matches(), CsvRow.isSlug(s), "'" + s + "'");
    }
}
