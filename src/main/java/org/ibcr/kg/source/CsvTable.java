package org.ibcr.kg.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One CSV table of the data folder: RFC 4180, UTF-8, a header row naming exactly the expected columns
 * (in any order). Accepts what spreadsheets write: a UTF-8 byte order mark, CRLF line ends, blank
 * lines and rows of empty cells, spaces around cells (trimmed). Everything else that is wrong stops
 * the read with a {@link DataException} naming file, line and column.
 *
 * <pre>{@code
 * try (Stream<CsvRow> rows = CsvTable.of(dir.resolve("roles.csv"), "data/roles.csv", List.of("id", "label_en")).rows()) {
 *     rows.forEach(row -> System.out.println(row.slug("id")));
 * }
 * }</pre>
 */
public final class CsvTable {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setTrim(true)
            .setIgnoreSurroundingSpaces(true) // so that a quoted cell may have spaces around it too
            .setIgnoreEmptyLines(false) // blank lines are skipped below, keeping line numbers exact
            .get();

    private final Path path;
    private final String displayName;
    private final List<String> columns;
    private final List<String> optionalColumns;

    private CsvTable(Path path, String displayName, List<String> columns, List<String> optionalColumns) {
        this.path = path;
        this.displayName = displayName;
        this.columns = columns;
        this.optionalColumns = optionalColumns;
    }

    /**
     * @param path        the file
     * @param displayName how errors name the file, such as {@code data/milestones.csv}
     * @param columns     the columns the header must have
     */
    public static CsvTable of(Path path, String displayName, List<String> columns) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(columns, "columns");
        return new CsvTable(path, displayName, List.copyOf(columns), List.of());
    }

    /**
     * As {@link #of(Path, String, List)}, with columns the header may also name or leave out: a row of a
     * header without them reads them as empty cells.
     */
    public static CsvTable of(Path path, String displayName, List<String> columns, List<String> optionalColumns) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(displayName, "displayName");
        return new CsvTable(path, displayName, List.copyOf(columns), List.copyOf(optionalColumns));
    }

    public String displayName() {
        return displayName;
    }

    /** The data rows, read lazily; close the stream to close the file. */
    public Stream<CsvRow> rows() {
        CSVParser parser;
        try {
            parser = CSVParser.parse(openWithoutBom(), FORMAT);
        } catch (NoSuchFileException e) {
            throw new DataException(displayName, 0, 0, null, "table is missing");
        } catch (IOException e) {
            throw new DataException(displayName, 0, 0, null, "cannot read: " + e.getMessage());
        }
        RowIterator iterator = new RowIterator(parser);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false)
                .onClose(() -> {
                    try {
                        parser.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private Reader openWithoutBom() throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(path));
        in.mark(3);
        byte[] head = in.readNBytes(3);
        if (!(head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF)) {
            in.reset();
        }
        // a strict decoder: a bad byte stops the read, and Utf8Scan then finds its line and column
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder());
    }

    private final class RowIterator implements Iterator<CsvRow> {
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private Map<String, Integer> header;
        private int width;
        private long lastLine;
        private CsvRow next;

        RowIterator(CSVParser parser) {
            this.parser = parser;
            this.records = parser.iterator();
        }

        @Override
        public boolean hasNext() {
            if (next != null) return true;
            if (header == null) readHeader();
            while (true) {
                CSVRecord record = nextRecord();
                if (record == null) return false;
                long line = lastLine + 1;
                lastLine = parser.getCurrentLineNumber();
                if (isBlank(record)) continue;
                if (record.size() != width) {
                    throw new DataException(displayName, line, 0, null, "row has " + record.size()
                            + " cells but the header has " + width
                            + (record.size() < width ? " (a missing comma or an unquoted line break?)"
                                                             : " (a comma inside a cell that is not quoted?)"));
                }
                next = new CsvRow(displayName, line, header, record.values());
                return true;
            }
        }

        @Override
        public CsvRow next() {
            if (!hasNext()) throw new NoSuchElementException();
            CsvRow row = next;
            next = null;
            return row;
        }

        private CSVRecord nextRecord() {
            try {
                return records.hasNext() ? records.next() : null;
            } catch (UncheckedIOException | IllegalStateException e) {
                if (e.getCause() instanceof CharacterCodingException) {
                    // the reader decodes ahead in buffers: scan the file to blame the right line and column
                    Utf8Scan.check(path, displayName);
                }
                // commons-csv reports a malformed row as an I/O problem, wrapped; its message is the cause's.
                String detail = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
                String reason;
                if (detail != null && detail.contains("EOF reached before encapsulated token finished")) {
                    reason = "a quoted cell is never closed (unbalanced double quote)";
                } else if (detail != null && detail.contains("Invalid character between encapsulated token and delimiter")) {
                    reason = "text after the closing double quote of a cell; inside a quoted cell, write a double quote as two (\"\")";
                } else {
                    reason = "malformed CSV: " + detail;
                }
                throw new DataException(displayName, lastLine + 1, 0, null, reason);
            }
        }

        private void readHeader() {
            CSVRecord first;
            do {
                first = nextRecord();
                if (first == null) {
                    throw new DataException(displayName, 0, 0, null,
                            "table is empty; it needs at least the header row: " + String.join(",", columns));
                }
                lastLine = parser.getCurrentLineNumber();
            } while (isBlank(first));
            String[] names = first.values();
            if (names.length == 1 && columns.size() > 1) {
                for (String sep : List.of(";", "\t", "|")) {
                    if (names[0].contains(sep)) {
                        throw new DataException(displayName, lastLine, 0, null, "the header is separated by '"
                                + (sep.equals("\t") ? "\\t" : sep) + "'; tables are comma-separated (RFC 4180)");
                    }
                }
            }
            Map<String, Integer> found = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                String name = names[i];
                if (!columns.contains(name) && !optionalColumns.contains(name)) {
                    throw new DataException(displayName, lastLine, i + 1, name.isEmpty() ? null : name,
                            "unknown column '" + name + "'; expected " + String.join(", ", columns)
                            + (optionalColumns.isEmpty() ? "" : " (and optionally " + String.join(", ", optionalColumns) + ")"));
                }
                if (found.put(name, i) != null) {
                    throw new DataException(displayName, lastLine, i + 1, name, "column '" + name + "' appears twice");
                }
            }
            List<String> missing = new ArrayList<>(new LinkedHashSet<>(columns));
            missing.removeAll(found.keySet());
            if (!missing.isEmpty()) {
                throw new DataException(displayName, lastLine, 0, null,
                        "missing column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing));
            }
            width = found.size();
            for (String optional : optionalColumns) found.putIfAbsent(optional, CsvRow.ABSENT);
            header = found;
        }

        private boolean isBlank(CSVRecord record) {
            for (String v : record.values()) if (!v.isEmpty()) return false;
            return true;
        }
    }
}
