package org.ibcr.kg.source;

import java.math.BigDecimal;
import java.time.Year;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import org.ibcr.kg.model.Coded;
import org.ibcr.kg.model.FrenchTypography;
import org.ibcr.kg.model.Origin;
import org.ibcr.kg.model.Text;

/** One data row of a {@link CsvTable}, with typed getters that report bad cells by file, line and column. */
public final class CsvRow {
    /** Ids become IRI path segments: lower-case ASCII words joined by hyphens, safe in any IRI. */
    /** What an id may be; {@link #isSlug} checks it without the regex engine. */
    static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern YEAR = Pattern.compile("[0-9]{4}");
    private static final int MAX_SLUG = 120;
    /** The index of an optional column the header leaves out: its cells read as empty. */
    static final int ABSENT = -1;
    /** The suffix of the columns in French, whose text follows French typography ({@link FrenchTypography}). */
    private static final String FRENCH = "_fr";

    private final String file;
    private final long line;
    private final Map<String, Integer> header;
    private final String[] cells;

    CsvRow(String file, long line, Map<String, Integer> header, String[] cells) {
        this.file = file;
        this.line = line;
        this.header = header;
        this.cells = cells;
    }

    public Origin origin() {
        return new Origin(file, line);
    }

    /** An error about one cell of this row. */
    public DataException error(String column, String message) {
        Integer index = header.get(column);
        return new DataException(file, line, index == null || index == ABSENT ? 0 : index + 1, column, message);
    }

    public Optional<String> optional(String column) {
        Integer index = header.get(column);
        if (index == null) throw new IllegalArgumentException("no column " + column);
        if (index == ABSENT) return Optional.empty();
        String value = cells[index];
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw error(column, String.format("control character U+%04X in cell", (int) c));
            }
        }
        if (column.endsWith(FRENCH)) {
            FrenchTypography.firstFault(value).ifPresent(f -> {
                throw error(column, f.message());
            });
        }
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public String required(String column) {
        return optional(column).orElseThrow(() -> error(column, "required cell is empty"));
    }

    public String slug(String column) {
        return checkSlug(column, required(column));
    }

    private String checkSlug(String column, String value) {
        if (!isSlug(value) || value.length() > MAX_SLUG) {
            throw error(column, "'" + value + "' is not a valid id: use lower-case letters a-z, digits and single "
                    + "hyphens (at most " + MAX_SLUG + " characters), since ids become IRIs");
        }
        return value;
    }

    /** {@link #SLUG} without a regex engine: every id of every row goes through here. */
    static boolean isSlug(String value) {
        int n = value.length();
        if (n == 0) return false;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == '-') {
                if (i == 0 || i == n - 1 || value.charAt(i - 1) == '-') return false;
            } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    public Optional<Year> year(String column) {
        return optional(column).map(v -> {
            if (!YEAR.matcher(v).matches()) throw error(column, "'" + v + "' is not a year (four digits, such as 2005)");
            return Year.of(Integer.parseInt(v));
        });
    }

    public OptionalInt integer(String column, int min) {
        Optional<String> v = optional(column);
        if (v.isEmpty()) return OptionalInt.empty();
        try {
            int n = Integer.parseInt(v.get());
            if (n < min) throw error(column, "'" + v.get() + "' is below " + min);
            return OptionalInt.of(n);
        } catch (NumberFormatException e) {
            throw error(column, "'" + v.get() + "' is not a whole number");
        }
    }

    public Optional<BigDecimal> decimal(String column, double min, double max) {
        return optional(column).map(v -> {
            BigDecimal d;
            try {
                d = new BigDecimal(v);
            } catch (NumberFormatException e) {
                throw error(column, "'" + v + "' is not a decimal number");
            }
            if (d.doubleValue() < min || d.doubleValue() > max) {
                throw error(column, "'" + v + "' is outside " + min + " to " + max);
            }
            return d;
        });
    }

    public Optional<String> matching(String column, Pattern pattern, String expected) {
        return optional(column).map(v -> {
            if (!pattern.matcher(v).matches()) throw error(column, "'" + v + "' is not " + expected);
            return v;
        });
    }

    public <E extends Enum<E> & Coded> E code(String column, Class<E> type) {
        String v = required(column);
        for (E e : type.getEnumConstants()) if (e.code().equals(v)) return e;
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) allowed.append(allowed.length() == 0 ? "" : ", ").append(e.code());
        throw error(column, "'" + v + "' is not one of: " + allowed);
    }

    /** An English text from {@code column_en}, required, and its French version from {@code column_fr}, optional. */
    public Text text(String prefix) {
        return new Text(required(prefix + "_en"), optional(prefix + "_fr"));
    }
}
