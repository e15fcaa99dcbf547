package org.ibcr.kg.cli;

import org.ibcr.kg.write.RdfFormat;

import picocli.CommandLine.Option;

/** {@code --output} and {@code --format} for RDF ({@code convert}). */
final class RdfOutput extends OutputOptions {
    /** The format names of {@code --format}. */
    static final class Formats extends Choice<RdfFormat> {
        Formats() {
            super("format", RdfFormat.values(), RdfFormat::formatName, RdfFormat::byName);
        }
    }

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", converter = Formats.class, completionCandidates = Formats.class,
            description = "${COMPLETION-CANDIDATES} (default: from the file name: .ttl .nt .jsonld .rdf .trig, "
                    + "a final .gz compresses; else turtle).")
    RdfFormat format;

    /** The format asked for, or the one the file name implies; Turtle on standard output. */
    RdfFormat format() {
        if (format != null) return format;
        if (file() == null) return RdfFormat.TURTLE;
        return RdfFormat.byFileName(file()).orElseThrow(() -> usage("Cannot tell the format from '" + file().getFileName()
                + "': use an extension .ttl .nt .jsonld .rdf .trig (optionally .gz), or --format " + new Formats().names()));
    }
}
