package org.ibcr.kg.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A ready example for the query page: one {@code .rq} file of {@code queries/}, titled by the question its
 * opening comment asks.
 */
public record ExampleQuery(String name, String title, String text) {
    public ExampleQuery {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
    }

    /** Every {@code .rq} file of a folder, by file name; none when the folder is absent. */
    public static List<ExampleQuery> fromFolder(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".rq")).sorted()
                    .map(ExampleQuery::read).toList();
        }
    }

    private static ExampleQuery read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String name = file.getFileName().toString();
            return new ExampleQuery(name, title(text, name), text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The question in a language: its "Question (fr):" paragraph for French, where the file has one; else {@link #title()}. */
    public String title(String lang) {
        if (lang.equals("en")) return title;
        String translated = question(text, "question (" + lang + "):");
        return translated == null ? title : translated;
    }

    /** The opening comment's question (without its leading "Question:"), or the file name. */
    static String title(String text, String fallback) {
        String question = question(text, "question:");
        if (question != null) return question;
        for (String line : text.split("\\R")) {
            String t = line.strip();
            if (!t.startsWith("#")) break;
            String words = t.replaceFirst("^#+", "").strip();
            if (!words.isEmpty()) return words;
        }
        return fallback;
    }

    /**
     * The paragraph of the opening comment that starts with {@code marker} (case aside), its lines joined, up to a
     * blank comment line or the next "Question" paragraph; null where there is none.
     */
    private static String question(String text, String marker) {
        StringBuilder out = null;
        for (String line : text.split("\\R")) {
            String t = line.strip();
            if (!t.startsWith("#")) break;
            String words = t.replaceFirst("^#+", "").strip();
            if (out == null) {
                if (words.toLowerCase(java.util.Locale.ROOT).startsWith(marker)) out = new StringBuilder(words.substring(marker.length()).strip());
            } else if (words.isEmpty() || words.toLowerCase(java.util.Locale.ROOT).startsWith("question")) {
                break;
            } else {
                out.append(' ').append(words);
            }
        }
        return out == null || out.isEmpty() ? null : out.toString();
    }
}
