package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.ibcr.kg.source.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ibcr-kg generate}: synthetic data folders that convert, validate, grow linearly and repeat for a seed. */
class GenerateCommandTest {
    @TempDir
    Path dir;

    private Path generate(int scale, long seed, String name) {
        Path out = dir.resolve(name);
        CliRun run = CliRun.of("generate", "--scale", String.valueOf(scale), "--seed", String.valueOf(seed), "--output", out.toString());
        assertEquals(0, run.code(), run::toString);
        return out;
    }

    /** Triples of {@code convert --no-validate} to N-Triples: one line each. */
    private long triples(Path data) throws IOException {
        Path nt = dir.resolve(data.getFileName() + ".nt");
        CliRun run = CliRun.of("convert", "--data", data.toString(), "--no-validate", "-f", "ntriples", "--output", nt.toString());
        assertEquals(0, run.code(), run::toString);
        try (Stream<String> lines = Files.lines(nt)) {
            return lines.filter(l -> !l.isBlank()).count();
        }
    }

    @Test
    void generatedDataConformsToTheShapesAtTwoScales() {
        for (int scale : new int[] {1, 10}) {
            Path data = generate(scale, 1, "scale" + scale);
            for (Table table : Table.values()) assertTrue(Files.isRegularFile(data.resolve(table.fileName())), table.fileName());
            CliRun validate = CliRun.of("validate", "--data", data.toString());
            assertEquals(0, validate.code(), validate::toString);
            assertTrue(validate.out().contains("conforms"), validate.out());
            CliRun convert = CliRun.of("convert", "--data", data.toString(), "--output", dir.resolve("scale" + scale + ".ttl").toString());
            assertEquals(0, convert.code(), convert::toString);
            assertTrue(convert.err().contains((33 * scale) + " milestones"), convert.err());
        }
    }

    @Test
    void scaleOneIsAboutTheRealDataAndTriplesGrowLinearly() throws IOException {
        long real = triples(Path.of("data"));
        long one = triples(generate(1, 1, "one"));
        long five = triples(generate(5, 1, "five"));
        long ten = triples(generate(10, 1, "ten"));
        assertTrue(one > real * 0.8 && one < real * 1.2, "scale 1 gives " + one + " triples, the real data " + real);
        // Each added block adds the same number of triples, give or take the random choices.
        double perBlockLow = (five - one) / 4.0, perBlockHigh = (ten - five) / 5.0;
        assertTrue(Math.abs(perBlockHigh - perBlockLow) < 0.05 * perBlockLow,
                "triples per block: " + perBlockLow + " from scale 1 to 5, " + perBlockHigh + " from 5 to 10");
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOtherData() throws IOException {
        Path a = generate(3, 42, "a"), b = generate(3, 42, "b"), c = generate(3, 43, "c");
        for (Table table : Table.values()) {
            assertArrayEquals(Files.readAllBytes(a.resolve(table.fileName())), Files.readAllBytes(b.resolve(table.fileName())), table.fileName());
        }
        assertNotEquals(Files.readString(a.resolve("milestones.csv")), Files.readString(c.resolve("milestones.csv")));
        assertNotEquals(Files.readString(a.resolve("participations.csv")), Files.readString(c.resolve("participations.csv")));
    }

    @Test
    void badArgumentsAreUsageErrorsThatSayWhatIsWrong() throws IOException {
        CliRun zero = CliRun.of("generate", "--scale", "0", "--output", dir.resolve("zero").toString());
        assertEquals(2, zero.code(), zero::toString);
        assertTrue(zero.err().contains("--scale must be at least 1"), zero.err());
        assertFalse(Files.exists(dir.resolve("zero")));

        CliRun noOutput = CliRun.of("generate", "--scale", "1");
        assertEquals(2, noOutput.code(), noOutput::toString);
        assertTrue(noOutput.err().contains("--output"), noOutput.err());

        CliRun noScale = CliRun.of("generate", "--output", dir.resolve("x").toString());
        assertEquals(2, noScale.code(), noScale::toString);
        assertTrue(noScale.err().contains("--scale"), noScale.err());

        Path file = Files.writeString(dir.resolve("a-file"), "keep me");
        CliRun onFile = CliRun.of("generate", "--scale", "1", "--output", file.toString());
        assertEquals(2, onFile.code(), onFile::toString);
        assertTrue(onFile.err().contains("is a file"), onFile.err());
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void aNonEmptyFolderIsLeftAloneUnlessForcedAndForceReplacesOnlyTables() throws IOException {
        Path target = Files.createDirectory(dir.resolve("mine"));
        Files.writeString(target.resolve("milestones.csv"), "precious");
        CliRun refused = CliRun.of("generate", "--scale", "1", "--output", target.toString());
        assertEquals(2, refused.code(), refused::toString);
        assertTrue(refused.err().contains("not empty") && refused.err().contains("--force"), refused.err());
        assertEquals(List.of(target.resolve("milestones.csv")), list(target));
        assertEquals("precious", Files.readString(target.resolve("milestones.csv")));
        assertEquals(List.of(target), list(dir), "no temporary folder is left beside it");

        CliRun forced = CliRun.of("generate", "--scale", "1", "--output", target.toString(), "--force");
        assertEquals(0, forced.code(), forced::toString);
        assertTrue(Files.readString(target.resolve("milestones.csv")).startsWith("id,type,"));
        assertEquals(Table.values().length, list(target).size());
        assertEquals(List.of(target), list(dir), "no temporary or old folder is left beside it");

        // A folder holding more than tables (data/ has its README) is never replaced.
        Files.writeString(target.resolve("README.md"), "notes");
        CliRun notTables = CliRun.of("generate", "--scale", "2", "--output", target.toString(), "--force");
        assertEquals(2, notTables.code(), notTables::toString);
        assertTrue(notTables.err().contains("README.md"), notTables.err());
        assertEquals("notes", Files.readString(target.resolve("README.md")));
        assertTrue(Files.readString(target.resolve("milestones.csv")).contains("milestone-1-33"));
        assertFalse(Files.readString(target.resolve("milestones.csv")).contains("milestone-2-1"));

        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertEquals(0, CliRun.of("generate", "--scale", "1", "--output", empty.toString()).code());
        assertEquals(Table.values().length, list(empty).size());
    }

    @Test
    void helpTeachesWithExamplesAndTheSummaryCountsRows() {
        CliRun help = CliRun.of("generate", "--help");
        assertEquals(0, help.code());
        for (String word : new String[] {"--scale", "--seed", "--output", "--force", "default: 1", "roles.csv", "Examples", "convert --data"}) {
            assertTrue(help.out().contains(word), "help lacks '" + word + "':\n" + help.out());
        }
        assertTrue(CliRun.of("--help").out().contains("generate"));

        CliRun run = CliRun.of("generate", "--scale", "2", "--output", dir.resolve("two").toString());
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().contains("milestones.csv") && run.out().contains("66"), run.out());
        assertTrue(run.out().contains("roles.csv") && run.out().contains("17"), run.out());
        assertTrue(run.err().contains("participations.csv"), "progress names each table:\n" + run.err());
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.sorted().toList();
        }
    }
}
