package org.ibcr.kg.write;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFFormat;

/** The formats the converter writes, with their file extensions and Jena writers. */
public enum RdfFormat {
    TURTLE("turtle", "ttl", Lang.TURTLE, RDFFormat.TURTLE_PRETTY),
    NTRIPLES("ntriples", "nt", Lang.NTRIPLES, RDFFormat.NTRIPLES_UTF8),
    JSONLD("jsonld", "jsonld", Lang.JSONLD, RDFFormat.JSONLD11_FLAT),
    RDFXML("rdfxml", "rdf", Lang.RDFXML, RDFFormat.RDFXML_PLAIN),
    TRIG("trig", "trig", Lang.TRIG, RDFFormat.TRIG_PRETTY);

    private final String name;
    private final String extension;
    private final Lang lang;
    private final RDFFormat jenaFormat;

    RdfFormat(String name, String extension, Lang lang, RDFFormat jenaFormat) {
        this.name = name;
        this.extension = extension;
        this.lang = lang;
        this.jenaFormat = jenaFormat;
    }

    /** The name used on the command line, such as {@code turtle}. */
    public String formatName() {
        return name;
    }

    public String extension() {
        return extension;
    }

    public Lang lang() {
        return lang;
    }

    RDFFormat jenaFormat() {
        return jenaFormat;
    }

    /** Whether this format keeps named graphs apart. */
    public boolean isQuads() {
        return this == TRIG;
    }

    public static Optional<RdfFormat> byName(String name) {
        for (RdfFormat f : values()) if (f.name.equalsIgnoreCase(name)) return Optional.of(f);
        return Optional.empty();
    }

    /** The format a file name implies, ignoring a final {@code .gz}: {@code out.nt.gz} is N-Triples. */
    public static Optional<RdfFormat> byFileName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) name = name.substring(0, name.length() - 3);
        if (name.endsWith(".json")) return Optional.of(JSONLD);
        if (name.endsWith(".owl") || name.endsWith(".xml")) return Optional.of(RDFXML);
        for (RdfFormat f : values()) if (name.endsWith("." + f.extension)) return Optional.of(f);
        return Optional.empty();
    }

    /** Whether a file name asks for gzip compression. */
    public static boolean isGzip(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }
}
