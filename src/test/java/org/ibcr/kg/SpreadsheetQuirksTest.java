package org.ibcr.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.util.IsoMatcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What spreadsheets and hand editing commonly write is accepted and read as the clean data: each test
 * rewrites the tables of a copy of {@code data/} and expects the very same graph from it.
 */
class SpreadsheetQuirksTest {
    private static final Path DATA = Path.of("data");
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Graph reference;

    @BeforeAll
    static void convertTheCleanData() throws IOException {
        reference = convert(DATA, shared.resolve("clean.nt"));
        assertTrue(reference.size() > 1000, "the clean data gives " + reference.size() + " triples");
    }

    @Test
    void byteOrderMarkAtTheStartOfEveryTable() throws IOException {
        assertSameGraph(transform(bytes -> concat(BOM, bytes)));
    }

    @Test
    void crlfLineEnds() throws IOException {
        assertSameGraph(transformText(text -> text.replace("\n", "\r\n")));
    }

    @Test
    void blankTrailingLines() throws IOException {
        assertSameGraph(transformText(text -> text + "\n\n   \n\n"));
    }

    @Test
    void trailingRowsOfOnlyCommas() throws IOException {
        assertSameGraph(transformTables(rows -> {
            List<List<String>> out = new ArrayList<>(rows);
            List<String> empty = Collections.nCopies(rows.get(0).size(), "");
            out.add(empty);
            out.add(empty);
            return out;
        }, Style.PLAIN));
    }

    @Test
    void blankLinesAndRowsOfOnlyCommasBetweenRows() throws IOException {
        assertSameGraph(transformTables(rows -> {
            List<List<String>> out = new ArrayList<>();
            List<String> empty = Collections.nCopies(rows.get(0).size(), "");
            for (int i = 0; i < rows.size(); i++) {
                out.add(rows.get(i));
                if (i % 3 == 1) out.add(empty);
            }
            return out;
        }, Style.PLAIN));
    }

    @Test
    void spacesAroundUnquotedCells() throws IOException {
        Path copy = transformTables(UnaryOperator.identity(), new Style(false, "  ", false, "\n"));
        assertTrue(Files.readString(copy.resolve("roles.csv")).startsWith("  id  ,  label_en  ,"), "cells are padded");
        assertSameGraph(copy);
    }

    @Test
    void spacesAroundQuotedCells() throws IOException {
        Path copy = transformTables(UnaryOperator.identity(), new Style(true, " ", true, "\n"));
        assertTrue(Files.readString(copy.resolve("roles.csv")).startsWith(" \"id\" , \"label_en\" ,"), "cells are padded");
        assertSameGraph(copy);
    }

    @Test
    void everyCellQuoted() throws IOException {
        Path copy = transformTables(UnaryOperator.identity(), new Style(true, "", false, "\n"));
        assertTrue(Files.readString(copy.resolve("roles.csv")).startsWith("\"id\",\"label_en\","), "cells are quoted");
        assertSameGraph(copy);
    }

    @Test
    void columnsInAnotherOrder() throws IOException {
        assertSameGraph(transformTables(rows -> rows.stream().map(row -> {
            List<String> reversed = new ArrayList<>(row);
            Collections.reverse(reversed);
            return reversed;
        }).toList(), Style.PLAIN));
    }

    /** A spreadsheet saved as "CSV UTF-8" on Windows, then tidied by hand. */
    @Test
    void allQuirksTogether() throws IOException {
        Path copy = transformTables(rows -> {
            List<List<String>> out = new ArrayList<>(rows);
            out.add(Collections.nCopies(rows.get(0).size(), ""));
            return out;
        }, new Style(false, " ", false, "\r\n"));
        for (Path table : tables(copy)) {
            Files.write(table, concat(BOM, concat(Files.readAllBytes(table), "\r\n\r\n".getBytes(StandardCharsets.UTF_8))));
        }
        assertSameGraph(copy);
    }

    // ---- helpers

    private void assertSameGraph(Path data) throws IOException {
        Path out = dir.resolve("quirky.nt");
        Graph graph = convert(data, out);
        assertEquals(reference.size(), graph.size(), "triples");
        assertTrue(IsoMatcher.isomorphic(reference, graph), "the graphs differ");
    }

    private static Graph convert(Path data, Path out) {
        CliRun run = CliRun.of("convert", "--data", data.toString(), "--output", out.toString());
        assertEquals(0, run.code(), run::toString);
        Graph graph = GraphFactory.createDefaultGraph();
        RDFParser.source(out).lang(Lang.NTRIPLES).parse(graph);
        return graph;
    }

    private interface Bytes {
        byte[] apply(byte[] in) throws IOException;
    }

    /** A copy of the data with every table's bytes rewritten; fails if nothing changed. */
    private Path transform(Bytes change) throws IOException {
        Path copy = Files.createDirectories(dir.resolve("data"));
        boolean changed = false;
        for (Path table : tables(DATA)) {
            byte[] before = Files.readAllBytes(table);
            byte[] after = change.apply(before);
            changed |= !java.util.Arrays.equals(before, after);
            Files.write(copy.resolve(table.getFileName().toString()), after);
        }
        assertTrue(changed, "the transformation changed no table");
        return copy;
    }

    private Path transformText(UnaryOperator<String> change) throws IOException {
        return transform(bytes -> change.apply(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * How {@link #transformTables} writes a table: cells quoted when they must be or always, padded with
     * {@code pad} on both sides (quoted cells too, or not), rows ended by {@code eol}.
     */
    private record Style(boolean quoteAll, String pad, boolean padQuoted, String eol) {
        static final Style PLAIN = new Style(false, "", false, "\n");

        String cell(String value) {
            boolean must = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
            if (!quoteAll && !must) return pad + value + pad;
            String quoted = '"' + value.replace("\"", "\"\"") + '"';
            return padQuoted ? pad + quoted + pad : quoted;
        }
    }

    /** A copy of the data with every table parsed, its rows (header first) changed, and written in a style. */
    private Path transformTables(UnaryOperator<List<List<String>>> change, Style style) throws IOException {
        return transform(bytes -> {
            List<List<String>> rows = new ArrayList<>();
            try (CSVParser parser = CSVParser.parse(new StringReader(new String(bytes, StandardCharsets.UTF_8)), CSVFormat.RFC4180)) {
                for (CSVRecord r : parser) rows.add(List.of(r.values()));
            }
            StringBuilder sb = new StringBuilder();
            for (List<String> row : change.apply(rows)) {
                for (int i = 0; i < row.size(); i++) {
                    if (i > 0) sb.append(',');
                    sb.append(style.cell(row.get(i)));
                }
                sb.append(style.eol());
            }
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        });
    }

    private static List<Path> tables(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> tables = files.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
            assertNotEquals(0, tables.size(), "no tables in " + dir);
            return tables;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
