package org.ibcr.kg.source;

import java.util.Objects;

/**
 * A problem in the curated data, located as precisely as the input allows:
 * {@code data/milestones.csv:12:5 (start_year): '19x5' is not a year}.
 */
public final class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final int column;
    private final String field;

    /**
     * @param file   the file as the user named it
     * @param line   1-based line, or 0 when the problem concerns the whole file
     * @param column 1-based column, or 0 when unknown
     * @param field  the column's header name, or null
     */
    public DataException(String file, long line, int column, String field, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.column = column;
        this.field = field;
    }

    public String file() { return file; }
    public long line() { return line; }
    public int column() { return column; }
    public String field() { return field; }

    /** The location and message as one line, in the {@code file:line:column} form editors understand. */
    public String describe() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) sb.append(':').append(line);
        if (column > 0) sb.append(':').append(column);
        if (field != null) sb.append(" (").append(field).append(')');
        return sb.append(": ").append(getMessage()).toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
