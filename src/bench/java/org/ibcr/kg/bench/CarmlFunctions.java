package org.ibcr.kg.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.univocity.parsers.common.record.Record;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;

import io.carml.engine.function.FnoFunction;
import io.carml.engine.function.FnoParam;

/**
 * The FnO functions the RML mapping {@code rml/ibcr.rml.ttl} calls where plain RML cannot say what our converter
 * does: triples that depend on a type code, values with a fallback, vocabulary terms made from codes, and IRIs of
 * references whose kind depends on the table the id is in (a participation's agent is an organisation, a group or
 * a person). Registered with CARML's mapper; each returns {@code null} for "no term", so CARML writes no triple.
 *
 * <p>The reference index reads only the id (and organisation type) columns of the tables, with univocity, the CSV
 * parser CARML itself uses, once, on first use: the same look-up our reader does before converting.
 *
 * <pre>{@code
 * RdfRmlMapper.builder().addFunctions(CarmlFunctions.over(Path.of("data")))...
 * }</pre>
 */
public final class CarmlFunctions {
    static final String FN = "https://w3id.org/ibcr/bench/fn#";
    private static final String IBCR = "https://w3id.org/ibcr/ontology#";

    private final Path dataDir;
    // table name -> id -> IRI path segment of its kind; built on first use
    private Map<String, Map<String, String>> kinds;
    private String sourceDocument;
    private Map<String, String> milestoneSections;
    // section id -> {heading, heading_fr}
    private Map<String, String[]> headings;

    private CarmlFunctions(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** The functions over the tables of {@code dataDir}, the folder the mapping's sources are resolved in. */
    public static CarmlFunctions over(Path dataDir) {
        return new CarmlFunctions(Objects.requireNonNull(dataDir, "dataDir"));
    }

    /** {@code then} when {@code value} is one of the space-separated {@code codes}. */
    @FnoFunction(FN + "ifIn")
    public String ifIn(@FnoParam(FN + "value") String value, @FnoParam(FN + "codes") String codes,
            @FnoParam(FN + "then") String then) {
        return value != null && among(value, codes) ? then : null;
    }

    /** {@code then} when {@code value} is given and none of the space-separated {@code codes}. */
    @FnoFunction(FN + "ifNotIn")
    public String ifNotIn(@FnoParam(FN + "value") String value, @FnoParam(FN + "codes") String codes,
            @FnoParam(FN + "then") String then) {
        return value != null && !among(value, codes) ? then : null;
    }

    /** {@code then} when {@code value} is empty. */
    @FnoFunction(FN + "ifAbsent")
    public String ifAbsent(@FnoParam(FN + "value") String value, @FnoParam(FN + "then") String then) {
        return empty(value) ? then : null;
    }

    /** {@code then} when {@code value} is given. */
    @FnoFunction(FN + "ifPresent")
    public String ifPresent(@FnoParam(FN + "value") String value, @FnoParam(FN + "then") String then) {
        return empty(value) ? null : then;
    }

    /** {@code then} when {@code value} or {@code other} is given. */
    @FnoFunction(FN + "ifEitherPresent")
    public String ifEitherPresent(@FnoParam(FN + "value") String value, @FnoParam(FN + "other") String other,
            @FnoParam(FN + "then") String then) {
        return empty(value) && empty(other) ? null : then;
    }

    /** The IRI of the source document (dataset.csv's {@code source}) when {@code value} is empty, else {@code value}. */
    @FnoFunction(FN + "orSource")
    public String orSource(@FnoParam(FN + "value") String value) {
        return empty(value) ? sourceDocument() : value;
    }

    /** The ontology's term for a code: {@code more-than} is {@code ibcr:moreThan}. */
    @FnoFunction(FN + "vocab")
    public String vocab(@FnoParam(FN + "value") String code) {
        if (empty(code)) return null;
        StringBuilder local = new StringBuilder(code.length());
        boolean upper = false;
        for (char c : code.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                local.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return IBCR + local;
    }

    /** {@code prefix + kind + "/" + id}, the kind found in the first of the space-separated tables holding the id. */
    @FnoFunction(FN + "ref")
    public String ref(@FnoParam(FN + "value") String id, @FnoParam(FN + "tables") String tables,
            @FnoParam(FN + "prefix") String prefix) {
        if (empty(id)) return null;
        for (String table : tables.split(" ")) {
            String kind = kinds().getOrDefault(table, Map.of()).get(id);
            if (kind != null) return prefix + kind + "/" + id;
        }
        throw new IllegalArgumentException("unknown reference '" + id + "': no such id in " + tables);
    }

    /** {@link #ref} when {@code when} is one of the space-separated {@code codes}. */
    @FnoFunction(FN + "refIf")
    public String refIf(@FnoParam(FN + "value") String id, @FnoParam(FN + "tables") String tables,
            @FnoParam(FN + "prefix") String prefix, @FnoParam(FN + "when") String when,
            @FnoParam(FN + "codes") String codes) {
        return when != null && among(when, codes) ? ref(id, tables, prefix) : null;
    }

    /** {@link #ref} when {@code when} is none of the space-separated {@code codes}. */
    @FnoFunction(FN + "refIfNot")
    public String refIfNot(@FnoParam(FN + "value") String id, @FnoParam(FN + "tables") String tables,
            @FnoParam(FN + "prefix") String prefix, @FnoParam(FN + "when") String when,
            @FnoParam(FN + "codes") String codes) {
        return when != null && !among(when, codes) ? ref(id, tables, prefix) : null;
    }

    /**
     * The IRIs of the sentences a cites cell names: {@code n} in {@code section} (when given), or {@code section/n};
     * each {@code prefix + "section/" + section + "/" + n}.
     */
    @FnoFunction(FN + "cites")
    public List<String> cites(@FnoParam(FN + "value") String cites, @FnoParam(FN + "section") String section,
            @FnoParam(FN + "prefix") String prefix) {
        List<String> iris = new ArrayList<>();
        if (empty(cites)) return iris;
        for (String token : cites.split("[\\s,;]+")) {
            if (token.isEmpty()) continue;
            int slash = token.lastIndexOf('/');
            String in = slash < 0 ? section : token.substring(0, slash);
            if (empty(in)) throw new IllegalArgumentException("sentence '" + token + "' names no section");
            iris.add(prefix + "section/" + in + "/" + token.substring(slash + 1));
        }
        return iris;
    }

    /** {@link #cites} in the section of {@code milestone} (milestones.csv's {@code section}). */
    @FnoFunction(FN + "citesOf")
    public List<String> citesOf(@FnoParam(FN + "value") String cites, @FnoParam(FN + "milestone") String milestone,
            @FnoParam(FN + "prefix") String prefix) {
        return cites(cites, milestoneSections().get(milestone), prefix);
    }

    /** The IRI of a link's target, whose kind follows from the relation (milestone_links.csv, work_links.csv). */
    @FnoFunction(FN + "target")
    public String target(@FnoParam(FN + "when") String relation, @FnoParam(FN + "value") String target,
            @FnoParam(FN + "prefix") String prefix) {
        if (empty(relation) || empty(target)) return null;
        return switch (relation) {
            case "location" -> ref(target, "cities countries regions", prefix);
            case "establishes" -> ref(target, "organisations", prefix);
            case "produced-by", "adopted-by", "addressed-to" -> ref(target, "organisations people", prefix);
            case "topic" -> prefix + "topic/" + target;
            case "continues" -> prefix + "milestone/" + target;
            default -> prefix + "work/" + target; // outcome, concerns, on-a-par-with, derived-from, implements
        };
    }

    /**
     * A sentence's label, as our converter names it from its section's heading: sentence 0 is the heading, the others
     * are numbered ("The beginnings, sentence 1", "Les débuts, phrase 1"); French falls back on the English heading.
     */
    @FnoFunction(FN + "sentenceLabel")
    public String sentenceLabel(@FnoParam(FN + "section") String section, @FnoParam(FN + "n") String n,
            @FnoParam(FN + "lang") String lang) {
        String[] h = headings().getOrDefault(section, new String[] {section, ""});
        boolean fr = "fr".equals(lang);
        String heading = fr && !empty(h[1]) ? h[1] : h[0];
        if ("0".equals(n)) return heading + (fr ? ", titre" : ", heading");
        return heading + (fr ? ", phrase " : ", sentence ") + n;
    }

    private synchronized Map<String, String[]> headings() {
        if (headings == null) {
            Map<String, String[]> index = new HashMap<>();
            read("sections", row -> index.put(row.getString("id"), new String[] {row.getString("heading"), row.getString("heading_fr")}));
            headings = index;
        }
        return headings;
    }

    private synchronized Map<String, String> milestoneSections() {
        if (milestoneSections == null) {
            Map<String, String> index = new HashMap<>();
            read("milestones", row -> index.put(row.getString("id"), row.getString("section")));
            milestoneSections = index;
        }
        return milestoneSections;
    }

    private static boolean among(String value, String codes) {
        return Arrays.asList(codes.split(" ")).contains(value);
    }

    private static boolean empty(String value) {
        return value == null || value.isEmpty();
    }

    private synchronized Map<String, Map<String, String>> kinds() {
        if (kinds == null) {
            Map<String, Map<String, String>> index = new HashMap<>();
            for (String[] table : new String[][] {{"regions", "region"}, {"countries", "country"}, {"cities", "city"},
                    {"people", "person"}, {"organisations", null}}) {
                Map<String, String> ids = new HashMap<>();
                read(table[0], row -> ids.put(row.getString("id"),
                        table[1] != null ? table[1] : "group".equals(row.getString("type")) ? "group" : "organisation"));
                index.put(table[0], ids);
            }
            kinds = index;
        }
        return kinds;
    }

    private synchronized String sourceDocument() {
        if (sourceDocument == null) read("dataset", row -> sourceDocument = row.getString("source"));
        return sourceDocument;
    }

    private void read(String table, java.util.function.Consumer<Record> action) {
        CsvParserSettings settings = new CsvParserSettings();
        settings.setHeaderExtractionEnabled(true);
        settings.setLineSeparatorDetectionEnabled(true);
        CsvParser parser = new CsvParser(settings);
        // a stream, not a reader, so that univocity skips a byte order mark as it does for CARML's own sources
        try (InputStream in = Files.newInputStream(dataDir.resolve(table + ".csv"))) {
            parser.iterateRecords(in, StandardCharsets.UTF_8).forEach(action);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
