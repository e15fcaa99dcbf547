package org.ibcr.kg.cli;

import java.util.Locale;

import picocli.CommandLine.Option;

/** {@code --output} and {@code --format} for query results ({@code query}). */
final class ResultOutput extends OutputOptions {
    /** How SELECT and ASK results are written; CONSTRUCT and DESCRIBE always give Turtle. */
    enum Format { table, csv, tsv, json }

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "Result format for SELECT and ASK: ${COMPLETION-CANDIDATES} (default: from the file extension "
                    + ".csv .tsv .json, else table).")
    Format format;

    /** The format asked for, or the one the file's extension names; a table otherwise. */
    Format format() {
        if (format != null) return format;
        if (file() != null) {
            String name = file().getFileName().toString().toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
            for (Format f : Format.values()) if (f != Format.table && name.endsWith("." + f.name())) return f;
        }
        return Format.table;
    }
}
