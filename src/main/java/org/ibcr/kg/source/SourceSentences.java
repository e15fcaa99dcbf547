package org.ibcr.kg.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.ibcr.kg.model.Records.Section;

/**
 * Finds the sentences of the source document and their positions, the way {@code data/sentences.csv} records
 * them, so that the table can be made again from the source and checked against it. Only positions come
 * out: the source's words stay in the source.
 *
 * <p>The document is read line by line. A line that is the heading of the next section of
 * {@code sections.csv} (in their order, a trailing colon aside) starts that section and is its sentence 0;
 * every other line that is not blank is split into sentences by the JDK's English sentence
 * {@link BreakIterator}, numbered 1, 2... within the section. A sentence's span leaves out the white space
 * and list bullets around it. Offsets count Unicode code points from the start of the document, end
 * exclusive, as a W3C Web Annotation {@code TextPositionSelector} does.
 *
 * <p>The JDK's iterator knows no abbreviations: it ends a sentence after "Dr." as after any full stop
 * followed by a capital. The table keeps its segmentation as it is, so that anyone can make it again.
 *
 * <pre>{@code
 * List<SourceSentences.Position> positions = SourceSentences.of(sections).derive(Path.of("../shared/source/ibcr-history.txt"));
 * }</pre>
 */
public final class SourceSentences {
    /** One sentence of the document: its section, number there, and code point offsets. */
    public record Position(String section, int n, int start, int end) {}

    private final List<Section> sections;

    private SourceSentences(List<Section> sections) {
        this.sections = sections;
    }

    /** @param sections the sections of the document, in any order (they are taken by position) */
    public static SourceSentences of(List<Section> sections) {
        Objects.requireNonNull(sections, "sections");
        List<Section> sorted = new ArrayList<>(sections);
        sorted.sort((a, b) -> Integer.compare(a.position(), b.position()));
        return new SourceSentences(List.copyOf(sorted));
    }

    /**
     * The sentences of a source document.
     *
     * @throws DataException when the file cannot be read as UTF-8, or a section's heading is not found
     */
    public List<Position> derive(Path source) {
        Objects.requireNonNull(source, "source");
        String text;
        try {
            // strict: a byte that is not UTF-8 is an error, not a replacement character that shifts no offset
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(source))).toString();
        } catch (NoSuchFileException e) {
            throw new DataException(source.toString(), 0, 0, null, "the source document is missing");
        } catch (CharacterCodingException e) {
            throw new DataException(source.toString(), 0, 0, null, "the source document is not UTF-8");
        } catch (IOException e) {
            throw new DataException(source.toString(), 0, 0, null, "cannot read: " + e.getMessage());
        }
        return derive(text, source.toString());
    }

    /** The sentences of a document's text; {@code name} names it in errors. */
    public List<Position> derive(String text, String name) {
        List<Position> out = new ArrayList<>();
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        int next = 0; // the next section whose heading is awaited
        String section = null;
        int n = 0;
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = text.length();
            String line = text.substring(lineStart, lineEnd);
            if (!line.isBlank()) {
                if (next < sections.size() && isHeading(line, sections.get(next).heading().en())) {
                    section = sections.get(next++).id();
                    n = 0;
                    out.add(span(text, section, n++, lineStart, lineEnd));
                } else if (section == null) {
                    throw new DataException(name, lineNumber(text, lineStart), 0, null,
                            "text before the heading of the first section ('" + sections.get(0).heading().en() + "')");
                } else {
                    sentences.setText(line);
                    for (int s = sentences.first(), e = sentences.next(); e != BreakIterator.DONE; s = e, e = sentences.next()) {
                        Position p = span(text, section, n, lineStart + s, lineStart + e);
                        if (p != null) {
                            out.add(p);
                            n++;
                        }
                    }
                }
            }
            lineStart = lineEnd + 1;
        }
        if (next < sections.size()) {
            throw new DataException(name, 0, 0, null, "the heading of section '" + sections.get(next).id() + "' ('"
                    + sections.get(next).heading().en() + "') is not on a line of its own after the sections before it");
        }
        return out;
    }

    private static boolean isHeading(String line, String heading) {
        String t = trim(line);
        if (t.endsWith(":")) t = trim(t.substring(0, t.length() - 1));
        return t.equals(heading);
    }

    /** Without white space at either end, no-break spaces included (the page writes "2003&nbsp;:"). */
    private static String trim(String s) {
        int from = 0, to = s.length();
        while (from < to && isPadding(s.charAt(from))) from++;
        while (to > from && isSpace(s.charAt(to - 1))) to--;
        return s.substring(from, to);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** The sentence between {@code from} and {@code to} without the spaces and bullets around it, or null if nothing is left. */
    private static Position span(String text, String section, int n, int from, int to) {
        while (from < to && isPadding(text.charAt(from))) from++;
        while (to > from && isSpace(text.charAt(to - 1))) to--;
        if (from == to) return null;
        return new Position(section, n, text.codePointCount(0, from), text.codePointCount(0, to));
    }

    private static boolean isPadding(char c) {
        return isSpace(c) || c == '\u2022' || c == '\u2023' || c == '\u25E6' || c == '\u2043';
    }

    private static long lineNumber(String text, int offset) {
        return text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }
}
