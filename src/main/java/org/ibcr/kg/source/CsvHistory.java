package org.ibcr.kg.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.ibcr.kg.model.History;
import org.ibcr.kg.model.Kind;
import org.ibcr.kg.model.Records.*;
import org.ibcr.kg.model.Ref;
import org.ibcr.kg.model.Text;
import org.ibcr.kg.model.Types.BasisKind;
import org.ibcr.kg.model.Types.MilestoneRelation;
import org.ibcr.kg.model.Types.MilestoneType;
import org.ibcr.kg.model.Types.NoFactReason;
import org.ibcr.kg.model.Types.OrganisationType;
import org.ibcr.kg.model.Types.QuantityQualifier;
import org.ibcr.kg.model.Types.WorkRelation;
import org.ibcr.kg.model.Types.WorkType;

/**
 * The history as it is kept in a data folder of CSV tables.
 *
 * <p>{@link #open(Path)} reads the id column of every table once, to build an index of ids (checking
 * that none is repeated); the record streams then check every reference against that index as they go.
 * Memory grows with the number of ids, never with the number of rows of the link tables.
 *
 * <pre>{@code
 * History history = CsvHistory.open(Path.of("data"));
 * try (var milestones = history.milestones()) {
 *     milestones.forEach(m -> System.out.println(m.id() + " " + m.startYear()));
 * }
 * }</pre>
 */
public final class CsvHistory implements History {
    private static final Pattern WIKIDATA = Pattern.compile("Q[1-9][0-9]*");
    private static final Pattern GEONAMES = Pattern.compile("[1-9][0-9]*");
    private static final Pattern ISO_ALPHA2 = Pattern.compile("[A-Z]{2}");
    private static final Pattern ISO_NUMERIC = Pattern.compile("[0-9]{3}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    /** What separates the sentences of a cites cell: spaces (commas and semicolons are forgiven). */
    private static final Pattern CITES_SEPARATOR = Pattern.compile("[\\s,;]+");
    private static final Pattern HTTP_IRI = Pattern.compile("https?://[^\\s<>\"{}|\\\\^`]+");

    private final Path dir;
    private final String displayDir;
    private final Map<Table, Map<String, Kind>> ids = new EnumMap<>(Table.class);
    private final DatasetInfo dataset;
    /** How many sentences each section of the source has (numbered from 0, the heading): what a citation may name. */
    private final Map<String, Integer> sentenceCounts = new HashMap<>();
    /** Each milestone's section, against which a bare sentence number in a row about the milestone is read. */
    private final Map<String, String> milestoneSections = new HashMap<>();

    private CsvHistory(Path dir, String displayDir) {
        this.dir = dir;
        this.displayDir = displayDir;
        indexIds(Table.SECTIONS, row -> Kind.SECTION);
        indexSentences();
        checkNoCycle(Table.REGIONS, "within", "is within", indexIds(Table.REGIONS, row -> Kind.REGION, "within"));
        indexIds(Table.COUNTRIES, row -> Kind.COUNTRY, Table.REGIONS);
        indexIds(Table.CITIES, row -> Kind.CITY, Table.REGIONS, Table.COUNTRIES);
        Map<String, ParentLink> organisationParents = indexIds(Table.ORGANISATIONS, row -> row.code("type", OrganisationType.class) == OrganisationType.GROUP
                ? Kind.GROUP : Kind.ORGANISATION, "part_of");
        checkNoCycle(Table.ORGANISATIONS, "part_of", "is part of", organisationParents);
        indexIds(Table.PEOPLE, row -> Kind.PERSON, Table.ORGANISATIONS);
        indexIds(Table.TOPICS, row -> Kind.TOPIC);
        indexIds(Table.ROLES, row -> Kind.ROLE);
        checkNoCycle(Table.MILESTONES, "part_of", "is part of", indexIds(Table.MILESTONES, row -> Kind.MILESTONE, "part_of",
                row -> milestoneSections.put(row.slug("id"), row.optional("section").orElse(""))));
        indexIds(Table.QUANTITIES, row -> Kind.QUANTITY);
        checkNoCycle(Table.WORKS, "part_of", "is part of", indexIds(Table.WORKS, row -> Kind.WORK, "part_of"));
        this.dataset = readDataset();
    }

    /**
     * Opens a data folder, indexing and checking its ids.
     *
     * @throws DataException when a table is missing or malformed, or an id is repeated
     */
    public static CsvHistory open(Path dir) {
        Objects.requireNonNull(dir, "dir");
        String display = dir.toString();
        if (!Files.isDirectory(dir)) throw new DataException(display, 0, 0, null, "not a data folder: run from the repository root, or give --data DIR");
        return new CsvHistory(dir, display);
    }

    private CsvTable table(Table table) {
        String name = displayDir.endsWith("/") ? displayDir + table.fileName() : displayDir + "/" + table.fileName();
        return CsvTable.of(dir.resolve(table.fileName()), name, table.columns(), table.optionalColumns());
    }

    /**
     * Indexes the ids of a table, checking each is new in it and, since one reference column may name
     * any of them, absent from the tables in {@code distinctFrom} (indexed before).
     */
    private void indexIds(Table table, Function<CsvRow, Kind> kind, Table... distinctFrom) {
        indexIds(table, kind, null, distinctFrom);
    }

    private Map<String, ParentLink> indexIds(Table table, Function<CsvRow, Kind> kind, String parentColumn, Table... distinctFrom) {
        return indexIds(table, kind, parentColumn, row -> {}, distinctFrom);
    }

    /**
     * As {@link #indexIds(Table, Function, Table...)}, also collecting in the same pass each row's link in
     * {@code parentColumn} (when not null), for the cycle check.
     */
    private Map<String, ParentLink> indexIds(Table table, Function<CsvRow, Kind> kind, String parentColumn,
                                             Consumer<CsvRow> also, Table... distinctFrom) {
        Map<String, ParentLink> parents = new LinkedHashMap<>();
        Map<String, Kind> index = new HashMap<>();
        Map<String, Long> lines = new HashMap<>();
        try (Stream<CsvRow> rows = table(table).rows()) {
            rows.forEach(row -> {
                String id = row.slug("id");
                Long first = lines.putIfAbsent(id, row.origin().line());
                if (first != null) throw row.error("id", "duplicate id '" + id + "' (first used on line " + first + ")");
                for (Table other : distinctFrom) {
                    if (ids.get(other).containsKey(id)) {
                        Table[] group = Arrays.copyOf(distinctFrom, distinctFrom.length + 1);
                        group[distinctFrom.length] = table;
                        throw row.error("id", "id '" + id + "' is also used in " + other.fileName()
                                + "; ids must be distinct across " + names(group) + " since a reference names one of them");
                    }
                }
                index.put(id, kind.apply(row));
                also.accept(row);
                if (parentColumn != null) {
                    row.optional(parentColumn).ifPresent(parent -> {
                        DataException at = row.error(parentColumn, "");
                        parents.put(id, new ParentLink(parent, at.line(), at.column()));
                    });
                }
            });
        }
        ids.put(table, index);
        return parents;
    }

    /** A row's link to its parent (part_of, within), as the cycle check needs it: a few fields per id. */
    private record ParentLink(String parent, long line, int column) {}

    /**
     * Refuses a cycle of parent links in one table (a part of b, b part of a), naming the first row of
     * the cycle. The parent links come from the index pass; memory grows with the number of ids. A row
     * naming itself or an unknown id is left to the record stream, which reports it in its own terms.
     */
    private void checkNoCycle(Table table, String column, String verb, Map<String, ParentLink> parents) {
        Set<String> done = new HashSet<>();
        for (String start : parents.keySet()) {
            List<String> path = new ArrayList<>();
            String node = start;
            while (node != null && parents.containsKey(node) && !done.contains(node) && !path.contains(node)) {
                path.add(node);
                node = parents.get(node).parent();
            }
            if (node != null && path.contains(node)) {
                List<String> cycle = path.subList(path.indexOf(node), path.size());
                if (cycle.size() > 1) {
                    String first = cycle.stream().min((a, b) -> Long.compare(parents.get(a).line(), parents.get(b).line())).orElseThrow();
                    StringBuilder chain = new StringBuilder("'" + first + "'");
                    for (String n = parents.get(first).parent(); ; n = parents.get(n).parent()) {
                        chain.append(' ').append(verb).append(" '").append(n).append('\'');
                        if (n.equals(first)) break;
                    }
                    ParentLink link = parents.get(first);
                    throw new DataException(table(table).displayName(), link.line(), link.column(), column,
                            "a cycle of " + column + " links: " + chain + "; break the cycle (lines "
                            + cycle.stream().map(n -> parents.get(n).line()).sorted().map(String::valueOf)
                                    .reduce((a, b) -> a + ", " + b).orElse("") + ")");
                }
            }
            done.addAll(path);
        }
    }

    private static String names(Table... tables) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tables.length; i++) {
            sb.append(i == 0 ? "" : i == tables.length - 1 ? " and " : ", ").append(tables[i].fileName());
        }
        return sb.toString();
    }

    /** Resolves a reference cell against the ids of the given tables. */
    private Ref ref(CsvRow row, String column, Table... targets) {
        String slug = row.slug(column);
        for (Table t : targets) {
            Kind kind = ids.get(t).get(slug);
            if (kind != null) return new Ref(kind, slug);
        }
        throw row.error(column, "unknown reference '" + slug + "': no such id in " + names(targets));
    }

    private Optional<Ref> optionalRef(CsvRow row, String column, Table... targets) {
        return row.optional(column).isEmpty() ? Optional.empty() : Optional.of(ref(row, column, targets));
    }

    private String id(CsvRow row, String column, Table target) {
        return ref(row, column, target).slug();
    }

    private Optional<String> optionalId(CsvRow row, String column, Table target) {
        return optionalRef(row, column, target).map(Ref::slug);
    }

    /** An optional text: none when both cells are empty; a French text without the English one is refused. */
    private static Optional<Text> optionalText(CsvRow row, String prefix) {
        Optional<String> en = row.optional(prefix + "_en");
        Optional<String> fr = row.optional(prefix + "_fr");
        if (en.isEmpty() && fr.isPresent()) throw row.error(prefix + "_en", "French " + prefix + " given without the English one");
        return en.map(e -> new Text(e, fr));
    }

    private <T> Stream<T> read(Table table, Function<CsvRow, T> mapping) {
        return table(table).rows().map(mapping);
    }

    /** The section of a (checked) milestone, which a bare sentence number in a row about it is read in. */
    private Optional<String> sectionOf(String milestone) {
        return Optional.ofNullable(milestoneSections.get(milestone)).filter(section -> !section.isEmpty());
    }

    private boolean hasSentences() {
        return Files.exists(dir.resolve(Table.SENTENCES.fileName()));
    }

    /**
     * Reads sentences.csv once, checking that each section's sentences are numbered 0, 1, 2... in rows
     * that follow each other and that positions go forward through the document, and counts each section's
     * sentences. A folder without the table has no sentence to cite.
     */
    private void indexSentences() {
        if (!hasSentences()) return;
        Set<String> ids = this.ids.get(Table.SECTIONS).keySet();
        int[] lastEnd = {0};
        String[] current = {null};
        try (Stream<CsvRow> rows = table(Table.SENTENCES).rows()) {
            rows.forEach(r -> {
                String section = r.slug("section");
                if (!ids.contains(section)) throw r.error("section", "unknown reference '" + section + "': no such id in sections.csv");
                int n = r.integer("n", 0).orElseThrow(() -> r.error("n", "required cell is empty"));
                int expected = sentenceCounts.getOrDefault(section, 0);
                if (!section.equals(current[0]) && expected > 0) {
                    throw r.error("section", "the sentences of section '" + section + "' must follow each other; they began above and another section came between");
                }
                if (n != expected) throw r.error("n", "sentence " + n + " of section '" + section + "' should be " + expected
                        + ": a section's sentences are numbered 0 (its heading), 1, 2... in order");
                int start = r.integer("start", 0).orElseThrow(() -> r.error("start", "required cell is empty"));
                int end = r.integer("end", 0).orElseThrow(() -> r.error("end", "required cell is empty"));
                if (start < lastEnd[0]) throw r.error("start", "starts at " + start + ", before the end of the sentence above (" + lastEnd[0] + ")");
                if (end <= start) throw r.error("end", "end " + end + " is not after start " + start);
                r.optional("reason").ifPresent(reason -> r.code("reason", NoFactReason.class));
                lastEnd[0] = end;
                current[0] = section;
                sentenceCounts.put(section, n + 1);
            });
        }
    }

    /**
     * The citation columns of a fact row: {@code cites} names sentences as {@code n} (in the section the row
     * is about, where it has one) or {@code section/n}, separated by spaces; {@code basis} and
     * {@code basis_note_en} say why a fact holds where no sentence states it.
     *
     * @param section the section a bare number is read in, or empty for a row about no section (works)
     */
    private Citation citation(CsvRow r, Optional<String> section) {
        List<SentenceRef> cites = new ArrayList<>(2);
        Optional<String> cell = r.optional("cites");
        if (cell.isPresent()) {
            for (String token : CITES_SEPARATOR.split(cell.get())) {
                if (token.isEmpty()) continue;
                int slash = token.lastIndexOf('/');
                String inSection;
                if (slash < 0) {
                    if (section.isEmpty()) {
                        throw r.error("cites", "'" + token + "' names no section: this table's rows are about no section of the source, so write section/number, such as 2005/1");
                    }
                    inSection = section.get();
                } else {
                    inSection = token.substring(0, slash);
                }
                String number = token.substring(slash + 1);
                int n;
                try {
                    if (number.isEmpty() || number.length() > 6 || !number.chars().allMatch(c -> c >= '0' && c <= '9')) throw new NumberFormatException();
                    n = Integer.parseInt(number);
                } catch (NumberFormatException e) {
                    throw r.error("cites", "'" + token + "' is not a sentence: write its number, or section/number (such as 2005/1)");
                }
                Integer count = sentenceCounts.get(inSection);
                if (count == null) {
                    throw r.error("cites", hasSentences()
                            ? "sentence '" + token + "' does not exist: section '" + inSection + "' has no sentences in sentences.csv"
                            : "sentence '" + token + "' does not exist: the data folder has no sentences.csv");
                }
                if (n >= count) {
                    throw r.error("cites", "sentence '" + token + "' does not exist: section '" + inSection + "' has sentences 0 to " + (count - 1));
                }
                SentenceRef ref = new SentenceRef(inSection, n);
                if (cites.contains(ref)) throw r.error("cites", "sentence '" + token + "' is cited twice");
                cites.add(ref);
            }
        }
        Optional<BasisKind> kind = r.optional("basis").isPresent() ? Optional.of(r.code("basis", BasisKind.class)) : Optional.empty();
        Optional<String> noteEn = r.optional("basis_note_en");
        Optional<String> noteFr = r.optional("basis_note_fr");
        if (kind.isEmpty()) {
            if (noteEn.isPresent() || noteFr.isPresent()) throw r.error("basis", "a basis note needs a basis (checked-reference or inferred)");
            return cites.isEmpty() ? Citation.NONE : new Citation(cites, Optional.empty());
        }
        if (noteEn.isEmpty()) {
            throw r.error("basis_note_en", kind.get() == BasisKind.INFERRED
                    ? "name the inference, such as 'the founding precedes the tribunal'"
                    : "say what was checked, such as 'UN document symbol from the checked list'");
        }
        return new Citation(cites, Optional.of(new Basis(kind.get(), new Text(noteEn.get(), noteFr))));
    }

    private DatasetInfo readDataset() {
        try (Stream<CsvRow> rows = table(Table.DATASET).rows()) {
            List<CsvRow> all = rows.limit(2).toList();
            if (all.size() != 1) {
                throw new DataException(table(Table.DATASET).displayName(), all.isEmpty() ? 0 : all.get(1).origin().line(),
                        0, null, "dataset.csv has exactly one row, describing the dataset");
            }
            CsvRow r = all.get(0);
            String issued = r.matching("issued", DATE, "a date (YYYY-MM-DD)").orElseThrow(() -> r.error("issued", "required cell is empty"));
            String modified = r.matching("modified", DATE, "a date (YYYY-MM-DD)").orElseThrow(() -> r.error("modified", "required cell is empty"));
            if (modified.compareTo(issued) < 0) throw r.error("modified", "modified (" + modified + ") is before issued (" + issued + ")");
            return new DatasetInfo(r.origin(), r.text("title"), r.text("description"), r.required("version"),
                    issued, modified, id(r, "publisher", Table.ORGANISATIONS),
                    r.matching("license", HTTP_IRI, "an http(s) IRI").orElseThrow(() -> r.error("license", "required cell is empty")),
                    r.matching("source", HTTP_IRI, "an http(s) IRI").orElseThrow(() -> r.error("source", "required cell is empty")));
        }
    }

    @Override
    public DatasetInfo dataset() {
        return dataset;
    }

    @Override
    public Stream<Section> sections() {
        return read(Table.SECTIONS, r -> new Section(r.origin(), r.slug("id"),
                new Text(r.required("heading"), r.optional("heading_fr")),
                r.integer("position", 1).orElseThrow(() -> r.error("position", "required cell is empty")),
                optionalId(r, "part_of", Table.SECTIONS), optionalText(r, "description")));
    }

    @Override
    public Stream<Sentence> sentences() {
        if (!hasSentences()) return Stream.empty();
        // checked row by row when the folder was opened
        return read(Table.SENTENCES, r -> new Sentence(r.origin(), r.slug("section"), r.integer("n", 0).getAsInt(),
                r.integer("start", 0).getAsInt(), r.integer("end", 0).getAsInt(),
                r.optional("reason").map(reason -> r.code("reason", NoFactReason.class))));
    }

    @Override
    public Stream<Region> regions() {
        return read(Table.REGIONS, r -> new Region(r.origin(), r.slug("id"), r.text("name"),
                optionalId(r, "within", Table.REGIONS)));
    }

    @Override
    public Stream<Country> countries() {
        return read(Table.COUNTRIES, r -> new Country(r.origin(), r.slug("id"), r.text("name"),
                r.matching("iso3166_alpha2", ISO_ALPHA2, "an ISO 3166-1 alpha-2 code (two capital letters)")
                        .orElseThrow(() -> r.error("iso3166_alpha2", "required cell is empty")),
                optionalId(r, "within", Table.REGIONS),
                r.matching("wikidata", WIKIDATA, "a Wikidata item id (such as Q142)"),
                r.matching("geonames", GEONAMES, "a GeoNames id (digits)")));
    }

    @Override
    public Stream<City> cities() {
        return read(Table.CITIES, r -> new City(r.origin(), r.slug("id"), r.text("name"),
                id(r, "country", Table.COUNTRIES),
                r.matching("wikidata", WIKIDATA, "a Wikidata item id (such as Q90)"),
                r.matching("geonames", GEONAMES, "a GeoNames id (digits)"),
                r.decimal("lat", -90, 90), r.decimal("lon", -180, 180)));
    }

    @Override
    public Stream<CountryGeometry> countryGeometries() {
        if (!Files.exists(dir.resolve(Table.COUNTRY_GEOMETRIES.fileName()))) return Stream.empty();
        Map<String, Long> seen = new HashMap<>();
        return read(Table.COUNTRY_GEOMETRIES, r -> {
            String country = id(r, "country", Table.COUNTRIES);
            Long first = seen.putIfAbsent(country, r.origin().line());
            if (first != null) throw r.error("country", "this country already has an outline, on line " + first);
            String scale = r.required("natural_earth_scale");
            if (!scale.equals("110m") && !scale.equals("50m")) throw r.error("natural_earth_scale", "'" + scale + "' is not 110m or 50m");
            return new CountryGeometry(r.origin(), country,
                    r.matching("iso3166_numeric", ISO_NUMERIC, "an ISO 3166-1 numeric code (three digits)")
                            .orElseThrow(() -> r.error("iso3166_numeric", "required cell is empty")),
                    r.required("natural_earth_name"), scale,
                    r.decimal("point_lat", -90, 90).orElseThrow(() -> r.error("point_lat", "required cell is empty")),
                    r.decimal("point_lon", -180, 180).orElseThrow(() -> r.error("point_lon", "required cell is empty")),
                    Wkt.multiPolygon(r, "outline_wkt"));
        });
    }

    @Override
    public Stream<Organisation> organisations() {
        return read(Table.ORGANISATIONS, r -> {
            OrganisationType type = r.code("type", OrganisationType.class);
            Optional<String> partOf = optionalId(r, "part_of", Table.ORGANISATIONS);
            if (partOf.isPresent() && partOf.get().equals(r.slug("id"))) throw r.error("part_of", "an organisation cannot be part of itself");
            return new Organisation(r.origin(), r.slug("id"), type, r.text("name"), r.optional("alt_name"),
                    partOf, optionalRef(r, "based_in", Table.CITIES, Table.COUNTRIES, Table.REGIONS),
                    r.matching("wikidata", WIKIDATA, "a Wikidata item id (such as Q8908)"), r.text("description"));
        });
    }

    @Override
    public Stream<Person> people() {
        return read(Table.PEOPLE, r -> {
            Optional<String> positionEn = r.optional("former_position_en");
            Optional<String> positionFr = r.optional("former_position_fr");
            if (positionEn.isEmpty() && positionFr.isPresent()) throw r.error("former_position_en", "French position given without the English one");
            return new Person(r.origin(), r.slug("id"), r.required("name"), r.optional("honorific_prefix"),
                    r.optional("given_name"), r.optional("family_name"),
                    positionEn.map(en -> new Text(en, positionFr)),
                    optionalId(r, "former_affiliation", Table.ORGANISATIONS), r.text("description"));
        });
    }

    @Override
    public Stream<Topic> topics() {
        return read(Table.TOPICS, r -> new Topic(r.origin(), r.slug("id"), r.text("label"), r.optional("alt_label_en"),
                optionalId(r, "broader", Table.TOPICS), r.text("definition")));
    }

    @Override
    public Stream<Role> roles() {
        return read(Table.ROLES, r -> new Role(r.origin(), r.slug("id"), r.text("label"), r.text("definition")));
    }

    @Override
    public Stream<Milestone> milestones() {
        return read(Table.MILESTONES, r -> {
            String id = r.slug("id");
            var start = r.year("start_year");
            var end = r.year("end_year");
            if (start.isPresent() && end.isPresent() && end.get().isBefore(start.get())) {
                throw r.error("end_year", "end year " + end.get() + " is before start year " + start.get());
            }
            var notBefore = r.year("not_before");
            var notAfter = r.year("not_after");
            if (notBefore.isPresent() && notAfter.isPresent() && notAfter.get().isBefore(notBefore.get())) {
                throw r.error("not_after", "'not after' year " + notAfter.get() + " is before 'not before' year " + notBefore.get());
            }
            Optional<String> partOf = optionalId(r, "part_of", Table.MILESTONES);
            if (partOf.isPresent() && partOf.get().equals(id)) throw r.error("part_of", "a milestone cannot be part of itself");
            var sequence = r.integer("sequence", 1);
            if (sequence.isPresent() && partOf.isEmpty()) throw r.error("sequence", "a sequence number needs part_of: it orders the parts of a milestone");
            String section = id(r, "section", Table.SECTIONS);
            return new Milestone(r.origin(), id, r.code("type", MilestoneType.class), r.text("name"), start, end,
                    notBefore, notAfter, partOf, sequence, section, r.text("description"), citation(r, Optional.of(section)));
        });
    }

    @Override
    public Stream<MilestoneLink> milestoneLinks() {
        Map<String, Long> seen = new HashMap<>();
        return read(Table.MILESTONE_LINKS, r -> {
            String milestone = id(r, "milestone", Table.MILESTONES);
            MilestoneRelation relation = r.code("relation", MilestoneRelation.class);
            Ref target = switch (relation) {
                case LOCATION -> ref(r, "target", Table.CITIES, Table.COUNTRIES, Table.REGIONS);
                case TOPIC -> ref(r, "target", Table.TOPICS);
                case OUTCOME, CONCERNS -> ref(r, "target", Table.WORKS);
                case CONTINUES -> ref(r, "target", Table.MILESTONES);
                case ESTABLISHES -> ref(r, "target", Table.ORGANISATIONS);
            };
            if (relation == MilestoneRelation.CONTINUES && target.slug().equals(milestone)) throw r.error("target", "a milestone cannot continue itself");
            Long first = seen.putIfAbsent(milestone + " " + relation.code() + " " + target.slug(), r.origin().line());
            if (first != null) throw r.error("target", "this link is already stated above, on line " + first);
            return new MilestoneLink(r.origin(), milestone, relation, target, citation(r, sectionOf(milestone)));
        });
    }

    @Override
    public Stream<Participation> participations() {
        Map<String, Long> seen = new HashMap<>();
        return read(Table.PARTICIPATIONS, r -> {
            var start = r.year("start_year");
            var end = r.year("end_year");
            if (start.isPresent() && end.isPresent() && end.get().isBefore(start.get())) {
                throw r.error("end_year", "end year " + end.get() + " is before start year " + start.get());
            }
            String milestone = id(r, "milestone", Table.MILESTONES);
            Participation p = new Participation(r.origin(), milestone,
                    ref(r, "agent", Table.ORGANISATIONS, Table.PEOPLE), id(r, "role", Table.ROLES), start, end,
                    citation(r, sectionOf(milestone)));
            Long first = seen.putIfAbsent(p.slug(), r.origin().line());
            if (first != null) throw r.error("role", "this agent already has this role in this milestone (stated on line " + first + ")");
            return p;
        });
    }

    @Override
    public Stream<Quantity> quantities() {
        return read(Table.QUANTITIES, r -> {
            QuantityQualifier qualifier = r.code("qualifier", QuantityQualifier.class);
            var value = r.integer("value", 0);
            var max = r.integer("max_value", 0);
            switch (qualifier) {
                case RANGE -> {
                    if (value.isEmpty() || max.isEmpty()) throw r.error(value.isEmpty() ? "value" : "max_value", "a range needs value (its minimum) and max_value");
                    if (max.getAsInt() <= value.getAsInt()) throw r.error("max_value", "max_value must be above value");
                }
                case SEVERAL -> {
                    if (value.isPresent()) throw r.error("value", "'several' states no number; use exactly or more-than");
                }
                default -> {
                    if (value.isEmpty()) throw r.error("value", "required for qualifier " + qualifier.code());
                    if (max.isPresent()) throw r.error("max_value", "only a range has a max_value");
                }
            }
            String milestone = id(r, "milestone", Table.MILESTONES);
            return new Quantity(r.origin(), r.slug("id"), milestone, r.text("label"),
                    qualifier, value, max, r.required("unit"), citation(r, sectionOf(milestone)));
        });
    }

    @Override
    public Stream<Work> works() {
        return read(Table.WORKS, r -> new Work(r.origin(), r.slug("id"), r.code("type", WorkType.class), r.text("title"),
                r.year("year"), r.optional("edition_en"), r.optional("document_symbol"),
                optionalId(r, "part_of", Table.WORKS), r.text("description"), citation(r, Optional.empty())));
    }

    @Override
    public Stream<WorkLink> workLinks() {
        Map<String, Long> seen = new HashMap<>();
        return read(Table.WORK_LINKS, r -> {
            String work = id(r, "work", Table.WORKS);
            WorkRelation relation = r.code("relation", WorkRelation.class);
            Ref target = switch (relation) {
                case PRODUCED_BY, ADOPTED_BY, ADDRESSED_TO -> ref(r, "target", Table.ORGANISATIONS, Table.PEOPLE);
                case ON_A_PAR_WITH, DERIVED_FROM, IMPLEMENTS -> ref(r, "target", Table.WORKS);
                case TOPIC -> ref(r, "target", Table.TOPICS);
            };
            if (target.kind() == Kind.WORK && target.slug().equals(work)) throw r.error("target", "a work cannot be linked to itself");
            Long first = seen.putIfAbsent(work + " " + relation.code() + " " + target.slug(), r.origin().line());
            if (first != null) throw r.error("target", "this link is already stated above, on line " + first);
            return new WorkLink(r.origin(), work, relation, target, citation(r, Optional.empty()));
        });
    }
}
