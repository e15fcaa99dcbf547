package org.ibcr.kg.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's results as Markdown: one block per section, written into performance.md between the marker
 * comments {@code <!-- bench:NAME -->} and {@code <!-- /bench:NAME -->}, so the prose around them stays as written.
 *
 * <pre>{@code
 * Report report = Report.create();
 * report.section("convert").table(List.of("scale", "triples/s"), List.of(List.of("1", "250 000")));
 * report.writeInto(Path.of("src/site/markdown/performance.md"));
 * }</pre>
 */
public final class Report {
    /** Every section the page has, in order; the harness fills each (with a "not run" note if it must). */
    public static final List<String> SECTIONS =
            List.of("machine", "targets", "convert", "convert-jmh", "validate", "load", "endpoint", "result-cache", "pages", "startup", "search", "fragments",
                    "fragments-bound", "versions", "scaling");

    private static final Pattern BLOCK = Pattern.compile("(<!-- bench:([a-z-]+) -->\\n)(.*?)(<!-- /bench:\\2 -->)", Pattern.DOTALL);

    private final Map<String, StringBuilder> sections = new LinkedHashMap<>();

    private Report() {}

    public static Report create() {
        return new Report();
    }

    /** The Markdown of section {@code name}, to append to. */
    public StringBuilder section(String name) {
        if (!SECTIONS.contains(name)) throw new IllegalArgumentException("no section " + name);
        return sections.computeIfAbsent(name, n -> new StringBuilder());
    }

    /** Appends a Markdown table to section {@code name}. */
    public void table(String name, List<String> headers, List<List<String>> rows) {
        StringBuilder sb = section(name);
        sb.append('|');
        headers.forEach(h -> sb.append(' ').append(cell(h)).append(" |"));
        sb.append("\n|");
        headers.forEach(h -> sb.append("---|"));
        sb.append('\n');
        for (List<String> row : rows) {
            if (row.size() != headers.size()) throw new IllegalArgumentException("row " + row + " does not fit " + headers);
            sb.append('|');
            row.forEach(c -> sb.append(' ').append(cell(c)).append(" |"));
            sb.append('\n');
        }
        sb.append('\n');
    }

    /** Appends a line of text to section {@code name}. */
    public void note(String name, String text) {
        section(name).append(text).append("\n\n");
    }

    /** The Markdown of every section filled so far. */
    public Map<String, String> sections() {
        Map<String, String> m = new LinkedHashMap<>();
        sections.forEach((k, v) -> m.put(k, v.toString()));
        return m;
    }

    /**
     * Replaces the content between each pair of markers in {@code page} with the section of that name. Fails if a
     * section has no markers in the page, so no result is silently dropped.
     */
    public void writeInto(Path page) throws IOException {
        Objects.requireNonNull(page, "page");
        String text = Files.readString(page, StandardCharsets.UTF_8);
        for (String name : sections.keySet()) {
            if (!text.contains("<!-- bench:" + name + " -->")) {
                throw new IOException(page + " has no markers <!-- bench:" + name + " --> ... <!-- /bench:" + name + " -->");
            }
        }
        Matcher m = BLOCK.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            StringBuilder body = sections.get(m.group(2));
            String replacement = body == null ? m.group(0) : m.group(1) + body.toString().stripTrailing() + "\n" + m.group(4);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        Path tmp = page.resolveSibling(page.getFileName() + ".tmp");
        Files.writeString(tmp, out, StandardCharsets.UTF_8);
        Files.move(tmp, page, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The data rows of the tables in block {@code name} of {@code page} (no header, no separator), cell by cell. */
    public static List<List<String>> rowsOf(Path page, String name) throws IOException {
        Matcher m = BLOCK.matcher(Files.readString(page, StandardCharsets.UTF_8));
        List<List<String>> rows = new ArrayList<>();
        while (m.find()) {
            if (!m.group(2).equals(name)) continue;
            List<String> lines = m.group(3).lines().filter(l -> l.startsWith("|")).toList();
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                boolean header = i + 1 < lines.size() && lines.get(i + 1).startsWith("|---");
                if (l.startsWith("|---") || header) continue;
                List<String> cells = new ArrayList<>();
                for (String c : l.substring(1, l.length() - 1).split("(?<!\\\\)\\|", -1)) cells.add(c.strip().replace("\\|", "|"));
                rows.add(cells);
            }
        }
        return rows;
    }

    /** Text safe in a table cell. */
    public static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ").replace("\r", "");
    }

    /** A count with thin grouping, e.g. 1 234 567. */
    public static String count(double v) {
        return String.format(Locale.ROOT, "%,d", Math.round(v)).replace(',', ' ');
    }

    /** A number with {@code digits} decimals. */
    public static String num(double v, int digits) {
        if (Double.isNaN(v)) return "–";
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    /** A ratio such as 0.83×. */
    public static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "–" : num(v, v >= 10 ? 0 : 2) + "×";
    }

    /** A new row. */
    public static List<String> row(String... cells) {
        return new ArrayList<>(List.of(cells));
    }
}
