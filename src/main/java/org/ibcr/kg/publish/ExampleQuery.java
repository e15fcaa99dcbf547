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

    /** The first line of the opening comment (without a leading "Question:"), or the file name. */
    static String title(String text, String fallback) {
        for (String line : text.split("\\R")) {
            String t = line.strip();
            if (!t.startsWith("#")) break;
            String words = t.replaceFirst("^#+", "").strip().replaceFirst("^(?i)question:\\s*", "");
            if (!words.isEmpty()) return words;
        }
        return fallback;
    }
}
