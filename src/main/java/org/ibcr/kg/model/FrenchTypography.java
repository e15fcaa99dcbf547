package org.ibcr.kg.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The spaces French prose puts around its punctuation, as the <i>Lexique des règles typographiques en usage à
 * l'Imprimerie nationale</i> sets them: a no-break space (U+00A0) before {@code :} and inside {@code « »}; a narrow
 * no-break space (U+202F) before {@code ;}, {@code !} and {@code ?}. Every French text we publish follows it: the data's
 * French cells (checked when the tables are read), the ontology's French literals and the site's French messages
 * (checked by tests).
 *
 * <p>Only punctuation of prose counts: a mark followed by a letter or a digit is part of an identifier or a number
 * ({@code rdf:Statement}, {@code http://}, {@code ?lang=fr}, {@code 12:30}, {@code 1:110m}) and is left alone, and so is
 * the second mark of a group such as {@code ?!}.
 *
 * <pre>{@code
 * FrenchTypography.firstFault("Les débuts : 1995").ifPresent(f -> System.out.println(f.message()));
 * String fixed = FrenchTypography.apply("Les débuts : 1995");   // "Les débuts\u00a0: 1995"
 * }</pre>
 */
public final class FrenchTypography {
    /** Before {@code :}, after {@code «} and before {@code »}. */
    public static final char NO_BREAK_SPACE = '\u00A0';
    /** Before {@code ;}, {@code !} and {@code ?}. */
    public static final char NARROW_NO_BREAK_SPACE = '\u202F';

    private static final String MARKS = ":;!?";
    /** What may follow a mark that ends a clause, beside white space and the end of the text. */
    private static final String AFTER_MARK = ")]}»\"”’'.,…";

    private FrenchTypography() {}

    /**
     * A place where a text breaks the convention.
     *
     * @param offset  the index in the text of the character that needs a different space before or after it
     * @param message what is wrong and what to write, for a person editing the text
     */
    public record Fault(int offset, String message) {}

    /** The space that goes before a mark of prose ({@code :}, {@code ;}, {@code !}, {@code ?}). */
    public static char spaceBefore(char mark) {
        if (MARKS.indexOf(mark) < 0) throw new IllegalArgumentException("not a mark: " + mark);
        return mark == ':' ? NO_BREAK_SPACE : NARROW_NO_BREAK_SPACE;
    }

    /** The first place where {@code text} breaks the convention, if any. */
    public static Optional<Fault> firstFault(CharSequence text) {
        Objects.requireNonNull(text, "text");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isProseMark(text, i)) {
                char wanted = spaceBefore(c);
                if (text.charAt(i - 1) != wanted) return Optional.of(new Fault(i, "'" + c + "' " + where(text, i) + " needs " + name(wanted)
                        + " before it, not " + found(text.charAt(i - 1)) + " (French typography: U+00A0 before ':' and inside « », U+202F before ; ! ?)"));
            } else if (c == '«' && (i + 1 >= text.length() || text.charAt(i + 1) != NO_BREAK_SPACE)) {
                return Optional.of(new Fault(i, "'«' " + where(text, i) + " needs " + name(NO_BREAK_SPACE) + " after it, not "
                        + (i + 1 >= text.length() ? "the end of the text" : found(text.charAt(i + 1))) + " (French typography)"));
            } else if (c == '»' && (i == 0 || text.charAt(i - 1) != NO_BREAK_SPACE)) {
                return Optional.of(new Fault(i, "'»' " + where(text, i) + " needs " + name(NO_BREAK_SPACE) + " before it, not "
                        + (i == 0 ? "the start of the text" : found(text.charAt(i - 1))) + " (French typography)"));
            }
        }
        return Optional.empty();
    }

    /**
     * The text with the spaces of the convention: a plain or wrong space before a mark of prose or inside guillemets is
     * replaced, a missing one is added. For French built from parts, and to mend a text {@link #firstFault} refused.
     */
    public static String apply(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isProseMark(text, i) || c == '»' && i > 0) {
                char wanted = c == '»' ? NO_BREAK_SPACE : spaceBefore(c);
                int last = out.length() - 1;
                if (isSpace(out.charAt(last))) out.setCharAt(last, wanted);
                else out.append(wanted);
                out.append(c);
            } else if (c == '«' && i + 1 < text.length()) {
                out.append(c).append(NO_BREAK_SPACE);
                if (isSpace(text.charAt(i + 1))) i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A mark that ends a clause: not the first character, not after another mark, and followed by a space, a closing sign or the end. */
    private static boolean isProseMark(CharSequence text, int i) {
        char c = text.charAt(i);
        if (MARKS.indexOf(c) < 0 || i == 0 || MARKS.indexOf(text.charAt(i - 1)) >= 0) return false;
        if (i + 1 == text.length()) return true;
        char next = text.charAt(i + 1);
        return Character.isWhitespace(next) || isSpace(next) || AFTER_MARK.indexOf(next) >= 0 || MARKS.indexOf(next) >= 0;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == NO_BREAK_SPACE || c == NARROW_NO_BREAK_SPACE || c == '\u2009' || c == '\t';
    }

    private static String where(CharSequence text, int i) {
        int from = Math.max(0, i - 20);
        int to = Math.min(text.length(), i + 10);
        return "at character " + (i + 1) + " (\"" + (from > 0 ? "…" : "") + text.subSequence(from, to).toString().replace('\n', ' ')
                + (to < text.length() ? "…" : "") + "\")";
    }

    private static String name(char space) {
        return space == NO_BREAK_SPACE ? "a no-break space (U+00A0)" : "a narrow no-break space (U+202F)";
    }

    private static String found(char c) {
        return switch (c) {
            case ' ' -> "a plain space";
            case NO_BREAK_SPACE -> "a no-break space (U+00A0)";
            case NARROW_NO_BREAK_SPACE -> "a narrow no-break space (U+202F)";
            default -> Character.isWhitespace(c) ? String.format("U+%04X", (int) c) : "no space";
        };
    }
}
